import { describe, expect, it } from "vitest";
import { cellSet, measure, member, salesCube } from "../test/fixtures";
import { cellSetToGrid } from "../pivot/cellSetToGrid";
import { applyFormats, decorate, decorationCss, formatNumber, mix } from "./style";

const amount = measure("Amount");
const rows = ["A", "B", "C", "D"].map((n) => [member(`[Product].[Category].[${n}]`, n)]);
const grid = cellSetToGrid(
  cellSet([[amount]], rows, (r) => [-50, 0, 50, 150][r]),
  { cube: salesCube },
);
const A = "[Measures].[Amount]";

describe("formats", () => {
  it("formats numbers with Intl", () => {
    expect(formatNumber(1234.567, { style: "number", decimals: 1 })).toBe("1,234.6");
    expect(formatNumber(0.3499, { style: "percent", decimals: 1 })).toBe("35.0%");
    expect(formatNumber(118_323_684.9, { style: "compact", decimals: 1 })).toBe("118.3M");
    expect(formatNumber(1234.5, { style: "currency", decimals: 2, currency: "EUR" })).toBe("€1,234.50");
  });

  it("applies a measure's format to its column's cells", () => {
    const formatted = applyFormats(grid, { [A]: { style: "number", decimals: 2 } });
    expect(formatted.rows.map((r) => r.cells[0].formatted)).toEqual(["-50.00", "0.00", "50.00", "150.00"]);
    expect(applyFormats(grid, {})).toBe(grid);
  });
});

describe("conditional formatting", () => {
  it("colours a scale from its column's minimum to its maximum", () => {
    const d = decorate(grid, [{ kind: "scale", measure: A, low: "#ffffff", high: "#000000" }])!;
    expect(d.map((r) => r[0]?.background)).toEqual(["#ffffff", mix("#ffffff", "#000000", 0.25), "#808080", "#000000"]);
  });

  it("draws bars from zero, negatives to the left", () => {
    const d = decorate(grid, [{ kind: "bars", measure: A, color: "#93c5fd" }])!;
    expect(d[0][0]?.bar).toEqual({ from: 0, to: 0.25, color: "#93c5fd" });
    expect(d[3][0]?.bar).toEqual({ from: 0.25, to: 1, color: "#93c5fd" });
    expect(decorationCss(d[3][0])?.backgroundImage).toContain("#93c5fd 25%");
  });

  it("colours the cells a rule holds for, later rules winning", () => {
    const d = decorate(grid, [
      { kind: "rule", measure: A, op: "<", value: 0, color: "#dc2626" },
      { kind: "rule", measure: A, op: "between", value: 40, value2: 60, background: "#fef3c7" },
    ])!;
    expect(d.map((r) => r[0])).toEqual([{ color: "#dc2626" }, undefined, { background: "#fef3c7" }, undefined]);
    expect(
      decorate(grid, [{ kind: "rule", measure: "[Measures].[Other]", op: "<", value: 0, color: "red" }])!
        .flat()
        .every((x) => !x),
    ).toBe(true);
  });
});
