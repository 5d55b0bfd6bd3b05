import { formatNumber } from "../i18n";

/** How a series' numbers read, from the measure's formatted values: a percentage, or a plain number. */
export type ValueKind = "percent" | "number";

/** The kind of values formatted as `formatted` (a percentage when they end with %). */
export function kindOf(formatted: string[]): ValueKind {
  const shown = formatted.filter((f) => f.trim() !== "");
  return shown.length > 0 && shown.every((f) => f.trim().endsWith("%")) ? "percent" : "number";
}

/**
 * A compact axis label in the page's locale: 1.18B, 120M, 45.5K, 980, 0.35 → 35% for percentages
 * (1,18 Md, 120 M, 45,5 k, 35 % in French). Axis ticks are round numbers, so one decimal (two when
 * the shown number is under 10) is enough to tell them apart.
 */
export function compact(value: number, kind: ValueKind = "number"): string {
  if (!Number.isFinite(value)) return "";
  if (kind === "percent") {
    const p = value * 100;
    return formatNumber(value, { style: "percent", maximumFractionDigits: Math.abs(p) < 10 && p !== Math.trunc(p) ? 1 : 0 });
  }
  // The number shown before the unit: the value in thousands, millions, billions or trillions.
  const abs = Math.abs(value);
  const shown = abs >= 1e3 ? abs / 10 ** (3 * Math.min(4, Math.floor(Math.log10(abs) / 3))) : abs;
  return formatNumber(value, { notation: "compact", maximumFractionDigits: shown < 10 ? 2 : 1 });
}
