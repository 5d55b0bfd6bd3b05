import { headerText, type Grid } from "./cellSetToGrid";

/** A rectangle of value cells: the anchor (where it started) and the focus (where it ends), by displayed row and column. */
export interface Selection {
  anchor: { row: number; column: number };
  focus: { row: number; column: number };
}

export const single = (row: number, column: number): Selection => ({ anchor: { row, column }, focus: { row, column } });

/** The selection's bounds, inclusive. */
export function bounds(s: Selection): { top: number; bottom: number; left: number; right: number } {
  return {
    top: Math.min(s.anchor.row, s.focus.row),
    bottom: Math.max(s.anchor.row, s.focus.row),
    left: Math.min(s.anchor.column, s.focus.column),
    right: Math.max(s.anchor.column, s.focus.column),
  };
}

export function contains(s: Selection | undefined, row: number, column: number): boolean {
  if (!s) return false;
  const b = bounds(s);
  return row >= b.top && row <= b.bottom && column >= b.left && column <= b.right;
}

/** The focus moved by an arrow key (extending the selection with Shift), kept inside the grid. */
export function move(s: Selection, key: string, extend: boolean, grid: Grid): Selection {
  const delta: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
  const [dr, dc] = delta[key] ?? [0, 0];
  const focus = {
    row: Math.min(Math.max(0, s.focus.row + dr), Math.max(0, grid.rows.length - 1)),
    column: Math.min(Math.max(0, s.focus.column + dc), Math.max(0, grid.columns.length - 1)),
  };
  return extend ? { anchor: s.anchor, focus } : { anchor: focus, focus };
}

/**
 * The selected cells as tab-separated text, as Excel pastes it: a header line of the columns'
 * captions, then one line per row with its row headers' captions and the cells as shown.
 */
export function toTsv(grid: Grid, s: Selection): string {
  const b = bounds(s);
  const clean = (text: string) => text.replace(/[\t\r\n]+/g, " ");
  const caption = (h: { caption: string; total: boolean } | undefined) => (h ? headerText(h) : "");
  const lines: string[] = [];
  const rowHeads = grid.rowHeaderDepth;
  const columns = grid.columns.slice(b.left, b.right + 1);
  lines.push([...grid.rowHeaderTitles.map(clean), ...columns.map((c) => clean(c.headers.map(caption).join(" / ")))].join("\t"));
  for (let r = b.top; r <= b.bottom; r++) {
    const row = grid.rows[r];
    if (!row) continue;
    const heads = Array.from({ length: rowHeads }, (_, p) => clean(caption(row.headers[p])));
    const cells = columns.map((_, i) => clean(row.cells[b.left + i]?.formatted ?? ""));
    lines.push([...heads, ...cells].join("\t"));
  }
  return lines.join("\n");
}
