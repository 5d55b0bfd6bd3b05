import type { CellSet } from "../api/types";
import { kindOf } from "../charts/format";
import { decimalSeparator, t } from "../i18n";
import { PREVIOUS_PREFIX, type KpiOptions } from "./spec";
import { formatNumber, type NumberFormat } from "./style";

/** How a card's value compares with the previous period or the target. */
export interface KpiComparison {
  label: string;
  delta: number;
  /** The change as a share of the compared value (null when that is 0). */
  percent: number | null;
  /** The delta as the value is formatted, signed ("+1.2M", "−3.1 pt" for a percentage). */
  formattedDelta: string;
}

/** One KPI card: a measure's value, for one row member when the widget has rows. */
export interface Kpi {
  key: string;
  title: string;
  subtitle?: string;
  formatted: string;
  value: unknown;
  comparison?: KpiComparison;
}

const measureName = (uniqueName: string) =>
  uniqueName
    .replace(/^\[Measures\]\.\[/, "")
    .replace(/\]$/, "")
    .replaceAll("]]", "]");

/**
 * The cards of a result: one per measure (columns axis), for each row position if any. With a
 * comparison, the query's previous-period columns (or the target measure's) are not cards: they
 * give each card its delta.
 */
export function cellSetToKpis(cellSet: CellSet, formats?: Record<string, NumberFormat>, options?: KpiOptions, measures?: string[]): Kpi[] {
  const columns = (cellSet.axes[0]?.positions ?? []).map((p) => p.members);
  const rows = cellSet.axes[1]?.positions ?? [{ members: [] }];
  const byOrdinal = new Map(cellSet.cells.map((c) => [c.ordinal, c]));
  const measureOf = (members: (typeof columns)[number]) => members.find((m) => m.hierarchyUniqueName === "[Measures]");
  const compare = options?.compare;
  // The target measure as the result names it (its caption in the page's language), else by its unique name.
  const target =
    compare?.kind === "target"
      ? columns.flat().find((m) => m.uniqueName === compare.measure)?.caption || measureName(compare.measure)
      : undefined;
  const isPrevious = (c: number) => compare?.kind === "previous" && (measureOf(columns[c])?.name ?? "").startsWith(PREVIOUS_PREFIX);
  const isTargetOnly = (c: number) =>
    compare?.kind === "target" && measureOf(columns[c])?.uniqueName === compare.measure && !(measures ?? []).includes(compare.measure);
  const comparedColumn = (c: number): number => {
    if (!compare) return -1;
    const own = measureOf(columns[c]);
    const others = columns.map((m, i) => ({
      m: measureOf(m),
      i,
      rest: m
        .filter((x) => x.hierarchyUniqueName !== "[Measures]")
        .map((x) => x.uniqueName)
        .join("|"),
    }));
    const rest = columns[c]
      .filter((x) => x.hierarchyUniqueName !== "[Measures]")
      .map((x) => x.uniqueName)
      .join("|");
    const match = others.find(
      (o) =>
        o.rest === rest &&
        (compare.kind === "previous"
          ? o.m?.name === PREVIOUS_PREFIX + (own ? measureName(own.uniqueName) : "")
          : o.m?.uniqueName === compare.measure && o.i !== c),
    );
    return match?.i ?? -1;
  };
  const kpis: Kpi[] = [];
  rows.forEach((row, r) => {
    columns.forEach((column, c) => {
      if (isPrevious(c) || isTargetOnly(c)) return;
      const cell = byOrdinal.get(c + r * columns.length);
      const value = cell?.value ?? null;
      const measure = measureOf(column)?.uniqueName ?? "";
      const format = formats?.[measure];
      const percentLike = kindOf([cell?.formattedValue ?? ""]) === "percent";
      const kpi: Kpi = {
        key: [...row.members, ...column].map((m) => m.uniqueName).join("|"),
        title: column.map((m) => m.caption || m.name).join(" / "),
        subtitle: row.members.length ? row.members.map((m) => m.caption || m.name).join(" / ") : undefined,
        formatted: kpiText(value, cell?.formattedValue, format, !!options?.compact && !percentLike),
        value,
      };
      const other = comparedColumn(c);
      const base = other >= 0 ? byOrdinal.get(other + r * columns.length)?.value : undefined;
      if (typeof value === "number" && typeof base === "number") {
        const delta = value - base;
        kpi.comparison = {
          label: target !== undefined ? t("kpi.vsTarget", { measure: target }) : t("kpi.vsPrevious"),
          delta,
          percent: base === 0 ? null : delta / Math.abs(base),
          formattedDelta: signedDelta(delta, format, percentLike, cell?.formattedValue ?? ""),
        };
      }
      kpis.push(kpi);
    });
  });
  return kpis;
}

/** A card's value: the widget's format for its measure, compact units when asked, else the server's formatted value. */
function kpiText(value: unknown, formatted: string | null | undefined, format: NumberFormat | undefined, compact: boolean): string {
  if (typeof value === "number" && format) return formatNumber(value, format);
  if (typeof value === "number" && compact) return formatNumber(value, { style: "compact", decimals: 1 });
  return formatted ?? (value === null ? "–" : String(value));
}

/**
 * A delta with its sign, in the value's terms: percentage points for a percentage, otherwise the decimals
 * of the value as the server formatted it (in the page's locale: "1 234,50" has two).
 */
function signedDelta(delta: number, format: NumberFormat | undefined, percentLike: boolean, formatted: string): string {
  const sign = delta > 0 ? "+" : delta < 0 ? "−" : "±";
  const abs = Math.abs(delta);
  if (format) return sign + formatNumber(abs, format);
  if (percentLike) return sign + t("kpi.points", { value: formatNumber(abs * 100, { style: "number", decimals: 1 }) });
  const point = formatted.lastIndexOf(decimalSeparator());
  const decimals = Math.min(4, point >= 0 ? formatted.length - point - 1 : 0);
  return sign + (abs >= 1e5 ? formatNumber(abs, { style: "compact", decimals: 1 }) : formatNumber(abs, { style: "number", decimals }));
}
