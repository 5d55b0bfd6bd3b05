// A widget is a serializable spec: saved in dashboards, turned into MDX by mdx/buildQuery.ts.
import { t } from "../i18n";
import type { WidgetStyle } from "./style";

export type ChartType =
  | "line"
  | "area"
  | "stacked-area"
  | "column"
  | "stacked-column"
  | "bar"
  | "stacked-bar"
  | "pie"
  | "donut"
  | "scatter"
  | "combo"
  | "stacked-column-100"
  | "stacked-bar-100"
  | "stacked-area-100"
  | "waterfall"
  | "treemap";

/** The widget types the app draws itself. */
export type BuiltInWidgetType = "pivot" | "tree" | "table" | "kpi" | ChartType;

/**
 * A widget's type: a built-in one, or the name of a type an extension registers (extensions/registry.ts),
 * saved as is in the dashboard.
 */
export type WidgetType = BuiltInWidgetType | (string & {});

// Labels are read once: the page's language does not change without a reload.
export const CHART_TYPES: { type: ChartType; label: string }[] = [
  { type: "column", label: t("chart.column") },
  { type: "stacked-column", label: t("chart.stackedColumn") },
  { type: "bar", label: t("chart.bar") },
  { type: "stacked-bar", label: t("chart.stackedBar") },
  { type: "line", label: t("chart.line") },
  { type: "area", label: t("chart.area") },
  { type: "stacked-area", label: t("chart.stackedArea") },
  { type: "combo", label: t("chart.combo") },
  { type: "pie", label: t("chart.pie") },
  { type: "donut", label: t("chart.donut") },
  { type: "scatter", label: t("chart.scatter") },
  { type: "stacked-column-100", label: t("chart.stackedColumn100") },
  { type: "stacked-bar-100", label: t("chart.stackedBar100") },
  { type: "stacked-area-100", label: t("chart.stackedArea100") },
  { type: "waterfall", label: t("chart.waterfall") },
  { type: "treemap", label: t("chart.treemap") },
];

const CHART_TYPE_NAMES: ReadonlySet<string> = new Set(CHART_TYPES.map((c) => c.type));

/** Whether a widget draws a chart (not the pivot table, the tree table, the flat table, KPI cards or an extension's type). */
export const isChart = (type: WidgetType): type is ChartType => CHART_TYPE_NAMES.has(type);

/** Whether a widget is a table of cells (pivot, tree or flat). */
export const isTable = (type: WidgetType): boolean => type === "pivot" || type === "tree" || type === "table";

/** Whether the app draws this type itself; any other is an extension's (extensions/registry.ts). */
export const isBuiltInType = (type: WidgetType): type is BuiltInWidgetType =>
  type === "pivot" || type === "tree" || type === "table" || type === "kpi" || CHART_TYPE_NAMES.has(type);

/** What KPI cards compare their values with: the previous member of a hierarchy (the previous period), or a target measure. */
export type KpiComparison = { kind: "previous"; hierarchy: string } | { kind: "target"; measure: string };

export interface KpiOptions {
  compare?: KpiComparison;
  /** Values in compact units (1.2M). */
  compact?: boolean;
}

/** The prefix of the calculated measures a KPI widget's query adds for the previous period's values. */
export const PREVIOUS_PREFIX = "Previous · ";

/** A level placed on rows or columns. */
export interface AxisField {
  hierarchy: string;
  level: string;
  caption?: string;
}

export interface MemberRef {
  uniqueName: string;
  caption: string;
}

/** Keep (or, with `exclude`, remove) the chosen members of a level. */
export interface MemberFilter {
  kind: "members";
  hierarchy: string;
  level: string;
  members: MemberRef[];
  exclude?: boolean;
}

/** Keep the top (or bottom) N rows by a measure. */
export interface TopNFilter {
  kind: "topN";
  direction: "top" | "bottom";
  count: number;
  measure: string;
}

/** Keep the members of a (date) level from `from` to `to`, both included. */
export interface RangeFilter {
  kind: "range";
  hierarchy: string;
  level: string;
  from: MemberRef;
  to: MemberRef;
}

export type FilterSpec = MemberFilter | TopNFilter | RangeFilter;

/** An expansion of every member at a depth (Expand all), in place of a member's unique name. */
export const EXPAND_ALL = "*";

/** A member drilled down on an axis (its children are shown); `member` is EXPAND_ALL for all the members of `depth`. */
export interface Expansion {
  hierarchy: string;
  member: string;
  depth: number;
}

export interface SortSpec {
  /** The column's key: its members' unique names joined by '|'. */
  column: string;
  direction: "asc" | "desc";
}

export interface WidgetSpec {
  id: string;
  title: string;
  type: WidgetType;
  cube: string;
  rows: AxisField[];
  columns: AxisField[];
  measures: string[];
  filters: FilterSpec[];
  expanded: Expansion[];
  /** Subtotals for multi-level hierarchies and grand totals (the All member). */
  totals: boolean;
  nonEmpty: boolean;
  sort?: SortSpec;
  /** Small multiples: a chart per member of this level (charts only). */
  sliceBy?: AxisField;
  /** KPI cards' comparison and compact values. */
  kpi?: KpiOptions;
  /** Number formats per measure and conditional formatting (the Style tab). */
  style?: WidgetStyle;
  /** Column widths the user set in the pivot (px), by column key (row header columns: "row:N"). */
  widths?: Record<string, number>;
  /** A query edited by hand in the MDX tab: used instead of the built one. */
  mdx?: string;
  live?: boolean;
}

let counter = 0;
export function newId(prefix: string): string {
  counter++;
  return `${prefix}-${Date.now().toString(36)}-${counter.toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

export function emptyWidget(cube: string, title = t("widget.new")): WidgetSpec {
  return {
    id: newId("w"),
    title,
    type: "pivot",
    cube,
    rows: [],
    columns: [],
    measures: [],
    filters: [],
    expanded: [],
    // Subtotals and grand totals on, as in Excel and Atoti.
    totals: true,
    nonEmpty: true,
  };
}
