import React, {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type PointerEvent,
  type ReactElement,
} from "react";
import type { CellSetMember } from "../api/types";
import type { SortSpec } from "../widget/spec";
import { headerText, type Grid, type HeaderCell } from "./cellSetToGrid";
import { visibleRange } from "./virtual";
import { canvasMeasure, fitWidths, offsets, rowHeadKey, visibleSpan } from "./widths";
import { menuItems, type ExtraCellItem, type MenuAction, type MenuItem, type MenuTarget } from "./menu";
import { contains, move, single, toTsv, type Selection } from "./selection";
import { decorationCss, type CellDecoration } from "../widget/style";
import { t } from "../i18n";

const ROW_H = 28;
const measureText = canvasMeasure();

interface Props {
  grid: Grid;
  sort?: SortSpec;
  /** Widths the user set by dragging a column's edge (saved with the widget), by column key. */
  widths?: Record<string, number>;
  onResize?: (key: string, width: number | undefined) => void;
  /** Conditional formatting of each cell, by displayed row and column. */
  decorations?: (CellDecoration | undefined)[][];
  /** A context-menu action other than Copy (which the table does itself). */
  onAction?: (action: MenuAction) => void;
  onToggle: (member: CellSetMember, expanded: boolean) => void;
  onSort: (columnKey: string) => void;
  onDrillthrough: (row: number, column: number) => void;
  /** Items the extensions add to the menu of value cells (picked: an "extension" action). */
  cellMenuItems?: ExtraCellItem[];
  /** Told of each change of the selected cells (undefined: none), the first time with the initial none, and none when the table goes. */
  onSelectionChange?: (selection: Selection | undefined) => void;
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
      title={t(h.expanded ? "pivot.collapse" : "pivot.expand")}
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
function Resizer({
  width,
  onDrag,
  onResize,
  testId,
}: {
  width: number;
  onDrag: (width: number | null) => void;
  onResize: (width: number | undefined) => void;
  testId: string;
}) {
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
      title={t("pivot.resize")}
      onPointerDown={start}
      onClick={(e) => e.stopPropagation()}
      onDoubleClick={(e) => {
        e.stopPropagation();
        onResize(undefined);
      }}
    />
  );
}

/** The pivot's right-click menu, at the pointer; closes on any click elsewhere or Escape. */
function ContextMenu({
  x,
  y,
  items,
  onPick,
  onClose,
}: {
  x: number;
  y: number;
  items: MenuItem[];
  onPick: (item: MenuItem) => void;
  onClose: () => void;
}) {
  useLayoutEffect(() => {
    const close = () => onClose();
    window.addEventListener("mousedown", close);
    window.addEventListener("blur", close);
    return () => {
      window.removeEventListener("mousedown", close);
      window.removeEventListener("blur", close);
    };
  }, [onClose]);
  return (
    <ul className="context-menu" data-testid="pivot-menu" style={{ left: x, top: y }} role="menu" onMouseDown={(e) => e.stopPropagation()}>
      {items.map((item) => (
        <li key={item.id} role="menuitem" data-testid={item.testId ?? `pivot-menu-${item.id}`} onClick={() => onPick(item)}>
          {item.label}
        </li>
      ))}
    </ul>
  );
}

export function PivotTable({
  grid,
  sort,
  widths: saved,
  decorations,
  onResize,
  onAction,
  onToggle,
  onSort,
  onDrillthrough,
  cellMenuItems,
  onSelectionChange,
}: Props) {
  const body = useRef<HTMLDivElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const [selection, setSelection] = useState<Selection>();
  // The latest listener, told of selection changes only (a new listener on each render must not look like one).
  const selectionListener = useRef(onSelectionChange);
  selectionListener.current = onSelectionChange;
  useEffect(() => {
    selectionListener.current?.(selection);
  }, [selection]);
  useEffect(() => () => selectionListener.current?.(undefined), []);
  const [menu, setMenu] = useState<{ x: number; y: number; items: MenuItem[]; copyText?: string }>();
  const copyText = useRef<string | undefined>(undefined);
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
  const widths = useMemo(
    () => fitWidths(grid, measureText, dragging ? { ...saved, [dragging.key]: dragging.width } : saved),
    [grid, saved, dragging],
  );
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

  // Selection: click, Shift+click or drag over cells; arrows move it (Shift extends); Ctrl+C copies it as
  // tab-separated text; Enter expands or collapses the focused row's member.
  const selecting = useRef(false);
  const scrollIntoView = (row: number, column: number) => {
    const el = body.current;
    if (!el) return;
    const top = row * ROW_H;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_H > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_H - el.clientHeight;
    const left = colX[column];
    const right = colX[column + 1];
    if (left < el.scrollLeft) el.scrollLeft = left;
    else if (right > el.scrollLeft + el.clientWidth) el.scrollLeft = right - el.clientWidth;
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (!selection || grid.rows.length === 0) return;
    if (e.key.startsWith("Arrow")) {
      e.preventDefault();
      const next = move(selection, e.key, e.shiftKey, grid);
      setSelection(next);
      scrollIntoView(next.focus.row, next.focus.column);
    } else if (e.key === "Enter") {
      const headers = grid.rows[selection.focus.row]?.headers ?? [];
      const h = [...headers].reverse().find((x) => x.expandable && x.member);
      if (h) {
        e.preventDefault();
        onToggle(h.member!, h.expanded);
      }
    } else if (e.key === "Escape") {
      setSelection(undefined);
    }
  };
  const onCopy = (e: React.ClipboardEvent) => {
    const text = copyText.current ?? (selection ? toTsv(grid, selection) : undefined);
    copyText.current = undefined;
    if (text === undefined) return;
    e.clipboardData.setData("text/plain", text);
    e.preventDefault();
  };
  const openMenu = (e: React.MouseEvent, target: MenuTarget, copy?: string) => {
    e.preventDefault();
    const box = root.current?.getBoundingClientRect();
    setMenu({
      x: e.clientX - (box?.left ?? 0),
      y: e.clientY - (box?.top ?? 0),
      items: menuItems(grid, target, sort?.column, cellMenuItems),
      copyText: copy,
    });
  };
  const pick = (item: MenuItem) => {
    const copy = menu?.copyText;
    setMenu(undefined);
    if (item.action.kind === "copy") {
      // Through the copy event, as Ctrl+C: allowed in the click's user gesture.
      copyText.current = copy ?? (selection ? toTsv(grid, selection) : undefined);
      root.current?.focus();
      document.execCommand("copy");
      return;
    }
    onAction?.(item.action);
  };

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
          className={
            "pivot-cell " +
            cls +
            (negative ? " negative" : "") +
            (grid.columns[c].total ? " pivot-col-total" : "") +
            (contains(selection, r, c) ? " selected" : "")
          }
          style={{ top: r * ROW_H, left: colX[c], width: widths.columns[c], height: ROW_H, ...decorationCss(decorations?.[r]?.[c]) }}
          data-testid={`pivot-cell-${r}-${c}`}
          onMouseDown={(e) => {
            if (e.button !== 0) return;
            selecting.current = true;
            setSelection((s) => (e.shiftKey && s ? { anchor: s.anchor, focus: { row: r, column: c } } : single(r, c)));
            const up = () => {
              selecting.current = false;
              window.removeEventListener("mouseup", up);
            };
            window.addEventListener("mouseup", up);
          }}
          onMouseEnter={() => selecting.current && setSelection((s) => s && { anchor: s.anchor, focus: { row: r, column: c } })}
          onContextMenu={(e) => {
            if (!contains(selection, r, c)) setSelection(single(r, c));
            openMenu(e, { kind: "cell", row: r, column: c });
          }}
          onDoubleClick={() => onDrillthrough(row.source, grid.columns[c].source)}
          title={cell?.formatted}
        >
          {cell?.formatted}
        </div>,
      );
    }
    row.headers.forEach((h, p) => {
      const showCaption = h.span > 0 || r === rows.start;
      const style: CSSProperties = {
        top: r * ROW_H,
        left: headX[p],
        width: widths.rowHeads[p],
        height: ROW_H,
        paddingLeft: 6 + h.indent * 14,
      };
      rowHeads.push(
        <div
          key={r + ":" + p}
          className={"pivot-row-head " + cls + (h.span === 0 ? " covered" : "")}
          style={style}
          data-testid={`pivot-row-${r}-${p}`}
          title={h.caption}
          onContextMenu={(e) => openMenu(e, { kind: "row-head", row: r, position: p }, headerText(h))}
        >
          {showCaption && (
            <>
              <ExpandButton h={h} onToggle={onToggle} testId={`pivot-expand-${r}-${p}`} />
              <span className="caption">{headerText(h)}</span>
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
          title={last ? t("pivot.sortHint") : h?.caption}
          onClick={last ? () => onSort(col.key) : undefined}
          onContextMenu={(e) => openMenu(e, { kind: "column-head", column: first, level })}
        >
          {h && <ExpandButton h={h} onToggle={onToggle} testId={`pivot-col-expand-${level}-${first}`} />}
          <span className="caption">{h && headerText(h)}</span>
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
      ref={root}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onCopy={onCopy}
      style={{ gridTemplateColumns: `${rowHeaderWidth}px 1fr`, gridTemplateRows: `${headerHeight}px 1fr` }}
    >
      {menu && <ContextMenu x={menu.x} y={menu.y} items={menu.items} onPick={pick} onClose={() => setMenu(undefined)} />}
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
