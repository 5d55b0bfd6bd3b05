import { headerText, type Grid } from "./cellSetToGrid";

/** Widths of a pivot's row header columns and value columns, in pixels. */
export interface Widths {
  rowHeads: number[];
  columns: number[];
}

/** How wide a text is drawn (bold for headers and totals). */
export type MeasureText = (text: string, bold: boolean) => number;

export const MIN_WIDTH = 48;
export const MAX_WIDTH = 480;
const CELL_PADDING = 18; // 8 px each side and the border
const HEAD_PADDING = 34; // the expander (16), the gap and the padding
const INDENT = 14;
/** Rows measured: the first ones and every total (the widest numbers), so widths do not change as one scrolls. */
const SAMPLE_ROWS = 200;

/** The key a row header column's saved width is kept under (value columns use their tuple key). */
export const rowHeadKey = (position: number) => "row:" + position;

const clamp = (w: number) => Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, w)));

/**
 * Widths that fit the content: each value column as wide as its widest formatted value among the
 * sampled rows and its last header caption; each row header column as its widest caption with its
 * indentation, and its title. A width the user set (by dragging, saved with the widget) wins.
 */
export function fitWidths(grid: Grid, measure: MeasureText, saved: Record<string, number> = {}): Widths {
  const sample = grid.rows.filter((r, i) => i < SAMPLE_ROWS || r.kind !== "data");
  const columns = grid.columns.map((column, c) => {
    const own = saved[column.key];
    if (own !== undefined) return clamp(own);
    const last = column.headers[column.headers.length - 1];
    // The header: its caption in bold, its padding, room for the sort arrow.
    let width = measure(last ? headerText(last) : "", true) + (last?.expandable ? 16 : 0) + 28;
    for (const row of sample) {
      const text = row.cells[c]?.formatted;
      if (text) width = Math.max(width, measure(text, row.kind !== "data") + CELL_PADDING);
    }
    return clamp(width);
  });
  const rowHeads = Array.from({ length: Math.max(1, grid.rowHeaderDepth) }, (_, p) => {
    const own = saved[rowHeadKey(p)];
    if (own !== undefined) return clamp(own);
    let width = measure(grid.rowHeaderTitles[p] ?? "", true) + 16;
    for (const row of sample) {
      const h = row.headers[p];
      if (!h || h.span === 0) continue;
      width = Math.max(width, measure(headerText(h), row.kind !== "data") + h.indent * INDENT + HEAD_PADDING);
    }
    return clamp(width);
  });
  return { rowHeads, columns };
}

/** Offsets of variable-width items: [0, w0, w0+w1, …], one more than the widths. */
export function offsets(widths: number[]): number[] {
  const out = [0];
  for (const w of widths) out.push(out[out.length - 1] + w);
  return out;
}

/** The items of variable size (by their offsets) visible in a viewport, with some overscan on both sides. */
export function visibleSpan(offsetsOf: number[], scroll: number, viewport: number, overscan = 2): { start: number; end: number } {
  const count = offsetsOf.length - 1;
  if (count <= 0) return { start: 0, end: 0 };
  // The first item ending after the scroll position, by binary search.
  let lo = 0;
  let hi = count - 1;
  const left = Math.max(0, scroll);
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsetsOf[mid + 1] <= left) lo = mid + 1;
    else hi = mid;
  }
  let last = lo;
  while (last < count && offsetsOf[last] < left + Math.max(0, viewport)) last++;
  return { start: Math.max(0, lo - overscan), end: Math.min(count, last + overscan) };
}

/** A text measurer on a canvas, with the pivot's font (13 px, bold for headers and totals). */
export function canvasMeasure(font = '13px "Inter", "Segoe UI", system-ui, -apple-system, sans-serif'): MeasureText {
  const context = typeof document === "undefined" ? null : document.createElement("canvas").getContext("2d");
  const cache = new Map<string, number>();
  return (text, bold) => {
    const key = (bold ? "b" : "n") + text;
    let width = cache.get(key);
    if (width === undefined) {
      if (context) {
        context.font = (bold ? "700 " : "") + font;
        width = context.measureText(text).width;
      } else {
        width = text.length * 7.5; // no canvas (tests): an average glyph
      }
      if (cache.size > 5000) cache.clear();
      cache.set(key, width);
    }
    return width;
  };
}
