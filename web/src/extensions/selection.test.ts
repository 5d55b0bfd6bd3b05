import { describe, expect, it, vi } from "vitest";
import { cellSetToGrid } from "../pivot/cellSetToGrid";
import { cellSet, measure, member, salesCube } from "../test/fixtures";
import { cellAt, createSelectionStore, EMPTY_SELECTION, selectedCells } from "./selection";

const y23 = member("[Time].[Time].[2023]", "2023", 1);
const y24 = member("[Time].[Time].[2024]", "2024", 1);
const result = cellSet([[measure("Amount")], [measure("Qty")]], [[y23], [y24]], (r, c) => (r ? null : (r + 1) * (c ? 1 : 1000)));
const grid = cellSetToGrid(result, { cube: salesCube });

const plain = (m: ReturnType<typeof member>) => ({
  uniqueName: m.uniqueName,
  caption: m.caption,
  hierarchyUniqueName: m.hierarchyUniqueName,
  levelUniqueName: m.levelUniqueName,
});

describe("the cells extensions see", () => {
  it("give a cell's value as shown and its members, the row's then the column's", () => {
    expect(cellAt(grid, result, 0, 0)).toEqual({ value: 1000, formattedValue: "1,000", members: [plain(y23), plain(measure("Amount"))] });
    expect(cellAt(grid, result, 1, 1)).toEqual({ value: null, formattedValue: "", members: [plain(y24), plain(measure("Qty"))] });
    expect(cellAt(grid, result, 5, 0)).toBeUndefined();
  });

  it("follow the displayed order of a sorted table back to the result's members", () => {
    const amounts = cellSet([[measure("Amount")]], [[y23], [y24]], (r) => r + 1);
    const sorted = cellSetToGrid(amounts, { sort: { column: "[Measures].[Amount]", direction: "desc" } });
    expect(cellAt(sorted, amounts, 0, 0)).toMatchObject({ value: 2, members: [{ caption: "2024" }, { caption: "Amount" }] });
  });

  it("list a selection's cells row by row, left to right, whichever way it was dragged", () => {
    const cells = selectedCells(grid, result, { anchor: { row: 1, column: 1 }, focus: { row: 0, column: 0 } });
    expect(cells.map((c) => c.formattedValue)).toEqual(["1,000", "1", "", ""]);
    expect(selectedCells(grid, result, { anchor: { row: 0, column: 1 }, focus: { row: 0, column: 1 } })).toHaveLength(1);
  });
});

describe("the selection store", () => {
  const read = (n: number) => () => ({
    cube: "Sales",
    mdx: "SELECT",
    cells: Array.from({ length: n }, () => ({ value: 1, formattedValue: "1", members: [] })),
  });

  it("holds the selection of the widget that last took the focus", () => {
    const store = createSelectionStore();
    expect(store.get()).toBe(EMPTY_SELECTION);
    store.focus("a", read(1));
    store.focus("b", read(2));
    expect(store.get().cells).toHaveLength(2);
    // A refresh of a widget without the focus does not take it; releasing it leaves the focused one's.
    store.update("a", read(3));
    store.release("a");
    expect(store.get().cells).toHaveLength(2);
    store.update("b", read(4));
    expect(store.get().cells).toHaveLength(4);
    store.release("b");
    expect(store.get()).toEqual({ cells: [] });
  });

  it("reads the cells only when asked, once per change, and tells listeners", () => {
    const store = createSelectionStore();
    const reader = vi.fn(read(2));
    store.focus("a", reader);
    expect(reader).not.toHaveBeenCalled();
    store.get();
    store.get();
    expect(reader).toHaveBeenCalledTimes(1);
    const listener = vi.fn();
    const stop = store.subscribe(listener);
    store.focus("b", read(1));
    expect(listener).toHaveBeenLastCalledWith(expect.objectContaining({ cells: [expect.anything()] }));
    stop();
    store.release("b");
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
