import { describe, expect, it } from "vitest";
import { salesCube, widget } from "../test/fixtures";
import { buildDrillthrough, buildQuery, whereClause } from "./buildQuery";

const year = { hierarchy: "[Time].[Time]", level: "[Time].[Time].[Year]" };
const quarter = { hierarchy: "[Time].[Time]", level: "[Time].[Time].[Quarter]" };
const month = { hierarchy: "[Time].[Time]", level: "[Time].[Time].[Month]" };
const category = { hierarchy: "[Product].[Category]", level: "[Product].[Category].[Category]" };

const mdx = (patch: Parameters<typeof widget>[0], filters = []) => buildQuery(widget(patch), salesCube, filters)?.mdx;

describe("buildQuery", () => {
  it("returns nothing for an empty widget", () => {
    expect(buildQuery(widget({}), salesCube)).toBeUndefined();
  });

  it("puts measures on columns and a level on rows with NON EMPTY", () => {
    expect(mdx({ measures: ["[Measures].[Amount]"], rows: [category] })).toBe(
      [
        "SELECT",
        "  NON EMPTY {[Measures].[Amount]} ON COLUMNS,",
        "  NON EMPTY {[Product].[Category].[Category].Members} ON ROWS",
        "FROM [Sales]",
      ].join("\n"),
    );
  });

  it("asks a KPI widget for its measures by its rows, leaving columns out", () => {
    expect(mdx({ type: "kpi", measures: ["[Measures].[Amount]"], rows: [category], columns: [category] })).toBe(
      [
        "SELECT",
        "  NON EMPTY {[Measures].[Amount]} ON COLUMNS,",
        "  NON EMPTY {[Product].[Category].[Category].Members} ON ROWS",
        "FROM [Sales]",
      ].join("\n"),
    );
  });

  it("asks a flat table for its leaf rows only", () => {
    const spec = {
      type: "table" as const,
      measures: ["[Measures].[Amount]"],
      rows: [year, quarter],
      totals: true,
      expanded: [{ hierarchy: "[Time].[Time]", member: "[Time].[Time].[2024]", depth: 1 }],
    };
    expect(mdx(spec)).toBe(mdx({ ...spec, type: "pivot", totals: false, expanded: [] }));
    expect(mdx(spec)).not.toContain("Drilldown");
  });

  it("leaves NON EMPTY out when asked", () => {
    expect(mdx({ measures: ["[Measures].[Amount]"], nonEmpty: false })).toBe("SELECT\n  {[Measures].[Amount]} ON COLUMNS\nFROM [Sales]");
  });

  it("crossjoins hierarchies on an axis and column levels with measures", () => {
    const text = mdx({ measures: ["[Measures].[Amount]", "[Measures].[Qty]"], rows: [category, year], columns: [year] });
    expect(text).toContain("NON EMPTY Crossjoin({[Time].[Time].[Year].Members}, {[Measures].[Amount], [Measures].[Qty]}) ON COLUMNS");
    expect(text).toContain("NON EMPTY Crossjoin({[Product].[Category].[Category].Members}, {[Time].[Time].[Year].Members}) ON ROWS");
  });

  it("uses the default measure when only levels are chosen", () => {
    expect(mdx({ rows: [category] })).toContain("{[Measures].DefaultMember} ON COLUMNS");
  });

  it("shows only the deepest level of a hierarchy without totals", () => {
    expect(mdx({ measures: ["[Measures].[Amount]"], rows: [year, month] })).toContain("NON EMPTY {[Time].[Time].[Month].Members} ON ROWS");
  });

  it("builds subtotals with Hierarchize(DrilldownLevel) and a grand total with the All member", () => {
    const text = mdx({ measures: ["[Measures].[Amount]"], rows: [quarter, year], totals: true });
    expect(text).toContain("Hierarchize({[Time].[Time].[All], DrilldownLevel({[Time].[Time].[Year].Members})}) ON ROWS");
  });

  it("unions non-consecutive levels for subtotals", () => {
    const text = mdx({ measures: ["[Measures].[Amount]"], rows: [year, month], totals: true });
    expect(text).toContain("Hierarchize({[Time].[Time].[All], {[Time].[Time].[Year].Members, [Time].[Time].[Month].Members}})");
  });

  it("drills expanded members down, shallowest first", () => {
    const text = mdx({
      measures: ["[Measures].[Amount]"],
      rows: [year],
      expanded: [
        { hierarchy: "[Time].[Time]", member: "[Time].[Time].[2024].[Q1]", depth: 2 },
        { hierarchy: "[Time].[Time]", member: "[Time].[Time].[2024]", depth: 1 },
      ],
    });
    expect(text).toContain(
      "Hierarchize(DrilldownMember(DrilldownMember({[Time].[Time].[Year].Members}, {[Time].[Time].[2024]}), {[Time].[Time].[2024].[Q1]})) ON ROWS",
    );
  });

  it("turns a member selection into a WHERE clause", () => {
    const one = mdx({
      measures: ["[Measures].[Amount]"],
      filters: [
        {
          kind: "members",
          hierarchy: "[Currency].[Currency]",
          level: "",
          members: [{ uniqueName: "[Currency].[Currency].[EUR]", caption: "EUR" }],
        },
      ],
    });
    expect(one).toMatch(/\nWHERE \[Currency\]\.\[Currency\]\.\[EUR\]$/);
    const several = mdx({
      measures: ["[Measures].[Amount]"],
      filters: [
        {
          kind: "members",
          hierarchy: "[Product].[Category]",
          level: "[Product].[Category].[Category]",
          members: [
            { uniqueName: "[Product].[Category].[Food]", caption: "Food" },
            { uniqueName: "[Product].[Category].[Drink]", caption: "Drink" },
          ],
        },
      ],
    });
    expect(several).toMatch(/\nWHERE \{\[Product\]\.\[Category\]\.\[Food\], \[Product\]\.\[Category\]\.\[Drink\]\}$/);
  });

  it("makes a tuple of several single-member filters", () => {
    const where = whereClause([
      { kind: "members", hierarchy: "[A]", level: "[A].[L]", members: [{ uniqueName: "[A].[x]", caption: "x" }] },
      { kind: "members", hierarchy: "[B]", level: "[B].[L]", members: [{ uniqueName: "[B].[y]", caption: "y" }] },
    ]);
    expect(where && where.kind).toBe("tuple");
  });

  it("excludes members with Except", () => {
    const text = mdx({
      measures: ["[Measures].[Amount]"],
      filters: [
        {
          kind: "members",
          hierarchy: "[Product].[Category]",
          level: "[Product].[Category].[Category]",
          exclude: true,
          members: [{ uniqueName: "[Product].[Category].[Food]", caption: "Food" }],
        },
      ],
    });
    expect(text).toContain("WHERE Except([Product].[Category].[Category].Members, {[Product].[Category].[Food]})");
  });

  it("applies Top N and Bottom N to the rows set", () => {
    const top = mdx({
      measures: ["[Measures].[Amount]"],
      rows: [category],
      filters: [{ kind: "topN", direction: "top", count: 5, measure: "[Measures].[Amount]" }],
    });
    expect(top).toContain("NON EMPTY TopCount({[Product].[Category].[Category].Members}, 5, [Measures].[Amount]) ON ROWS");
    const bottom = mdx({
      measures: ["[Measures].[Amount]"],
      rows: [category],
      filters: [{ kind: "topN", direction: "bottom", count: 3, measure: "[Measures].[Qty]" }],
    });
    expect(bottom).toContain("BottomCount({[Product].[Category].[Category].Members}, 3, [Measures].[Qty])");
  });

  it("ranks only the level's members for Top N with totals, and keeps the total row first", () => {
    const text = mdx({
      measures: ["[Measures].[Amount]"],
      rows: [year, quarter],
      totals: true,
      filters: [{ kind: "topN", direction: "top", count: 10, measure: "[Measures].[Amount]" }],
    });
    expect(text).toContain("NON EMPTY {[Time].[Time].[All], TopCount({[Time].[Time].[Quarter].Members}, 10, [Measures].[Amount])} ON ROWS");
    const bottom = mdx({
      measures: ["[Measures].[Amount]"],
      rows: [category],
      totals: true,
      filters: [{ kind: "topN", direction: "bottom", count: 5, measure: "[Measures].[Amount]" }],
    });
    expect(bottom).toContain(
      "{[Product].[Category].[All], BottomCount({[Product].[Category].[Category].Members}, 5, [Measures].[Amount])}",
    );
  });

  it("draws a chart at the deepest level asked for: no expansions, no subtotals", () => {
    const text = mdx({
      type: "column",
      measures: ["[Measures].[Amount]"],
      rows: [year, quarter],
      totals: true,
      expanded: [{ hierarchy: "[Time].[Time]", member: "[Time].[Time].[2024]", depth: 1 }],
    });
    expect(text).toContain("NON EMPTY {[Time].[Time].[Quarter].Members} ON ROWS");
  });

  it("asks an extension's widget type for a plain grid of its rows and columns, as a chart", () => {
    const spec = {
      measures: ["[Measures].[Amount]"],
      rows: [year, quarter],
      columns: [category],
      totals: true,
      expanded: [{ hierarchy: "[Time].[Time]", member: "[Time].[Time].[2024]", depth: 1 }],
    };
    expect(mdx({ ...spec, type: "heatmap" })).toBe(mdx({ ...spec, type: "pivot", totals: false, expanded: [] }));
  });

  it("applies a filter on a hierarchy on the rows to the rows (Exists), not to the slicer", () => {
    const keep = {
      kind: "members" as const,
      hierarchy: "[Product].[Category]",
      level: "[Product].[Category].[Category]",
      members: [{ uniqueName: "[Product].[Category].[Bikes]", caption: "Bikes" }],
    };
    const text = mdx({ measures: ["[Measures].[Amount]"], rows: [category], filters: [keep] });
    expect(text).toContain("NON EMPTY Exists({[Product].[Category].[Category].Members}, {[Product].[Category].[Bikes]}) ON ROWS");
    expect(text).not.toContain("WHERE");
    const other = mdx({ measures: ["[Measures].[Amount]"], rows: [year], filters: [keep] });
    expect(other).toContain("WHERE [Product].[Category].[Bikes]");
    const removed = mdx({ measures: ["[Measures].[Amount]"], rows: [category], filters: [{ ...keep, exclude: true }] });
    expect(removed).toContain(
      "Exists({[Product].[Category].[Category].Members}, Except([Product].[Category].[Category].Members, {[Product].[Category].[Bikes]}))",
    );
  });

  it("expands every member of a depth with DrilldownLevel (Expand all)", () => {
    const text = mdx({
      measures: ["[Measures].[Amount]"],
      rows: [year],
      expanded: [{ hierarchy: "[Time].[Time]", member: "*", depth: 1 }],
    });
    expect(text).toContain("Hierarchize(DrilldownLevel({[Time].[Time].[Year].Members}, [Time].[Time].[Year]))");
  });

  it("adds the previous period of each KPI measure, or the target measure, to a KPI widget's query", () => {
    const previous = mdx({
      type: "kpi",
      measures: ["[Measures].[Amount]"],
      kpi: { compare: { kind: "previous", hierarchy: "[Time].[Time]" } },
    });
    expect(previous).toContain("MEMBER [Measures].[Previous · Amount] AS ([Measures].[Amount], [Time].[Time].CurrentMember.PrevMember)");
    expect(previous).toContain("{[Measures].[Amount], [Measures].[Previous · Amount]} ON COLUMNS");
    const target = mdx({
      type: "kpi",
      measures: ["[Measures].[Amount]"],
      kpi: { compare: { kind: "target", measure: "[Measures].[Qty]" } },
    });
    expect(target).toContain("{[Measures].[Amount], [Measures].[Qty]} ON COLUMNS");
  });

  it("puts a chart's slice level outermost on columns (small multiples)", () => {
    const text = mdx({ type: "line", measures: ["[Measures].[Amount]"], rows: [year], sliceBy: category });
    expect(text).toContain("NON EMPTY Crossjoin({[Product].[Category].[Category].Members}, {[Measures].[Amount]}) ON COLUMNS");
  });

  it("leaves out a range without both ends", () => {
    const open = { uniqueName: "", caption: "" };
    expect(
      whereClause([{ kind: "range", hierarchy: "[Time].[Time]", level: "[Time].[Time].[Month]", from: open, to: open }]),
    ).toBeUndefined();
  });

  it("turns a date range into a range set, crossjoined with other filters", () => {
    const text = mdx({
      measures: ["[Measures].[Amount]"],
      rows: [category],
      filters: [
        {
          kind: "range",
          hierarchy: "[Time].[Time]",
          level: "[Time].[Time].[Month]",
          from: { uniqueName: "[Time].[Time].[2024].[Q1].[Jan]", caption: "Jan" },
          to: { uniqueName: "[Time].[Time].[2024].[Q2].[May]", caption: "May" },
        },
        {
          kind: "members",
          hierarchy: "[Currency].[Currency]",
          level: "",
          members: [{ uniqueName: "[Currency].[Currency].[EUR]", caption: "EUR" }],
        },
      ],
    });
    expect(text).toContain(
      "WHERE Crossjoin({[Time].[Time].[2024].[Q1].[Jan]:[Time].[Time].[2024].[Q2].[May]}, {[Currency].[Currency].[EUR]})",
    );
  });

  it("adds dashboard filters to the widget's", () => {
    const q = buildQuery(widget({ measures: ["[Measures].[Amount]"] }), salesCube, [
      {
        kind: "members",
        hierarchy: "[Currency].[Currency]",
        level: "",
        members: [{ uniqueName: "[Currency].[Currency].[USD]", caption: "USD" }],
      },
    ]);
    expect(q?.mdx).toContain("WHERE [Currency].[Currency].[USD]");
  });

  it("escapes brackets in cube names and members", () => {
    const text = mdx({ cube: "My]Cube", measures: ["[Measures].[A]]B]"] });
    expect(text).toContain("{[Measures].[A]]B]}");
    expect(text).toContain("FROM [My]]Cube]");
  });
});

describe("buildDrillthrough", () => {
  it("puts the cell's members on an axis, leaving measures out, and the filters in the slicer", () => {
    const { mdx: text } = buildDrillthrough(
      "Sales",
      [
        { uniqueName: "[Time].[Time].[2024]", depth: 1, hierarchyUniqueName: "[Time].[Time]" },
        { uniqueName: "[Product].[Category].[All]", depth: 0, hierarchyUniqueName: "[Product].[Category]" },
        { uniqueName: "[Measures].[Avg price]", depth: 0, hierarchyUniqueName: "[Measures]" },
      ],
      [
        {
          kind: "members",
          hierarchy: "[Currency].[Currency]",
          level: "",
          members: [{ uniqueName: "[Currency].[Currency].[EUR]", caption: "EUR" }],
        },
      ],
      100,
    );
    expect(text).toBe(
      "DRILLTHROUGH MAXROWS 100\nSELECT\n  {([Time].[Time].[2024], [Product].[Category].[All])} ON COLUMNS\nFROM [Sales]\nWHERE [Currency].[Currency].[EUR]",
    );
  });

  it("keeps a filter of several members as a slicer set, apart from the cell", () => {
    const { mdx: text } = buildDrillthrough(
      "Sales",
      [
        { uniqueName: "[Time].[Time].[2024]", depth: 1, hierarchyUniqueName: "[Time].[Time]" },
        { uniqueName: "[Measures].[Revenue]", depth: 0, hierarchyUniqueName: "[Measures]" },
      ],
      [
        {
          kind: "members",
          hierarchy: "[Currency].[Currency]",
          level: "",
          members: [
            { uniqueName: "[Currency].[Currency].[EUR]", caption: "EUR" },
            { uniqueName: "[Currency].[Currency].[USD]", caption: "USD" },
          ],
        },
      ],
    );
    expect(text).toBe(
      "DRILLTHROUGH MAXROWS 1000\nSELECT\n  {[Time].[Time].[2024]} ON COLUMNS\nFROM [Sales]\nWHERE {[Currency].[Currency].[EUR], [Currency].[Currency].[USD]}",
    );
  });
});
