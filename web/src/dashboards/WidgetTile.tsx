import { useRef, useState, type DragEvent, type PointerEvent } from "react";
import { api } from "../api/client";
import type { CubeModel, Diagnostic } from "../api/types";
import { buildQuery } from "../mdx/buildQuery";
import { DRAG_MIME, decodeDrag, dropOn, type DragItem } from "../widget/edit";
import { isChart, isTable, type FilterSpec, type WidgetSpec } from "../widget/spec";
import { useExtensions } from "../extensions/hooks";
import { WidgetView } from "../widget/WidgetView";
import { csvFileName, download } from "./download";
import { describeFilter } from "../filters/describe";
import { t } from "../i18n";
import type { CalculatedMeasure } from "../measures/calculated";
import type { TileLayout } from "./model";

interface Props {
  spec: WidgetSpec;
  layout: TileLayout;
  model?: CubeModel;
  filters: FilterSpec[];
  calculated: CalculatedMeasure[];
  selected: boolean;
  onSelect: () => void;
  onChange: (spec: WidgetSpec) => void;
  onRemove: () => void;
  onResize: (size: TileLayout) => void;
  /** Another tile was dropped on this one: it takes this tile's place. */
  onMoveHere: (widgetId: string) => void;
  onDiagnostics: (d: Diagnostic[] | undefined) => void;
  /** Presentation mode: the widget alone, no editing chrome. */
  presenting?: boolean;
}

/** What a dragged tile carries: its widget's id. */
const TILE_MIME = "application/x-cuboid-tile";

/** The query a widget runs: its hand-written MDX, or the one built from its spec. */
export function widgetMdx(
  spec: WidgetSpec,
  model: CubeModel | undefined,
  filters: FilterSpec[],
  calculated: CalculatedMeasure[] = [],
): string | undefined {
  if (spec.mdx) return spec.mdx;
  if (!model && (spec.rows.length || spec.columns.length)) return undefined; // wait for the model (levels' depths)
  return buildQuery(spec, model, filters, calculated)?.mdx;
}

export function WidgetTile(props: Props) {
  const { spec, layout, model, filters, calculated, selected, onSelect, onChange, onRemove, onResize, onMoveHere } = props;
  const mdx = widgetMdx(spec, model, filters, calculated);
  const tile = useRef<HTMLDivElement>(null);
  const [over, setOver] = useState(false);
  const [exportError, setExportError] = useState<string>();
  const extensionTypes = useExtensions().widgetTypes();

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const moved = e.dataTransfer.getData(TILE_MIME);
    if (moved) {
      if (moved !== spec.id) onMoveHere(moved);
      return;
    }
    const item = decodeDrag(e.dataTransfer.getData(DRAG_MIME));
    if (!item || item.kind === "field") return;
    onChange(dropOn(spec, item.kind === "measure" ? "values" : "rows", item as DragItem));
  };

  const startResize = (e: PointerEvent) => {
    e.preventDefault();
    e.stopPropagation();
    const el = tile.current;
    const grid = el?.parentElement;
    if (!el || !grid) return;
    const colWidth = grid.clientWidth / 12;
    const rect = el.getBoundingClientRect();
    const move = (ev: globalThis.PointerEvent) => onResize({ w: (ev.clientX - rect.left) / colWidth, h: (ev.clientY - rect.top) / 80 });
    const up = () => {
      window.removeEventListener("pointermove", move);
      window.removeEventListener("pointerup", up);
    };
    window.addEventListener("pointermove", move);
    window.addEventListener("pointerup", up);
  };

  const exportCsv = async () => {
    if (!mdx) return;
    try {
      setExportError(undefined);
      download(await api.csv(mdx), csvFileName(spec.title));
    } catch (e) {
      setExportError(e instanceof Error ? e.message : String(e));
    }
  };

  const chart = isChart(spec.type);
  return (
    <div
      ref={tile}
      className={"tile" + (selected ? " selected" : "") + (over ? " drop-over" : "")}
      style={{ gridColumn: `span ${layout.w}`, gridRow: `span ${layout.h}` }}
      data-testid={`widget-${spec.id}`}
      onMouseDown={onSelect}
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes(DRAG_MIME) || e.dataTransfer.types.includes(TILE_MIME)) {
          e.preventDefault();
          setOver(true);
        }
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <div className={"tile-head" + (props.presenting ? " presenting" : "")}>
        <span
          className="tile-grip"
          draggable
          data-testid="widget-grip"
          title={t("tile.grip")}
          onDragStart={(e) => {
            e.dataTransfer.setData(TILE_MIME, spec.id);
            e.dataTransfer.effectAllowed = "move";
          }}
        >
          ⠿
        </span>
        <input
          className="tile-title"
          value={spec.title}
          data-testid="widget-title"
          onChange={(e) => onChange({ ...spec, title: e.target.value })}
        />
        <div className="segmented">
          <button
            className={isTable(spec.type) ? "active" : ""}
            data-testid="widget-type-pivot"
            onClick={() => onChange({ ...spec, type: "pivot" })}
          >
            {t("tile.table")}
          </button>
          <button
            className={chart ? "active" : ""}
            data-testid="widget-type-chart"
            onClick={() => !chart && onChange({ ...spec, type: "column" })}
          >
            {t("tile.chart")}
          </button>
          <button
            className={spec.type === "kpi" ? "active" : ""}
            data-testid="widget-type-kpi"
            onClick={() => onChange({ ...spec, type: "kpi" })}
          >
            {t("tile.kpi")}
          </button>
          {extensionTypes.map((w) => (
            <button
              key={w.type}
              className={spec.type === w.type ? "active" : ""}
              data-testid={`widget-type-${w.type}`}
              data-extension={w.extension}
              onClick={() => onChange({ ...spec, type: w.type })}
            >
              {w.label}
            </button>
          ))}
        </div>
        <label className={"live-toggle" + (spec.live ? " on" : "")} title={t("tile.liveTitle")}>
          <input
            type="checkbox"
            data-testid="widget-live"
            checked={!!spec.live}
            onChange={(e) => onChange({ ...spec, live: e.target.checked })}
          />
          {t("tile.live")}
        </label>
        <button className="icon-button" data-testid="widget-export-csv" title={t("tile.exportCsv")} onClick={exportCsv} disabled={!mdx}>
          ⤓
        </button>
        <button className="icon-button" data-testid="widget-remove" title={t("tile.remove")} onClick={onRemove}>
          ×
        </button>
      </div>
      {spec.filters.length > 0 && (
        // The widget's own filters, on its tile: its numbers are not the dashboard's alone.
        <div className="tile-filters" data-testid="tile-filters">
          {spec.filters.map((f, i) => (
            <span key={i} className="chip small" title={t("tile.ownFilter")}>
              {describeFilter(f, model)}
            </span>
          ))}
        </div>
      )}
      {exportError && <div className="error">{exportError}</div>}
      <WidgetView spec={spec} mdx={mdx} model={model} filters={filters} onChange={onChange} onDiagnostics={props.onDiagnostics} />
      <div className="resize-handle" data-testid="widget-resize" onPointerDown={startResize} />
    </div>
  );
}
