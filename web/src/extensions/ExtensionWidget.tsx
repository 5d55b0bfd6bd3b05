import { useEffect, useRef, useState } from "react";
import type { CellSet } from "../api/types";
import { t } from "../i18n";
import type { WidgetInfo } from "./api";
import { messageOf } from "./createApi";
import { runExtension } from "./host";
import type { RegisteredWidgetType } from "./registry";

interface Props {
  widgetType: RegisteredWidgetType;
  cellSet: CellSet;
  widget: WidgetInfo;
}

/**
 * A widget of an extension's type: a div the app owns, which the type's `render` fills. Each render starts from an
 * empty div: the previous render's cleanup runs, then the div is emptied. A render that throws shows its error.
 */
export function ExtensionWidget({ widgetType, cellSet, widget }: Props) {
  const element = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string>();
  const { id, title, type, cube, mdx } = widget;

  useEffect(() => {
    const el = element.current;
    if (!el) return;
    let cleanup: unknown;
    try {
      cleanup = widgetType.render(el, { cellSet, widget: { id, title, type, cube, mdx }, api: widgetType.api });
      setError(undefined);
    } catch (e) {
      console.error(`Cuboid extension "${widgetType.extension}" could not draw a "${type}" widget:`, e);
      setError(messageOf(e));
    }
    return () => {
      if (typeof cleanup === "function") runExtension(widgetType.extension, cleanup as () => unknown);
      el.replaceChildren();
    };
  }, [widgetType, cellSet, id, title, type, cube, mdx]);

  return (
    <>
      {error && (
        <div className="error" data-testid="extension-render-error">
          {t("widget.extensionFailed", { type, error })}
        </div>
      )}
      <div ref={element} className="extension-widget" data-testid="extension-widget" data-widget-type={type} />
    </>
  );
}
