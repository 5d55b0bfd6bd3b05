import { useState } from "react";
import type { EmbedRoute } from "../app/useHashRoute";
import { t } from "../i18n";
import { WidgetView } from "../widget/WidgetView";
import { embedSpec } from "./embed";

/** The embed page: one live widget filling the viewport, with a title line when the link gives one. Nothing else. */
export function EmbedView({ route }: { route: EmbedRoute }) {
  if ("error" in route)
    return (
      <div className="embed" data-testid="embed">
        <div className="error embed-error" data-testid="embed-error">
          {t("embed.missingMdx")}
        </div>
      </div>
    );
  return <EmbeddedWidget mdx={route.mdx} type={route.type} title={route.title} />;
}

function EmbeddedWidget({ mdx, type, title }: { mdx: string; type: string; title?: string }) {
  const [spec, setSpec] = useState(() => embedSpec(mdx, type, title));
  return (
    <div className="embed" data-testid="embed">
      {title && (
        <div className="embed-title" data-testid="embed-title">
          {title}
        </div>
      )}
      <WidgetView
        spec={spec}
        mdx={mdx}
        filters={[]}
        // The query is the link's: a sort or a column's width changes the view, nothing changes the query.
        onChange={(next) => setSpec((s) => ({ ...s, sort: next.sort, widths: next.widths }))}
      />
    </div>
  );
}
