import { useState } from "react";
import { t } from "../i18n";
import { addPage, removePage, renamePage, type Dashboard } from "./model";

interface Props {
  dashboard: Dashboard;
  pageId: string;
  onSelect: (pageId: string) => void;
  onChange: (d: Dashboard, selectPage?: string) => void;
}

/** Page tabs: click to open, double-click to rename, × to delete, + to add. */
export function PageTabs({ dashboard, pageId, onSelect, onChange }: Props) {
  const [renaming, setRenaming] = useState<string>();
  return (
    <div className="tabs pages" data-testid="page-tabs">
      {dashboard.pages.map((p, i) => (
        <div
          key={p.id}
          className={"tab" + (p.id === pageId ? " active" : "")}
          data-testid={`page-tab-${i}`}
          onClick={() => onSelect(p.id)}
          onDoubleClick={() => setRenaming(p.id)}
        >
          {renaming === p.id ? (
            <input
              autoFocus
              defaultValue={p.name}
              onBlur={(e) => {
                setRenaming(undefined);
                onChange(renamePage(dashboard, p.id, e.target.value || p.name));
              }}
              onKeyDown={(e) => e.key === "Enter" && (e.target as HTMLInputElement).blur()}
            />
          ) : (
            p.name
          )}
          {dashboard.pages.length > 1 && (
            <button
              className="tab-close"
              title={t("pages.delete")}
              onClick={(e) => {
                e.stopPropagation();
                const next = removePage(dashboard, p.id);
                onChange(next, p.id === pageId ? next.pages[0].id : undefined);
              }}
            >
              ×
            </button>
          )}
        </div>
      ))}
      <button
        className="tab add"
        data-testid="add-page"
        title={t("pages.add")}
        onClick={() => {
          const { dashboard: d, page } = addPage(dashboard);
          onChange(d, page.id);
        }}
      >
        +
      </button>
    </div>
  );
}
