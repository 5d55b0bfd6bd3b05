import { describe, expect, it } from "vitest";
import { widget } from "../test/fixtures";
import { collapseAll, decodeDrag, dropOn, encodeDrag, expandAll, keepOnly, removeFrom, toggleExpansion, type DragItem } from "./edit";
import { emptyWidget } from "./spec";

const year: DragItem = { kind: "level", hierarchy: "[Time].[Time]", level: "[Time].[Time].[Year]", caption: "Year" };
const month: DragItem = { kind: "level", hierarchy: "[Time].[Time]", level: "[Time].[Time].[Month]", caption: "Month" };
const amount: DragItem = { kind: "measure", uniqueName: "[Measures].[Amount]", caption: "Amount" };
const qty: DragItem = { kind: "measure", uniqueName: "[Measures].[Qty]", caption: "Qty" };

describe("drag and drop edits", () => {
  it("round-trips a drag payload", () => {
    expect(decodeDrag(encodeDrag(year))).toEqual(year);
    expect(decodeDrag("not json")).toBeUndefined();
  });

  it("adds levels and measures to zones, dropping a hand-written query", () => {
    let s = widget({ mdx: "SELECT ..." });
    s = dropOn(s, "rows", year);
    s = dropOn(s, "rows", month);
    s = dropOn(s, "values", amount);
    s = dropOn(s, "values", qty, 0);
    expect(s.rows.map((f) => f.level)).toEqual(["[Time].[Time].[Year]", "[Time].[Time].[Month]"]);
    expect(s.measures).toEqual(["[Measures].[Qty]", "[Measures].[Amount]"]);
    expect(s.mdx).toBeUndefined();
  });

  it("moves a hierarchy from one axis to the other", () => {
    let s = dropOn(widget({}), "rows", year);
    s = dropOn(s, "columns", month);
    expect(s.rows).toEqual([]);
    expect(s.columns.map((f) => f.level)).toEqual(["[Time].[Time].[Month]"]);
  });

  it("reorders within a zone", () => {
    let s = widget({ measures: ["[Measures].[A]", "[Measures].[B]", "[Measures].[C]"] });
    s = dropOn(s, "values", { kind: "field", zone: "values", index: 0 }, 3);
    expect(s.measures).toEqual(["[Measures].[B]", "[Measures].[C]", "[Measures].[A]"]);
  });

  it("turns a level dropped on filters into a member filter and a measure into a Top 10", () => {
    let s = dropOn(widget({}), "filters", year);
    s = dropOn(s, "filters", amount);
    expect(s.filters.map((f) => f.kind)).toEqual(["members", "topN"]);
    expect(dropOn(s, "filters", year).filters).toHaveLength(2);
  });

  it("removes items", () => {
    const s = removeFrom(widget({ measures: ["[Measures].[A]", "[Measures].[B]"] }), "values", 0);
    expect(s.measures).toEqual(["[Measures].[B]"]);
  });

  it("expands a member and collapses it with its descendants", () => {
    const m = { uniqueName: "[T].[T].[2024]", hierarchyUniqueName: "[T].[T]", depth: 1 };
    let s = toggleExpansion(widget({}), m, false);
    s = toggleExpansion(s, { uniqueName: "[T].[T].[2024].[Q1]", hierarchyUniqueName: "[T].[T]", depth: 2 }, false);
    expect(s.expanded).toHaveLength(2);
    s = toggleExpansion(s, m, true);
    expect(s.expanded).toEqual([]);
  });
});

describe("a new widget and the pivot's menu actions", () => {
  const year = {
    uniqueName: "[Time].[Time].[2024]",
    caption: "2024",
    hierarchyUniqueName: "[Time].[Time]",
    levelUniqueName: "[Time].[Time].[Year]",
    depth: 1,
  };
  const y23 = { ...year, uniqueName: "[Time].[Time].[2023]", caption: "2023" };

  it("has subtotals and totals on, as Excel and Atoti", () => {
    expect(emptyWidget("Sales").totals).toBe(true);
  });

  it("keeps only a member, or removes members one after the other", () => {
    const kept = keepOnly(widget({}), year);
    expect(kept.filters).toEqual([
      {
        kind: "members",
        hierarchy: "[Time].[Time]",
        level: "[Time].[Time].[Year]",
        members: [{ uniqueName: year.uniqueName, caption: "2024" }],
      },
    ]);
    const removed = keepOnly(keepOnly(widget({}), year, true), y23, true);
    expect(removed.filters).toHaveLength(1);
    expect(removed.filters[0]).toMatchObject({ exclude: true, members: [{ caption: "2024" }, { caption: "2023" }] });
    expect(keepOnly(removed, year).filters).toEqual(kept.filters);
  });

  it("expands all the members of a level and collapses all", () => {
    const all = expandAll(expandAll(widget({}), "[Time].[Time]", 1), "[Time].[Time]", 2);
    expect(all.expanded).toEqual([
      { hierarchy: "[Time].[Time]", member: "*", depth: 1 },
      { hierarchy: "[Time].[Time]", member: "*", depth: 2 },
    ]);
    // Collapsing one member of an expanded-all depth collapses that depth and those below.
    expect(toggleExpansion(all, year, true).expanded).toEqual([]);
    expect(collapseAll(all, "[Time].[Time]").expanded).toEqual([]);
  });
});
