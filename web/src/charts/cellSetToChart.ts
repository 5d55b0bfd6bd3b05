import type { EChartsOption, SeriesOption } from "echarts";
import type { CellSet, CubeModel } from "../api/types";
import { cellSetToGrid, type Grid } from "../pivot/cellSetToGrid";
import type { ChartType } from "../widget/spec";

export const PALETTE = ["#2563eb", "#f59e0b", "#10b981", "#ef4444", "#8b5cf6", "#06b6d4", "#ec4899", "#84cc16", "#64748b", "#f97316"];

interface Table {
  categories: string[];
  series: { name: string; values: (number | null)[]; formatted: string[] }[];
}

const num = (v: number | string | null): number | null => (typeof v === "number" ? v : v === null ? null : Number(v) || null);

/**
 * The result as categories (row tuples, or the column tuples of a result without rows) and
 * series (one per column). Grand totals are left out: they would dwarf the rest.
 */
export function chartTable(grid: Grid): Table {
  const rows = grid.rows.filter((r) => r.kind !== "total");
  const columns = grid.columns.map((c, i) => ({ c, i })).filter(({ c }) => !c.total);
  const caption = (hs: { caption: string }[]) => hs.map((h) => h.caption).join(" / ");
  if (grid.rowHeaderDepth === 0) {
    const row = rows[0];
    return {
      categories: columns.map(({ c }) => caption(c.headers)),
      series: [
        {
          name: "Value",
          values: columns.map(({ i }) => num(row?.cells[i]?.value ?? null)),
          formatted: columns.map(({ i }) => row?.cells[i]?.formatted ?? ""),
        },
      ],
    };
  }
  return {
    categories: rows.map((r) => caption(r.headers)),
    series: columns.map(({ c, i }) => ({
      name: caption(c.headers),
      values: rows.map((r) => num(r.cells[i]?.value ?? null)),
      formatted: rows.map((r) => r.cells[i]?.formatted ?? ""),
    })),
  };
}

function cartesian(t: Table, type: ChartType): EChartsOption {
  const horizontal = type === "bar" || type === "stacked-bar";
  const stacked = type === "stacked-bar" || type === "stacked-column" || type === "stacked-area";
  const isLine = type === "line" || type === "area" || type === "stacked-area";
  const combo = type === "combo" && t.series.length > 1;
  const series: SeriesOption[] = t.series.map((s, i) => {
    const asLine = isLine || (combo && i === t.series.length - 1);
    const base = { name: s.name, data: s.values };
    if (asLine) {
      return {
        ...base,
        type: "line",
        smooth: false,
        showSymbol: t.categories.length <= 50,
        ...(type === "area" || type === "stacked-area" ? { areaStyle: { opacity: 0.35 } } : {}),
        ...(stacked ? { stack: "total" } : {}),
        ...(combo ? { yAxisIndex: 1 } : {}),
      };
    }
    return { ...base, type: "bar", ...(stacked ? { stack: "total" } : {}) };
  });
  const category = { type: "category" as const, data: t.categories, axisLabel: { hideOverlap: true } };
  const values = { type: "value" as const };
  return {
    color: PALETTE,
    tooltip: { trigger: "axis" },
    legend: { type: "scroll", bottom: 0 },
    grid: { left: 8, right: 16, top: 24, bottom: 40, containLabel: true },
    xAxis: horizontal ? values : category,
    yAxis: horizontal ? category : combo ? [values, { type: "value", splitLine: { show: false } }] : values,
    series,
  };
}

function pie(t: Table, donut: boolean): EChartsOption {
  const s = t.series[0];
  return {
    color: PALETTE,
    tooltip: { trigger: "item" },
    legend: { type: "scroll", bottom: 0 },
    series: [
      {
        type: "pie",
        name: s?.name ?? "",
        radius: donut ? ["45%", "70%"] : "70%",
        data: t.categories.map((name, i) => ({ name, value: s?.values[i] ?? "-" })),
      },
    ],
  };
}

function scatter(t: Table): EChartsOption {
  const [xs, ys] = t.series;
  const data = t.categories.map((name, i) =>
    ys ? { name, value: [xs.values[i], ys.values[i]] } : { name, value: [i, xs?.values[i] ?? null] },
  );
  return {
    color: PALETTE,
    tooltip: { trigger: "item" },
    xAxis: { type: "value", name: ys ? xs.name : "", scale: true },
    yAxis: { type: "value", name: ys ? ys.name : (xs?.name ?? ""), scale: true },
    grid: { left: 8, right: 24, top: 32, bottom: 24, containLabel: true },
    series: [{ type: "scatter", data, symbolSize: 10 }],
  };
}

/** ECharts options for a result: pure, so tested without a browser. */
export function cellSetToChart(cellSet: CellSet, type: ChartType, cube?: CubeModel): EChartsOption {
  const t = chartTable(cellSetToGrid(cellSet, { cube }));
  switch (type) {
    case "pie":
      return pie(t, false);
    case "donut":
      return pie(t, true);
    case "scatter":
      return scatter(t);
    default:
      return cartesian(t, type);
  }
}
