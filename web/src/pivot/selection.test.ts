import { describe, expect, it } from "vitest";
import { cellSet, measure, member, salesCube } from "../test/fixtures";
import { cellSetToGrid } from "./cellSetToGrid";
import { menuItems } from "./menu";
import { bounds, contains, move, single, toTsv } from "./selection";

const y23 = member("[Time].[Time].[2023]", "2023", 1);
const y24 = member("[Time].[Time].[2024]", "2024", 1);
const all = member("[Time].[Time].[All]", "All", 0);
const grid = cellSetToGrid(
  cellSet([[measure("Amount")], [measure("Qty")]], [[all], [y23], [y24]], (r, c) => (r + 1) * (c ? 1 : 1000)),
  { cube: salesCube },
);

describe("selection", () => {
  it("extends with Shift and arrows, within the grid", () => {
    let s = single(1, 0);
    s = move(s, "ArrowRight", true, grid);
    s = move(s, "ArrowDown", true, grid);
    s = move(s, "ArrowDown", true, grid);
    expect(bounds(s)).toEqual({ top: 1, bottom: 2, left: 0, right: 1 });
    expect(contains(s, 2, 1)).toBe(true);
    expect(contains(s, 0, 0)).toBe(false);
    expect(move(s, "ArrowUp", false, grid)).toEqual(single(1, 1));
  });

  it("copies the selection as tab-separated text with its headers, as Excel pastes it", () => {
    const s = { anchor: { row: 0, column: 0 }, focus: { row: 2, column: 1 } };
    expect(toTsv(grid, s)).toBe(["Time\tAmount\tQty", "Total\t1,000\t1", "2023\t2,000\t2", "2024\t3,000\t3"].join("\n"));
  });
});

describe("menuItems", () => {
  it("offers drillthrough, copy, the row member's actions and sorting on a cell", () => {
    const items = menuItems(grid, { kind: "cell", row: 1, column: 0 });
    expect(items.map((i) => i.id)).toEqual([
      "drillthrough",
      "copy",
      "expand",
      "expand-all",
      "collapse-all",
      "keep-only",
      "remove",
      "sort-desc",
      "sort-asc",
    ]);
    expect(items.find((i) => i.id === "keep-only")?.label).toBe("Keep only 2023");
  });

  it("adds the extensions' items last on a value cell, with their own test ids, and nowhere else", () => {
    const extra = [{ id: "copy-value", label: "Copy value" }];
    const items = menuItems(grid, { kind: "cell", row: 2, column: 1 }, undefined, extra);
    expect(items[items.length - 1]).toEqual({
      id: "extension:copy-value",
      label: "Copy value",
      action: { kind: "extension", id: "copy-value", row: 2, column: 1 },
      testId: "cell-menu-copy-value",
    });
    expect(items.filter((i) => i.testId)).toHaveLength(1);
    expect(menuItems(grid, { kind: "row-head", row: 1, position: 0 }, undefined, extra).some((i) => i.testId)).toBe(false);
    expect(menuItems(grid, { kind: "column-head", column: 0, level: 0 }, undefined, extra).some((i) => i.testId)).toBe(false);
  });

  it("keeps totals out of Keep only and Remove, and offers Clear sort on the sorted column", () => {
    const items = menuItems(grid, { kind: "cell", row: 0, column: 1 }, grid.columns[1].key);
    expect(items.map((i) => i.id)).not.toContain("keep-only");
    expect(items.map((i) => i.id)).toContain("sort-none");
  });
});
