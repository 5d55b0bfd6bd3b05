import { renderToString } from "react-dom/server";
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { cellSet, measure, member } from "../test/fixtures";
import { KpiCards } from "./KpiCards";
import { cellSetToKpis } from "./kpi";

describe("cellSetToKpis", () => {
  it("makes a card per measure", () => {
    const kpis = cellSetToKpis(cellSet([[measure("Revenue")], [measure("Cost")]], undefined, (_, c) => [1500, 900][c]));
    expect(kpis.map((k) => [k.title, k.subtitle, k.formatted])).toEqual([
      ["Revenue", undefined, "1,500"],
      ["Cost", undefined, "900"],
    ]);
  });

  it("makes a card per row member and measure, empty cells shown as a dash", () => {
    const rows = [[member("[Geo].[Geo].[Europe]", "Europe")], [member("[Geo].[Geo].[Asia]", "Asia")]];
    const kpis = cellSetToKpis(cellSet([[measure("Revenue")]], rows, (r) => [10, null][r]));
    expect(kpis.map((k) => [k.title, k.subtitle, k.formatted])).toEqual([
      ["Revenue", "Europe", "10"],
      ["Revenue", "Asia", "–"],
    ]);
  });

  it("renders the cards with test ids", () => {
    const kpis = cellSetToKpis(cellSet([[measure("Revenue")]], undefined, () => 42));
    const html = renderToString(createElement(KpiCards, { kpis }));
    expect(html).toContain('data-testid="kpi-value-0"');
    expect(html).toContain(">42<");
  });
});
