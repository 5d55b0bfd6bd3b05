import { useCallback, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type PointerEvent, type ReactElement } from "react";
import type { CellSetMember } from "../api/types";
import type { SortSpec } from "../widget/spec";
import type { Grid, HeaderCell } from "./cellSetToGrid";
import { visibleRange } from "./virtual";
import { canvasMeasure, fitWidths, offsets, rowHeadKey, visibleSpan } from "./widths";

const ROW_H = 28;
const measureText = canvasMeasure();

interface Props {
  grid: Grid;
  sort?: SortSpec;
  /** Widths the user set by dragging a column's edge (saved with the widget), by column key. */
  widths?: Record<string, number>;
  onResize?: (key: string, width: number | undefined) => void;
  onToggle: (member: CellSetMember, expanded: boolean) => void;
  onSort: (columnKey: string) => void;
  onDrillthrough: (row: number, column: number) => void;
}

/** Runs of a header row that touch columns [start, end): [first column, width in columns]. */
function runs(cells: (HeaderCell | undefined)[], start: number, end: number): [number, number][] {
  const out: [number, number][] = [];
  let c = start;
  while (c < end) {
    let first = c;
    while (first > 0 && cells[first]?.span === 0) first--;
    const span = Math.max(1, cells[first]?.span ?? 1);
    out.push([first, span]);
    c = first + span;
  }
  return out;
}

function ExpandButton({ h, onToggle, testId }: { h: HeaderCell; onToggle: Props["onToggle"]; testId: string }) {
  if (!h.expandable || !h.member) return <span className="expander-space" />;
  return (
    <button
      className="expander"
      data-testid={testId}
      title={h.expanded ? "Collapse" : "Expand"}
      onClick={(e) => {
        e.stopPropagation();
        onToggle(h.member!, h.expanded);
      }}
    >
      {h.expanded ? "−" : "+"}
    </button>
  );
}

/** A virtualized pivot table: frozen headers, only the visible cells are in the DOM. */
/**
 * The handle on a column's right edge: drag to resize (the width follows the pointer, and is
 * kept — one undo step — when the button is released), double-click to fit the content again.
 */
function Resizer({ width, onDrag, onResize, testId }: { width: number; onDrag: (width: number | null) => void; onResize: (width: number | undefined) => void; testId: string }) {
  const start = (e: PointerEvent<HTMLDivElement>) => {
    e.preventDefault();
    e.stopPropagation();
    const x = e.clientX;
    const handle = e.currentTarget;
    handle.setPointerCapture(e.pointerId);
    let last = width;
    const move = (ev: globalThis.PointerEvent) => onDrag((last = Math.max(40, width + ev.clientX - x)));
    const up = () => {
      handle.removeEventListener("pointermove", move);
      handle.removeEventListener("pointerup", up);
      onDrag(null);
      if (last !== width) onResize(last);
    };
    handle.addEventListener("pointermove", move);
    handle.addEventListener("pointerup", up);
  };
  return (
    <div
      className="col-resizer"
      data-testid={testId}
      title="Drag to resize; double-click to fit"
      onPointerDown={start}
      onClick={(e) => e.stopPropagation()}
      onDoubleClick={(e) => {
        e.stopPropagation();
        onResize(undefined);
      }}
    />
  );
}

export function PivotTable({ grid, sort, widths: saved, onResize, onToggle, onSort, onDrillthrough }: Props) {
  const body = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, left: 0, width: 800, height: 400 });
  const frame = useRef(0);

  const measure = useCallback(() => {
    const el = body.current;
    if (el) setView({ top: el.scrollTop, left: el.scrollLeft, width: el.clientWidth, height: el.clientHeight });
  }, []);

  useLayoutEffect(() => {
    measure();
    const el = body.current;
    if (!el) return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [measure]);

  const onScroll = () => {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(measure);
  };

  // Columns fit their content (numbers are never cut), unless the user dragged a width.
  const [dragging, setDragging] = useState<{ key: string; width: number }>();
  const widths = useMemo(() => fitWidths(grid, measureText, dragging ? { ...saved, [dragging.key]: dragging.width } : saved), [grid, saved, dragging]);
  const resizer = (key: string, width: number, testId: string) =>
    onResize && (
      <Resizer
        width={width}
        testId={testId}
        onDrag={(w) => setDragging(w === null ? undefined : { key, width: w })}
        onResize={(w) => onResize(key, w)}
      />
    );
  const colX = useMemo(() => offsets(widths.columns), [widths]);
  const headX = useMemo(() => offsets(widths.rowHeads), [widths]);
  const rowHeaderWidth = headX[headX.length - 1];
  const headerHeight = Math.max(1, grid.columnHeaderDepth) * ROW_H;
  const rows = visibleRange(view.top, view.height, ROW_H, grid.rows.length);
  const cols = visibleSpan(colX, view.left, view.width, 2);
  const totalW = colX[colX.length - 1];
  const totalH = grid.rows.length * ROW_H;

  const cells: ReactElement[] = [];
  const rowHeads: ReactElement[] = [];
  for (let r = rows.start; r < rows.end; r++) {
    const row = grid.rows[r];
    const cls = "pivot-row-" + row.kind;
    for (let c = cols.start; c < cols.end; c++) {
      const cell = row.cells[c];
      const negative = typeof cell?.value === "number" && cell.value < 0;
      cells.push(
        <div
          key={r + ":" + c}
          className={"pivot-cell " + cls + (negative ? " negative" : "") + (grid.columns[c].total ? " pivot-col-total" : "")}
          style={{ top: r * ROW_H, left: colX[c], width: widths.columns[c], height: ROW_H }}
          data-testid={`pivot-cell-${r}-${c}`}
          onDoubleClick={() => onDrillthrough(row.source, grid.columns[c].source)}
          title={cell?.formatted}
        >
          {cell?.formatted}
        </div>,
      );
    }
    row.headers.forEach((h, p) => {
      const showCaption = h.span > 0 || r === rows.start;
      const style: CSSProperties = { top: r * ROW_H, left: headX[p], width: widths.rowHeads[p], height: ROW_H, paddingLeft: 6 + h.indent * 14 };
      rowHeads.push(
        <div
          key={r + ":" + p}
          className={"pivot-row-head " + cls + (h.span === 0 ? " covered" : "")}
          style={style}
          data-testid={`pivot-row-${r}-${p}`}
          title={h.caption}
        >
          {showCaption && (
            <>
              <ExpandButton h={h} onToggle={onToggle} testId={`pivot-expand-${r}-${p}`} />
              <span className="caption">{h.total ? "Total" : h.caption}</span>
            </>
          )}
        </div>,
      );
    });
  }

  const colHeads: ReactElement[] = [];
  for (let level = 0; level < grid.columnHeaderDepth; level++) {
    const last = level === grid.columnHeaderDepth - 1;
    const headerCells = grid.columns.map((c) => c.headers[level]);
    for (const [first, span] of runs(headerCells, cols.start, cols.end)) {
      const col = grid.columns[first];
      const h = col.headers[level];
      const sorted = last && sort?.column === col.key ? (sort.direction === "asc" ? " ▲" : " ▼") : "";
      colHeads.push(
        <div
          key={level + ":" + first}
          className={"pivot-col-head" + (last ? " sortable" : "") + (h?.total ? " pivot-col-total" : "")}
          style={{ top: level * ROW_H, left: colX[first], width: colX[first + span] - colX[first], height: ROW_H }}
          data-testid={last ? `pivot-col-${first}` : `pivot-col-${level}-${first}`}
          title={last ? "Click to sort" : h?.caption}
          onClick={last ? () => onSort(col.key) : undefined}
        >
          {h && <ExpandButton h={h} onToggle={onToggle} testId={`pivot-col-expand-${level}-${first}`} />}
          <span className="caption">{h?.total ? "Total" : h?.caption}</span>
          {sorted}
          {last && resizer(col.key, widths.columns[first], `pivot-col-resize-${first}`)}
        </div>,
      );
    }
  }

  return (
    <div
      className="pivot"
      data-testid="pivot-table"
      style={{ gridTemplateColumns: `${rowHeaderWidth}px 1fr`, gridTemplateRows: `${headerHeight}px 1fr` }}
    >
      <div className="pivot-corner">
        {grid.rowHeaderTitles.map((t, p) => (
          <div key={p} className="pivot-corner-title" style={{ left: headX[p], width: widths.rowHeads[p], top: headerHeight - ROW_H }}>
            {t}
            {resizer(rowHeadKey(p), widths.rowHeads[p], `pivot-row-resize-${p}`)}
          </div>
        ))}
      </div>
      <div className="pivot-col-heads">
        <div style={{ position: "relative", width: totalW, height: headerHeight, transform: `translateX(${-view.left}px)` }}>
          {colHeads}
        </div>
      </div>
      <div className="pivot-row-heads">
        <div style={{ position: "relative", width: rowHeaderWidth, height: totalH, transform: `translateY(${-view.top}px)` }}>
          {rowHeads}
        </div>
      </div>
      <div className="pivot-body" ref={body} onScroll={onScroll}>
        <div style={{ position: "relative", width: totalW, height: totalH }}>{cells}</div>
      </div>
    </div>
  );
}
