import { useState, type DragEvent } from "react";
import type { CubeModel } from "../api/types";
import { DRAG_MIME, decodeDrag } from "../widget/edit";
import type { FilterSpec } from "../widget/spec";
import { t } from "../i18n";
import { describeFilter } from "./describe";
import { FilterEditor } from "./FilterEditor";

interface Props {
  cube: string;
  model?: CubeModel;
  filters: FilterSpec[];
  onChange: (filters: FilterSpec[]) => void;
  /** What the bar filters: the whole dashboard, or the page shown. */
  scope?: "dashboard" | "page";
  /** Shown only (presentation mode): chips without editing. */
  readOnly?: boolean;
}

/**
 * Filters as chips — the whole dashboard's, or the page's: drop a level (a member filter, whose
 * picker opens at once) or a measure (Top N) here.
 */
export function FilterBar({ cube, model, filters, onChange, scope = "dashboard", readOnly = false }: Props) {
  const [editing, setEditing] = useState<number>();
  const [over, setOver] = useState(false);
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const item = decodeDrag(e.dataTransfer.getData(DRAG_MIME));
    if (!item || item.kind === "field") return;
    const f: FilterSpec =
      item.kind === "level"
        ? { kind: "members", hierarchy: item.hierarchy, level: item.level, members: [] }
        : { kind: "topN", direction: "top", count: 10, measure: item.uniqueName };
    onChange([...filters, f]);
    setEditing(filters.length);
  };
  return (
    <div
      className={"filter-bar" + (over ? " drop-over" : "") + (scope === "page" ? " page-filters" : "")}
      data-testid={`drop-${scope}-filters`}
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes(DRAG_MIME)) {
          e.preventDefault();
          setOver(true);
        }
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <span className="filter-bar-label">{t(scope === "page" ? "filters.page" : "filters.dashboard")}</span>
      {filters.length === 0 && !readOnly && (
        <span className="zone-hint">{t(scope === "page" ? "filters.hintPage" : "filters.hintDashboard")}</span>
      )}
      {filters.map((f, i) => (
        <span key={i} className="chip clickable" data-testid={`${scope}-filter-${i}`} onClick={() => !readOnly && setEditing(i)}>
          <span className="chip-caption">{describeFilter(f, model)}</span>
          {!readOnly && (
            <button
              className="chip-remove"
              title={t("filters.remove")}
              onClick={(e) => {
                e.stopPropagation();
                setEditing(undefined);
                onChange(filters.filter((_, j) => j !== i));
              }}
            >
              ×
            </button>
          )}
        </span>
      ))}
      {editing !== undefined && filters[editing] && (
        <FilterEditor
          cube={cube}
          model={model}
          filter={filters[editing]}
          onApply={(f) => {
            onChange(filters.map((x, j) => (j === editing ? f : x)));
            if (f.kind === filters[editing].kind) setEditing(undefined);
          }}
          onClose={() => setEditing(undefined)}
        />
      )}
    </div>
  );
}
