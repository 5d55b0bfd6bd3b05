import { describe, expect, it } from "vitest";
import { cellSet, measure, member, salesCube } from "../test/fixtures";
import { cellMembers, cellSetToGrid, nextSort } from "./cellSetToGrid";

const all = member("[Time].[Time].[All]", "All", 0);
const y23 = member("[Time].[Time].[2023]", "2023", 1);
const y24 = member("[Time].[Time].[2024]", "2024", 1);
const q1 = member("[Time].[Time].[2024].[Q1]", "Q1", 2);
const q2 = member("[Time].[Time].[2024].[Q2]", "Q2", 2);
const food = member("[Product].[Category].[Food]", "Food", 1);
const drink = member("[Product].[Category].[Drink]", "Drink", 1);
const amount = measure("Amount");
const qty = measure("Qty");

/** Food in 2023 and 2024, drink in 2023: rows of two hierarchies, for merging and flattening. */
const foodAndDrinkByYear = () =>
  cellSet(
    [[amount]],
    [
      [food, y23],
      [food, y24],
      [drink, y23],
    ],
    () => 1,
  );

describe("cellSetToGrid", () => {
  it("lays out cells by ordinal = column + row × columns", () => {
    const cs = cellSet([[amount], [qty]], [[y23], [y24]], (r, c) => r * 10 + c);
    const grid = cellSetToGrid(cs, { cube: salesCube });
    expect(grid.columns.map((c) => c.headers[0].caption)).toEqual(["Amount", "Qty"]);
    expect(grid.rows.map((r) => r.cells.map((c) => c.value))).toEqual([
      [0, 1],
      [10, 11],
    ]);
    expect(grid.rows[1].cells[1].formatted).toBe("11");
    expect(grid.rowHeaderTitles).toEqual(["Time"]);
  });

  it("reads sparse cells and leaves missing ones empty", () => {
    const cs = cellSet([[amount]], [[y23], [y24]], () => 1);
    cs.cells = [{ ordinal: 1, value: 5, formattedValue: "5.00" }];
    const grid = cellSetToGrid(cs);
    expect(grid.rows[0].cells[0]).toEqual({ value: null, formatted: "" });
    expect(grid.rows[1].cells[0].formatted).toBe("5.00");
  });

  it("handles a result with columns only", () => {
    const grid = cellSetToGrid(cellSet([[amount]], undefined, () => 42));
    expect(grid.rows).toHaveLength(1);
    expect(grid.rowHeaderDepth).toBe(0);
    expect(grid.rows[0].cells[0].value).toBe(42);
  });

  it("merges column headers into spans", () => {
    const cs = cellSet(
      [
        [y23, amount],
        [y23, qty],
        [y24, amount],
        [y24, qty],
      ],
      [[food]],
      () => 1,
    );
    const grid = cellSetToGrid(cs);
    expect(grid.columnHeaderDepth).toBe(2);
    expect(grid.columns.map((c) => c.headers[0].span)).toEqual([2, 0, 2, 0]);
    expect(grid.columns.map((c) => c.headers[1].span)).toEqual([1, 1, 1, 1]);
  });

  it("merges row headers only under the same outer members", () => {
    const cs = foodAndDrinkByYear();
    const grid = cellSetToGrid(cs);
    expect(grid.rows.map((r) => r.headers[0].span)).toEqual([2, 0, 1]);
    expect(grid.rows.map((r) => r.headers[1].span)).toEqual([1, 1, 1]);
  });

  it("marks grand totals, subtotals, indentation and expansion", () => {
    const cs = cellSet([[amount]], [[all], [y23], [y24], [q1], [q2]], (r) => [100, 40, 60, 25, 35][r]);
    const grid = cellSetToGrid(cs, { cube: salesCube });
    expect(grid.rows.map((r) => r.kind)).toEqual(["total", "data", "subtotal", "data", "data"]);
    expect(grid.rows.map((r) => r.headers[0].indent)).toEqual([0, 1, 1, 2, 2]);
    const h24 = grid.rows[2].headers[0];
    expect(h24.expandable).toBe(true);
    expect(h24.expanded).toBe(true);
    expect(grid.rows[1].headers[0].expanded).toBe(false);
    expect(grid.rows[0].headers[0].expandable).toBe(false);
  });

  it("marks a column member expanded over its whole run of measures", () => {
    const columns = [
      [y23, amount],
      [y23, qty],
      [y24, amount],
      [y24, qty],
      [q1, amount],
      [q1, qty],
    ];
    const grid = cellSetToGrid(
      cellSet(columns, [[food]], () => 1),
      { cube: salesCube },
    );
    expect(grid.columns.map((c) => c.headers[0].expanded)).toEqual([false, false, true, true, false, false]);
    expect(grid.columns.slice(0, 4).map((c) => c.headers[0].expandable)).toEqual([true, true, true, true]);
    expect(grid.columns[0].headers[1].expandable).toBe(false); // a measure
  });

  it("gives a flat table a column per level asked for, named by level, ancestors read from the unique names", () => {
    const q1 = member("[Time].[Time].[2024].[1]", "2024 Q1", 2);
    const q2 = member("[Time].[Time].[2024].[2]", "2024 Q2", 2);
    const cs = cellSet([[measure("Amount")]], [[q1], [q2]], (r) => r + 1);
    const grid = cellSetToGrid(cs, {
      cube: salesCube,
      flat: true,
      levels: [
        {
          hierarchy: "[Time].[Time]",
          levels: [
            { name: "Quarter", depth: 2 },
            { name: "Year", depth: 1 },
          ],
        },
      ],
    });
    expect(grid.rowHeaderTitles).toEqual(["Year", "Quarter"]);
    expect(grid.rowHeaderDepth).toBe(2);
    expect(grid.rows.map((r) => r.headers.map((h) => h.caption))).toEqual([
      ["2024", "2024 Q1"],
      ["2024", "2024 Q2"],
    ]);
  });

  it("nests the row hierarchies in one indented column for a tree table, group rows with their subtotals", () => {
    const allTime = member("[Time].[Time].[All]", "All", 0);
    const allCat = member("[Product].[Category].[All]", "All", 0);
    const y23 = member("[Time].[Time].[2023]", "2023", 1);
    const food = member("[Product].[Category].[Food]", "Food", 1);
    const tuples = [
      [allTime, allCat],
      [allTime, food],
      [y23, allCat],
      [y23, food],
    ];
    const grid = cellSetToGrid(
      cellSet([[measure("Amount")]], tuples, (r) => [10, 4, 10, 4][r]),
      { cube: salesCube, tree: true },
    );
    expect(grid.rowHeaderDepth).toBe(1);
    expect(grid.rowHeaderTitles).toEqual(["Time / Category"]);
    expect(grid.rows.map((r) => [r.headers[0].total ? "Total" : r.headers[0].caption, r.headers[0].indent, r.kind])).toEqual([
      ["Total", 0, "total"],
      ["2023", 1, "subtotal"],
      ["Food", 2, "data"],
    ]);
  });

  it("shows every row's members in a flat table, nothing merged or expandable", () => {
    const cs = foodAndDrinkByYear();
    const grid = cellSetToGrid(cs, { cube: salesCube, flat: true });
    expect(grid.rows.map((r) => r.headers.map((h) => `${h.caption}:${h.span}`).join(" "))).toEqual([
      "Food:1 2023:1",
      "Food:1 2024:1",
      "Drink:1 2023:1",
    ]);
    expect(grid.rows.flatMap((r) => r.headers).some((h) => h.expandable || h.indent > 0)).toBe(false);
  });

  it("knows a leaf level cannot be expanded", () => {
    const cs = cellSet([[amount]], [[food]], () => 1);
    expect(cellSetToGrid(cs, { cube: salesCube }).rows[0].headers[0].expandable).toBe(false);
  });

  it("sorts by a column among siblings, keeping children under their parent", () => {
    const cs = cellSet([[amount]], [[all], [y23], [y24], [q1], [q2]], (r) => [100, 40, 60, 25, 35][r]);
    const desc = cellSetToGrid(cs, { cube: salesCube, sort: { column: "[Measures].[Amount]", direction: "desc" } });
    expect(desc.rows.map((r) => r.headers[0].caption)).toEqual(["All", "2024", "Q2", "Q1", "2023"]);
    const asc = cellSetToGrid(cs, { cube: salesCube, sort: { column: "[Measures].[Amount]", direction: "asc" } });
    expect(asc.rows.map((r) => r.headers[0].caption)).toEqual(["All", "2023", "2024", "Q1", "Q2"]);
  });

  it("sorts outer members by their subtotal rows, the grand total first", () => {
    const allP = member("[Product].[Category].[All]", "All", 0);
    const rows = [
      [allP, all],
      [food, all],
      [food, y23],
      [food, y24],
      [drink, all],
      [drink, y23],
      [drink, y24],
    ];
    const cs = cellSet([[amount]], rows, (r) => [100, 30, 10, 20, 70, 50, 20][r]);
    const grid = cellSetToGrid(cs, { cube: salesCube, sort: { column: "[Measures].[Amount]", direction: "desc" } });
    expect(grid.rows.map((r) => r.headers.map((h) => h.caption).join(" "))).toEqual([
      "All All",
      "Drink All",
      "Drink 2023",
      "Drink 2024",
      "Food All",
      "Food 2024",
      "Food 2023",
    ]);
  });

  it("sorts inside each outer member and puts empty cells last", () => {
    const cs = cellSet(
      [[amount]],
      [
        [food, y23],
        [food, y24],
        [drink, y23],
        [drink, y24],
      ],
      (r) => [1, 2, null, 5][r],
    );
    const grid = cellSetToGrid(cs, { sort: { column: "[Measures].[Amount]", direction: "asc" } });
    expect(grid.rows.map((r) => r.key)).toEqual([
      "[Product].[Category].[Food]|[Time].[Time].[2023]",
      "[Product].[Category].[Food]|[Time].[Time].[2024]",
      "[Product].[Category].[Drink]|[Time].[Time].[2024]",
      "[Product].[Category].[Drink]|[Time].[Time].[2023]",
    ]);
    expect(grid.rows.map((r) => r.headers[0].span)).toEqual([2, 0, 2, 0]);
  });

  it("ignores a sort on an unknown column", () => {
    const cs = cellSet([[amount]], [[y23], [y24]], (r) => [2, 1][r]);
    expect(cellSetToGrid(cs, { sort: { column: "nope", direction: "asc" } }).rows.map((r) => r.source)).toEqual([0, 1]);
  });

  it("returns a cell's members for drillthrough", () => {
    const cs = cellSet([[amount], [qty]], [[food], [drink]], () => 1);
    expect(cellMembers(cs, 1, 1).map((m) => m.uniqueName)).toEqual(["[Product].[Category].[Drink]", "[Measures].[Qty]"]);
  });
});

describe("nextSort", () => {
  it("cycles descending, ascending, none", () => {
    const a = nextSort(undefined, "k");
    expect(a).toEqual({ column: "k", direction: "desc" });
    const b = nextSort(a, "k");
    expect(b).toEqual({ column: "k", direction: "asc" });
    expect(nextSort(b, "k")).toBeUndefined();
    expect(nextSort(b, "other")).toEqual({ column: "other", direction: "desc" });
  });
});
