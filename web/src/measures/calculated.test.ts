import { describe, expect, it } from "vitest";
import { buildQuery } from "../mdx/buildQuery";
import { salesCube, widget } from "../test/fixtures";
import { parseDashboard, defineCalculated, inheritedFilters, newDashboard, removeCalculated } from "../dashboards/model";
import { uniqueNameOf, validate, withMembers, type CalculatedMeasure } from "./calculated";

const margin: CalculatedMeasure = {
  cube: "Sales",
  name: "Margin",
  left: { kind: "measure", uniqueName: "[Measures].[Amount]" },
  operator: "-",
  right: { kind: "measure", uniqueName: "[Measures].[Qty]" },
};
const marginShare: CalculatedMeasure = {
  cube: "Sales",
  name: "Margin %",
  left: { kind: "measure", uniqueName: "[Measures].[Margin]" },
  operator: "/",
  right: { kind: "measure", uniqueName: "[Measures].[Amount]" },
  format: "0.00%",
};
const doubled: CalculatedMeasure = {
  ...margin,
  name: "Twice]",
  left: { kind: "measure", uniqueName: "[Measures].[Amount]" },
  operator: "*",
  right: { kind: "number", value: 2 },
};

describe("calculated measures", () => {
  it("become WITH MEMBER items of the queries that use them, with what they use first", () => {
    const built = buildQuery(
      widget({ measures: ["[Measures].[Amount]", uniqueNameOf("Margin %")] }),
      salesCube,
      [],
      [marginShare, margin, doubled],
    );
    expect(built?.mdx).toBe(
      [
        "WITH",
        "  MEMBER [Measures].[Margin] AS ([Measures].[Amount] - [Measures].[Qty])",
        '  MEMBER [Measures].[Margin %] AS ([Measures].[Margin] / [Measures].[Amount]), FORMAT_STRING = "0.00%"',
        "SELECT",
        "  NON EMPTY {[Measures].[Amount], [Measures].[Margin %]} ON COLUMNS",
        "FROM [Sales]",
      ].join("\n"),
    );
  });

  it("escape their names and print numbers", () => {
    expect(withMembers([doubled], "Sales", [uniqueNameOf("Twice]")]).length).toBe(1);
    const built = buildQuery(widget({ measures: [uniqueNameOf("Twice]")] }), salesCube, [], [doubled]);
    expect(built?.mdx).toContain("MEMBER [Measures].[Twice]]] AS ([Measures].[Amount] * 2)");
  });

  it("are left out when unused or of another cube, and a TopN measure counts as used", () => {
    expect(buildQuery(widget({ measures: ["[Measures].[Amount]"] }), salesCube, [], [margin])?.mdx).not.toContain("WITH");
    expect(withMembers([{ ...margin, cube: "Other" }], "Sales", [uniqueNameOf("Margin")])).toEqual([]);
    const topN = buildQuery(
      widget({
        measures: ["[Measures].[Amount]"],
        rows: [{ hierarchy: "[Product].[Category]", level: "[Product].[Category].[Category]" }],
      }),
      salesCube,
      [{ kind: "topN", direction: "top", count: 3, measure: uniqueNameOf("Margin") }],
      [margin],
    );
    expect(topN?.mdx).toContain("MEMBER [Measures].[Margin] AS");
  });

  it("are validated: a name, no clash, no self reference, finite numbers", () => {
    const cube = ["[Measures].[Amount]", "[Measures].[Qty]"];
    expect(validate({ ...margin, name: " " }, cube, [])).toMatch(/name/);
    expect(validate({ ...margin, name: "Amount" }, cube, [])).toMatch(/already exists/);
    expect(validate(margin, cube, [margin])).toMatch(/already exists/);
    expect(validate({ ...margin, right: { kind: "measure", uniqueName: "[Measures].[Margin]" } }, cube, [])).toMatch(/itself/);
    expect(validate({ ...margin, right: { kind: "number", value: Number.NaN } }, cube, [])).toMatch(/finite/);
    expect(validate(margin, cube, [])).toBeUndefined();
  });

  it("are saved with the dashboard and read back", () => {
    let d = defineCalculated(newDashboard(), margin);
    d = defineCalculated(d, { ...margin, operator: "+" });
    expect(d.calculatedMeasures).toEqual([{ ...margin, operator: "+" }]);
    const reread = parseDashboard(d.id, d.name, d.folder, JSON.parse(JSON.stringify(d)));
    expect(reread.calculatedMeasures).toEqual(d.calculatedMeasures);
    expect(parseDashboard("x", "y", "/", { pages: [] }).calculatedMeasures).toEqual([]);
    expect(removeCalculated(d, "Sales", "Margin").calculatedMeasures).toEqual([]);
  });
});

describe("the dashboard's scenario", () => {
  it("slices every widget's query on the Epoch hierarchy, and is saved with the dashboard", () => {
    const d = { ...newDashboard(), scenario: "What ]if" };
    const filters = inheritedFilters(d, d.pages[0].id);
    const built = buildQuery(widget({ measures: ["[Measures].[Amount]"] }), salesCube, filters);
    expect(built?.mdx).toContain("WHERE [Epoch].[Epoch].[What ]]if]");
    expect(inheritedFilters({ ...d, scenario: "Base" }, d.pages[0].id)).toEqual([]);
    expect(parseDashboard(d.id, d.name, d.folder, JSON.parse(JSON.stringify(d))).scenario).toBe("What ]if");
    expect(parseDashboard("x", "y", "/", {}).scenario).toBeUndefined();
  });
});
