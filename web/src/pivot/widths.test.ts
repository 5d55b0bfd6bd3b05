import { describe, expect, it } from "vitest";
import type { Grid, GridRow, HeaderCell } from "./cellSetToGrid";
import { MAX_WIDTH, fitWidths, offsets, rowHeadKey, visibleSpan } from "./widths";

const chars = (text: string) => text.length * 10; // 10 px a character
const head = (caption: string, extra: Partial<HeaderCell> = {}): HeaderCell => ({
  key: caption,
  caption,
  span: 1,
  indent: 0,
  expandable: false,
  expanded: false,
  total: false,
  ...extra,
});
const row = (caption: string, values: string[], kind: GridRow["kind"] = "data", extra: Partial<HeaderCell> = {}): GridRow => ({
  source: 0,
  key: caption,
  headers: [head(caption, extra)],
  kind,
  cells: values.map((formatted) => ({ value: 1, formatted })),
});
const grid = (rows: GridRow[], columns: string[]): Grid => ({
  rows,
  columns: columns.map((c, i) => ({ source: i, key: c, headers: [head(c)], total: false })),
  rowHeaderTitles: ["Segment"],
  rowHeaderDepth: 1,
  columnHeaderDepth: 1,
});

describe("fitWidths", () => {
  it("sizes each column to its widest value or header, and row headers to their captions", () => {
    const g = grid(
      [row("Small Business", ["1,177,875,000.25", "3"]), row("Total", ["2,000,000,000.00", "12"], "total", { total: true })],
      ["Revenue", "Qty"],
    );
    const w = fitWidths(g, chars);
    expect(w.columns[0]).toBe(16 * 10 + 18); // "2,000,000,000.00" with padding: nothing cut
    expect(w.columns[1]).toBe(3 * 10 + 28); // "Qty" in its header, with the sort arrow's room
    expect(w.rowHeads[0]).toBe(14 * 10 + 34); // "Small Business" with the expander's room
  });

  it("keeps widths the user set, within bounds", () => {
    const g = grid([row("A", ["1"])], ["Revenue"]);
    const w = fitWidths(g, chars, { Revenue: 300, [rowHeadKey(0)]: 9999 });
    expect(w.columns).toEqual([300]);
    expect(w.rowHeads).toEqual([MAX_WIDTH]);
  });

  it("adds each level's indentation to row headers", () => {
    const g = grid([row("Europe", ["1"]), row("France", ["1"], "data", { indent: 2 })], ["Revenue"]);
    expect(fitWidths(g, chars).rowHeads[0]).toBe(6 * 10 + 2 * 14 + 34);
  });
});

describe("visibleSpan", () => {
  it("finds the items of variable width in view, with overscan", () => {
    const o = offsets([100, 50, 200, 100, 100]); // 0 100 150 350 450 550
    expect(visibleSpan(o, 0, 120, 0)).toEqual({ start: 0, end: 2 });
    expect(visibleSpan(o, 160, 100, 0)).toEqual({ start: 2, end: 3 });
    expect(visibleSpan(o, 160, 100, 1)).toEqual({ start: 1, end: 4 });
    expect(visibleSpan(o, 10_000, 100, 0).start).toBe(4);
    expect(visibleSpan([0], 0, 100)).toEqual({ start: 0, end: 0 });
  });

  it("stays bounded for 10,000 columns", () => {
    const o = offsets(Array.from({ length: 10_000 }, (_, i) => 60 + (i % 7) * 10));
    const { start, end } = visibleSpan(o, 300_000, 1200);
    expect(end - start).toBeLessThan(30);
  });
});
