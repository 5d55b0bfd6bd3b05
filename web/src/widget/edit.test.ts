import { describe, expect, it } from "vitest";
import { widget } from "../test/fixtures";
import { decodeDrag, dropOn, encodeDrag, removeFrom, toggleExpansion, type DragItem } from "./edit";

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
