import { useRef } from "react";
import type { Diagnostic } from "../api/types";
import { errorSpans, segments } from "./errorSpans";

interface Props {
  value: string;
  diagnostics?: Diagnostic[];
  onChange: (text: string) => void;
  onRun: () => void;
}

/**
 * A plain textarea over an overlay that repeats the text with the server's error spans
 * underlined (red, wavy). Ctrl+Enter runs.
 */
export function MdxEditor({ value, diagnostics, onChange, onRun }: Props) {
  const overlay = useRef<HTMLPreElement>(null);
  const spans = errorSpans(value, diagnostics);
  return (
    <div className="mdx-editor">
      <div className="mdx-stack">
        <pre className="mdx-overlay" ref={overlay} aria-hidden>
          {segments(value, spans).map((s, i) =>
            s.error ? (
              <span key={i} className="mdx-error" data-testid="mdx-error-span" title={s.error}>
                {s.text}
              </span>
            ) : (
              <span key={i}>{s.text}</span>
            ),
          )}
          {"\n"}
        </pre>
        <textarea
          className="mdx-text"
          data-testid="mdx-editor"
          spellCheck={false}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          onScroll={(e) => {
            if (overlay.current) {
              overlay.current.scrollTop = e.currentTarget.scrollTop;
              overlay.current.scrollLeft = e.currentTarget.scrollLeft;
            }
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              onRun();
            }
          }}
        />
      </div>
      {(diagnostics ?? []).map((d, i) => (
        <div key={i} className="error small" data-testid="mdx-diagnostic">
          {d.line}:{d.column} {d.message}
        </div>
      ))}
    </div>
  );
}
