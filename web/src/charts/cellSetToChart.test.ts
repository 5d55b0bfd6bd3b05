import { describe, expect, it } from "vitest";
import { cellSet, measure, member, salesCube } from "../test/fixtures";
import { cellSetToChart } from "./cellSetToChart";

const amount = measure("Amount");
const qty = measure("Qty");
const all = member("[Time].[Time].[All]", "All", 0);
const y23 = member("[Time].[Time].[2023]", "2023", 1);
const y24 = member("[Time].[Time].[2024]", "2024", 1);
const twoMeasures = cellSet([[amount], [qty]], [[y23], [y24]], (r, c) => (r + 1) * (c ? 1 : 100));

type Any = any;

describe("cellSetToChart", () => {
  it("makes a column chart: categories from rows, a series per column", () => {
    const o: Any = cellSetToChart(twoMeasures, "column");
    expect(o.xAxis.data).toEqual(["2023", "2024"]);
    expect(o.yAxis.type).toBe("value");
    expect(o.series.map((s: Any) => [s.type, s.name, s.data, s.stack])).toEqual([
      ["bar", "Amount", [100, 200], undefined],
      ["bar", "Qty", [1, 2], undefined],
    ]);
  });

  it("stacks stacked columns and turns bars horizontal", () => {
    const stacked: Any = cellSetToChart(twoMeasures, "stacked-column");
    expect(stacked.series.every((s: Any) => s.stack === "total")).toBe(true);
    const bar: Any = cellSetToChart(twoMeasures, "stacked-bar");
    expect(bar.yAxis.type).toBe("category");
    expect(bar.xAxis.type).toBe("value");
    expect(bar.series[0].stack).toBe("total");
  });

  it("draws lines and areas", () => {
    const line: Any = cellSetToChart(twoMeasures, "line");
    expect(line.series[0].type).toBe("line");
    expect(line.series[0].areaStyle).toBeUndefined();
    const area: Any = cellSetToChart(twoMeasures, "stacked-area");
    expect(area.series[0].areaStyle).toBeDefined();
    expect(area.series[1].stack).toBe("total");
  });

  it("combines columns and a line on a second axis", () => {
    const o: Any = cellSetToChart(twoMeasures, "combo");
    expect(o.series.map((s: Any) => s.type)).toEqual(["bar", "line"]);
    expect(o.series[1].yAxisIndex).toBe(1);
    expect(o.yAxis).toHaveLength(2);
  });

  it("makes a pie (or donut) per series, side by side, each titled", () => {
    const p: Any = cellSetToChart(twoMeasures, "pie");
    expect(p.series).toHaveLength(2);
    expect(p.series.map((s: Any) => s.type)).toEqual(["pie", "pie"]);
    expect(p.series[0].data).toEqual([
      { name: "2023", value: 100 },
      { name: "2024", value: 200 },
    ]);
    expect(p.series[1].data.map((d: Any) => d.value)).toEqual([1, 2]);
    expect(p.series.map((s: Any) => s.center[0])).toEqual(["25%", "75%"]);
    expect(p.title.map((t: Any) => t.text)).toEqual(["Amount", "Qty"]);
    const one: Any = cellSetToChart(
      cellSet([[amount]], [[y23], [y24]], (r) => r + 1),
      "donut",
    );
    expect(one.series).toHaveLength(1);
    expect(one.series[0].radius).toEqual(["45%", "70%"]);
    expect(one.title).toBeUndefined();
  });

  it("keeps one axis for a combo of one measure split by a level: its last series is the line", () => {
    const split = cellSet(
      [
        [y23, amount],
        [y24, amount],
      ],
      [[member("[Product].[Category].[Bikes]", "Bikes")], [member("[Product].[Category].[Cars]", "Cars")]],
      (r, c) => (r + 1) * (c + 1),
    );
    const o: Any = cellSetToChart(split, "combo");
    expect(o.series.map((s: Any) => [s.type, s.yAxisIndex])).toEqual([
      ["bar", undefined],
      ["line", undefined],
    ]);
    expect(Array.isArray(o.yAxis)).toBe(false);
  });

  it("formats tooltips and value axes as the measures are formatted", () => {
    const percent = cellSet([[amount], [measure("Margin %")]], [[y23], [y24]], (_r, c) => (c ? 0.3499095061064315 : 118_323_684.89999774));
    percent.cells.forEach((cell, i) => (cell.formattedValue = i % 2 ? "35.0%" : "118,323,684.90"));
    const o: Any = cellSetToChart(percent, "combo");
    expect(o.yAxis[0].axisLabel.formatter(120_000_000)).toBe("120M");
    expect(o.yAxis[1].axisLabel.formatter(0.35)).toBe("35%");
    const tip = o.tooltip.formatter([
      { seriesIndex: 0, dataIndex: 0, marker: "", seriesName: "Amount", name: "2023" },
      { seriesIndex: 1, dataIndex: 0, marker: "", seriesName: "Margin %", name: "2023" },
    ]);
    expect(tip).toBe("2023<br/>Amount: <b>118,323,684.90</b><br/>Margin %: <b>35.0%</b>");
  });

  it("plots the first two columns against each other in a scatter", () => {
    const o: Any = cellSetToChart(twoMeasures, "scatter");
    expect(o.series[0].data).toEqual([
      { name: "2023", value: [100, 1] },
      { name: "2024", value: [200, 2] },
    ]);
    expect(o.xAxis.name).toBe("Amount");
    expect(o.yAxis.name).toBe("Qty");
  });

  it("leaves grand totals out", () => {
    const cs = cellSet([[amount]], [[all], [y23], [y24]], (r) => [3, 1, 2][r]);
    const o: Any = cellSetToChart(cs, "column", salesCube);
    expect(o.xAxis.data).toEqual(["2023", "2024"]);
    expect(o.series[0].data).toEqual([1, 2]);
  });

  it("uses the columns as categories when there are no rows", () => {
    const cs = cellSet([[amount], [qty]], undefined, (_r, c) => [7, 8][c]);
    const o: Any = cellSetToChart(cs, "column");
    expect(o.xAxis.data).toEqual(["Amount", "Qty"]);
    expect(o.series[0].data).toEqual([7, 8]);
  });

  it("keeps empty cells as gaps", () => {
    const cs = cellSet([[amount]], [[y23], [y24]], (r) => (r ? null : 4));
    const o: Any = cellSetToChart(cs, "line");
    expect(o.series[0].data).toEqual([4, null]);
  });
});

describe("more chart types", () => {
  type Any2 = any;
  const amount = measure("Amount");
  const qty = measure("Qty");
  const y23 = member("[Time].[Time].[2023]", "2023", 1);
  const y24 = member("[Time].[Time].[2024]", "2024", 1);
  const cs = cellSet([[amount], [qty]], [[y23], [y24]], (r, c) => (c ? [1, 3][r] : [3, 1][r]));

  it("stacks shares to 100%", () => {
    const o: Any2 = cellSetToChart(cs, "stacked-column-100");
    expect(o.series.map((s: Any2) => s.data)).toEqual([
      [0.75, 0.25],
      [0.25, 0.75],
    ]);
    expect(o.series.every((s: Any2) => s.stack === "total" && s.type === "bar")).toBe(true);
    expect(o.yAxis.axisLabel.formatter(0.5)).toBe("50%");
    const bars: Any2 = cellSetToChart(cs, "stacked-bar-100");
    expect(bars.yAxis.type).toBe("category");
  });

  it("draws a waterfall: steps on an invisible base, then the total", () => {
    const steps = cellSet([[amount]], [[y23], [y24], [member("[Time].[Time].[2025]", "2025", 1)]], (r) => [10, -4, 6][r]);
    const o: Any2 = cellSetToChart(steps, "waterfall");
    expect(o.xAxis.data).toEqual(["2023", "2024", "2025", "Total"]);
    expect(o.series[0].data).toEqual([0, 6, 6, 0]);
    expect(o.series[1].data).toEqual([10, "-", 6, 12]);
    expect(o.series[2].data).toEqual(["-", 4, "-", "-"]);
  });

  it("tiles a treemap by value", () => {
    const o: Any2 = cellSetToChart(cs, "treemap");
    expect(o.series[0].type).toBe("treemap");
    expect(o.series[0].data).toEqual([
      { name: "2023", value: 3 },
      { name: "2024", value: 1 },
    ]);
  });
});
