import { useEffect, useRef, useState } from "react";
import { api, ApiError } from "../api/client";
import type { CellSet, Diagnostic } from "../api/types";
import { t } from "../i18n";
import { liveClient } from "../live/liveClient";

export interface WidgetData {
  cellSet?: CellSet;
  error?: string;
  diagnostics?: Diagnostic[];
  loading: boolean;
  /** True once loading has lasted 200 ms: show a spinner. */
  slow: boolean;
}

/**
 * Runs a widget's MDX (or, when `live`, registers it on the WebSocket). The previous result stays
 * until the new one arrives.
 */
export function useWidgetData(id: string, mdx: string | undefined, live: boolean): WidgetData {
  const [state, setState] = useState<WidgetData>({ loading: false, slow: false });
  const generation = useRef(0);

  useEffect(() => {
    if (!mdx) {
      setState({ loading: false, slow: false });
      return;
    }
    const gen = ++generation.current;
    setState((s) => ({ ...s, loading: true, slow: false }));
    const timer = setTimeout(() => {
      if (gen === generation.current) setState((s) => (s.loading ? { ...s, slow: true } : s));
    }, 200);
    if (live) {
      const unsubscribe = liveClient().subscribe(id, mdx, (m) => {
        if (gen !== generation.current) return;
        if (m.type === "result") setState({ cellSet: m.cellSet, loading: false, slow: false });
        else
          setState((s) => ({
            ...s,
            loading: false,
            slow: false,
            error: m.diagnostics.map((d) => d.message).join("\n") || m.message || t("widget.liveFailed"),
            diagnostics: m.diagnostics,
          }));
      });
      return () => {
        clearTimeout(timer);
        unsubscribe();
      };
    }
    const abort = new AbortController();
    api
      .mdx(mdx, abort.signal)
      .then((cellSet) => {
        if (gen === generation.current) setState({ cellSet, loading: false, slow: false });
      })
      .catch((e: unknown) => {
        if (abort.signal.aborted || gen !== generation.current) return;
        const diagnostics = e instanceof ApiError ? e.problem.diagnostics : undefined;
        setState((s) => ({
          ...s,
          loading: false,
          slow: false,
          error: e instanceof Error ? e.message : String(e),
          diagnostics,
        }));
      });
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [id, mdx, live]);

  return state;
}
