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

  it("compares each card with its previous period: the delta, its share and the direction", () => {
    const revenue = measure("Revenue");
    const previous = { ...measure("Previous · Revenue") };
    const cs = cellSet([[revenue], [previous]], undefined, (_, c) => [1_200_000, 1_000_000][c]);
    const [card, ...rest] = cellSetToKpis(cs, undefined, { compare: { kind: "previous", hierarchy: "[Time].[Time]" }, compact: true }, [
      "[Measures].[Revenue]",
    ]);
    expect(rest).toEqual([]);
    expect(card.formatted).toBe("1.2M");
    expect(card.comparison).toMatchObject({ label: "vs previous period", delta: 200_000, percent: 0.2, formattedDelta: "+200K" });
    const html = renderToString(createElement(KpiCards, { kpis: [card] }));
    expect(html).toContain("▲");
    expect(html).toContain("(+20.0%)");
  });

  it("compares with a target measure, in percentage points for a percentage", () => {
    const margin = measure("Margin %");
    const target = measure("Target %");
    const cs = cellSet([[margin], [target]], undefined, (_, c) => [0.31, 0.35][c]);
    cs.cells[0].formattedValue = "31.0%";
    cs.cells[1].formattedValue = "35.0%";
    const [card] = cellSetToKpis(cs, undefined, { compare: { kind: "target", measure: "[Measures].[Target %]" } }, [
      "[Measures].[Margin %]",
    ]);
    expect(card.formatted).toBe("31.0%");
    expect(card.comparison?.formattedDelta).toBe("−4.0 pt");
    expect(card.comparison?.label).toBe("vs Target %");
  });
});
