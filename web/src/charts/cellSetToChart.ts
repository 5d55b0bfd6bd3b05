import type { EChartsOption, SeriesOption } from "echarts";
import type { CellSet, CubeModel } from "../api/types";
import { cellSetToGrid, type Grid } from "../pivot/cellSetToGrid";
import type { ChartType } from "../widget/spec";
import { compact, kindOf, type ValueKind } from "./format";
// `t` names a chart's table in this file: the app's strings come through `translate`.
import { formatNumber, t as translate } from "../i18n";
import { applyFormats, type NumberFormat } from "../widget/style";

export const PALETTE = ["#2563eb", "#f59e0b", "#10b981", "#ef4444", "#8b5cf6", "#06b6d4", "#ec4899", "#84cc16", "#64748b", "#f97316"];

interface Series {
  name: string;
  values: (number | null)[];
  formatted: string[];
  /** The measure the series shows ("" when the columns have none). */
  measure: string;
  kind: ValueKind;
}

interface Table {
  categories: string[];
  series: Series[];
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
  const measureOf = (hs: { member?: { uniqueName: string; hierarchyUniqueName: string } }[]) =>
    hs.find((h) => h.member?.hierarchyUniqueName === "[Measures]")?.member?.uniqueName ?? "";
  const series = (name: string, measure: string, values: (number | null)[], formatted: string[]): Series => ({
    name,
    values,
    formatted,
    measure,
    kind: kindOf(formatted),
  });
  if (grid.rowHeaderDepth === 0) {
    const row = rows[0];
    return {
      categories: columns.map(({ c }) => caption(c.headers)),
      series: [
        series(
          translate("chart.value"),
          "",
          columns.map(({ i }) => num(row?.cells[i]?.value ?? null)),
          columns.map(({ i }) => row?.cells[i]?.formatted ?? ""),
        ),
      ],
    };
  }
  return {
    categories: rows.map((r) => caption(r.headers)),
    series: columns.map(({ c, i }) =>
      series(
        caption(c.headers),
        measureOf(c.headers),
        rows.map((r) => num(r.cells[i]?.value ?? null)),
        rows.map((r) => r.cells[i]?.formatted ?? ""),
      ),
    ),
  };
}

/** An axis tooltip: each series' value as the measure formats it. */
function axisTooltip(t: Table) {
  return (params: unknown) => {
    const list = (Array.isArray(params) ? params : [params]) as {
      seriesIndex: number;
      dataIndex: number;
      marker: string;
      seriesName: string;
      name: string;
    }[];
    const head = list[0]?.name ?? "";
    const lines = list.map((p) => `${p.marker}${p.seriesName}: <b>${t.series[p.seriesIndex]?.formatted[p.dataIndex] ?? ""}</b>`);
    return [head, ...lines].join("<br/>");
  };
}

/** A value axis labelled compactly in its series' kind (120M, 35%). */
function valueAxis(kind: ValueKind, extra: Record<string, unknown> = {}) {
  return { type: "value" as const, axisLabel: { formatter: (v: number) => compact(v, kind) }, ...extra };
}

/** A share as a percentage with one decimal ("35.0%"). */
const share = (fraction: number) => formatNumber(fraction, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });

/**
 * A 100% stack: each category's values as shares of their sum, the values themselves kept for the
 * tooltip (as formatted) — the axis reads 0–100%.
 */
function asShares(t: Table): Table {
  const sums = t.categories.map((_, i) => t.series.reduce((sum, s) => sum + Math.abs(s.values[i] ?? 0), 0));
  return {
    categories: t.categories,
    series: t.series.map((s) => ({
      ...s,
      values: s.values.map((v, i) => (v === null || sums[i] === 0 ? null : Math.abs(v) / sums[i])),
      formatted: s.formatted.map((f, i) =>
        s.values[i] === null || sums[i] === 0 ? f : `${f} (${share(Math.abs(s.values[i]!) / sums[i])})`,
      ),
      kind: "percent" as const,
    })),
  };
}

function cartesian(t: Table, type: ChartType): EChartsOption {
  if (type.endsWith("-100")) {
    t = asShares(t);
    type = type.slice(0, -4) as ChartType;
  }
  const horizontal = type === "bar" || type === "stacked-bar";
  const stacked = type === "stacked-bar" || type === "stacked-column" || type === "stacked-area";
  const isLine = type === "line" || type === "area" || type === "stacked-area";
  // Combo: the last measure as a line, on a second axis when the columns show other measures
  // (one measure split by a level keeps one axis: its last series is a line on it).
  const measures = [...new Set(t.series.map((s) => s.measure))];
  const lineMeasure = type === "combo" && t.series.length > 1 ? t.series[t.series.length - 1].measure : undefined;
  const secondAxis = lineMeasure !== undefined && measures.length > 1;
  const isComboLine = (s: Series, i: number) =>
    lineMeasure !== undefined && (measures.length > 1 ? s.measure === lineMeasure : i === t.series.length - 1);
  const series: SeriesOption[] = t.series.map((s, i) => {
    const asLine = isLine || isComboLine(s, i);
    const base = { name: s.name, data: s.values };
    if (asLine) {
      return {
        ...base,
        type: "line",
        smooth: false,
        showSymbol: t.categories.length <= 50,
        ...(type === "area" || type === "stacked-area" ? { areaStyle: { opacity: 0.35 } } : {}),
        ...(stacked ? { stack: "total" } : {}),
        ...(secondAxis && isComboLine(s, i) ? { yAxisIndex: 1 } : {}),
      };
    }
    return { ...base, type: "bar", ...(stacked ? { stack: "total" } : {}) };
  });
  // Dense category axes: labels thinned, rotated when many.
  const category = {
    type: "category" as const,
    data: t.categories,
    axisLabel: { hideOverlap: true, ...(t.categories.length > 12 && !horizontal ? { rotate: 40 } : {}) },
  };
  const leftKind = t.series.find((s, i) => !(secondAxis && isComboLine(s, i)))?.kind ?? "number";
  const rightKind = t.series.find((s, i) => secondAxis && isComboLine(s, i))?.kind ?? "number";
  const values = valueAxis(leftKind);
  return {
    color: PALETTE,
    tooltip: { trigger: "axis", formatter: axisTooltip(t) },
    legend: { type: "scroll", bottom: 0 },
    grid: { left: 8, right: 16, top: 24, bottom: 40, containLabel: true },
    xAxis: horizontal ? values : category,
    yAxis: horizontal ? category : secondAxis ? [values, valueAxis(rightKind, { splitLine: { show: false } })] : values,
    series,
  };
}

/** One pie per series (a split by a level on columns gives several), side by side, each titled. */
function pie(t: Table, donut: boolean): EChartsOption {
  const n = Math.max(1, t.series.length);
  const size = Math.round(Math.min(70, 100 / n));
  return {
    color: PALETTE,
    tooltip: {
      trigger: "item",
      formatter: (p: unknown) => {
        const { seriesIndex, dataIndex, marker, name, percent } = p as {
          seriesIndex: number;
          dataIndex: number;
          marker: string;
          name: string;
          percent: number;
        };
        return `${marker}${name}: <b>${t.series[seriesIndex]?.formatted[dataIndex] ?? ""}</b> (${formatNumber(percent / 100, { style: "percent", maximumFractionDigits: 2 })})`;
      },
    },
    legend: { type: "scroll", bottom: 0 },
    title:
      n > 1
        ? t.series.map((s, i) => ({
            text: s.name,
            left: `${((i + 0.5) / n) * 100}%`,
            top: 4,
            textAlign: "center",
            textStyle: { fontSize: 12 },
          }))
        : undefined,
    series: t.series.map((s, i) => ({
      type: "pie",
      name: s.name,
      center: [`${((i + 0.5) / n) * 100}%`, "52%"],
      radius: donut ? [`${Math.round(size * 0.64)}%`, `${size}%`] : `${size}%`,
      data: t.categories.map((name, k) => ({ name, value: s.values[k] ?? "-" })),
    })),
  };
}

function scatter(t: Table): EChartsOption {
  const [xs, ys] = t.series;
  const data = t.categories.map((name, i) =>
    ys ? { name, value: [xs.values[i], ys.values[i]] } : { name, value: [i, xs?.values[i] ?? null] },
  );
  const seriesOf = ys ? [xs, ys] : [xs];
  return {
    color: PALETTE,
    tooltip: {
      trigger: "item",
      formatter: (p: unknown) => {
        const { dataIndex, name, marker } = p as { dataIndex: number; name: string; marker: string };
        return `${marker}${name}<br/>` + seriesOf.map((s) => `${s?.name}: <b>${s?.formatted[dataIndex] ?? ""}</b>`).join("<br/>");
      },
    },
    xAxis: ys ? valueAxis(xs.kind, { name: xs.name, scale: true }) : { type: "value", name: "", scale: true },
    yAxis: valueAxis((ys ?? xs)?.kind ?? "number", { name: ys ? ys.name : (xs?.name ?? ""), scale: true }),
    grid: { left: 8, right: 24, top: 32, bottom: 24, containLabel: true },
    series: [
      {
        type: "scatter",
        data,
        symbolSize: 10,
        label: { show: t.categories.length <= 30, position: "right", formatter: "{b}", fontSize: 11 },
      },
    ],
  };
}

/**
 * A waterfall of the first series: each category a step from where the previous ended (rises in
 * green, falls in red, on an invisible base), then the total.
 */
function waterfall(t: Table): EChartsOption {
  const s = t.series[0];
  const base: (number | string)[] = [];
  const rise: (number | string)[] = [];
  const fall: (number | string)[] = [];
  let level = 0;
  for (const v of s?.values ?? []) {
    const step = v ?? 0;
    base.push(step >= 0 ? level : level + step);
    rise.push(step >= 0 ? step : "-");
    fall.push(step < 0 ? -step : "-");
    level += step;
  }
  const categories = [...t.categories, translate("common.total")];
  base.push(0);
  rise.push(level >= 0 ? level : "-");
  fall.push(level < 0 ? -level : "-");
  const formatted = [...(s?.formatted ?? []), compact(level, s?.kind)];
  return {
    color: PALETTE,
    tooltip: {
      trigger: "axis",
      formatter: (params: unknown) => {
        const p = (Array.isArray(params) ? params : [params])[0] as { dataIndex: number; name: string };
        return `${p.name}: <b>${formatted[p.dataIndex] ?? ""}</b>`;
      },
    },
    grid: { left: 8, right: 16, top: 24, bottom: 24, containLabel: true },
    xAxis: { type: "category", data: categories, axisLabel: { hideOverlap: true, ...(categories.length > 12 ? { rotate: 40 } : {}) } },
    yAxis: valueAxis(s?.kind ?? "number"),
    series: [
      {
        type: "bar",
        name: "base",
        stack: "waterfall",
        data: base,
        itemStyle: { color: "transparent" },
        emphasis: { disabled: true },
        tooltip: { show: false },
      },
      { type: "bar", name: s?.name ? `${s.name} up` : "up", stack: "waterfall", data: rise, itemStyle: { color: "#16a34a" } },
      { type: "bar", name: s?.name ? `${s.name} down` : "down", stack: "waterfall", data: fall, itemStyle: { color: "#dc2626" } },
    ],
  };
}

/** A treemap of the first series: a tile per category, sized by its value (negative values left out). */
function treemap(t: Table): EChartsOption {
  const s = t.series[0];
  return {
    color: PALETTE,
    tooltip: {
      formatter: (p: unknown) => {
        const { dataIndex, name } = p as { dataIndex: number; name: string };
        const i = t.categories.indexOf(name);
        return `${name}: <b>${s?.formatted[i >= 0 ? i : dataIndex] ?? ""}</b>`;
      },
    },
    series: [
      {
        type: "treemap",
        name: s?.name ?? "",
        roam: false,
        nodeClick: false,
        breadcrumb: { show: false },
        label: { show: true, formatter: "{b}" },
        data: t.categories.map((name, i) => ({ name, value: s?.values[i] ?? 0 })).filter((d) => d.value > 0),
      },
    ],
  };
}

/** ECharts options for a result: pure, so tested without a browser. */
export function cellSetToChart(cellSet: CellSet, type: ChartType, cube?: CubeModel, formats?: Record<string, NumberFormat>): EChartsOption {
  const t = chartTable(applyFormats(cellSetToGrid(cellSet, { cube }), formats));
  switch (type) {
    case "pie":
      return pie(t, false);
    case "donut":
      return pie(t, true);
    case "scatter":
      return scatter(t);
    case "waterfall":
      return waterfall(t);
    case "treemap":
      return treemap(t);
    default:
      return cartesian(t, type);
  }
}
