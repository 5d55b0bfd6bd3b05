/** How a series' numbers read, from the measure's formatted values: a percentage, or a plain number. */
export type ValueKind = "percent" | "number";

/** The kind of values formatted as `formatted` (a percentage when they end with %). */
export function kindOf(formatted: string[]): ValueKind {
  const shown = formatted.filter((f) => f.trim() !== "");
  return shown.length > 0 && shown.every((f) => f.trim().endsWith("%")) ? "percent" : "number";
}

const trim = (n: number, digits: number) => Number(n.toFixed(digits)).toLocaleString("en-US", { maximumFractionDigits: digits });

/**
 * A compact axis label: 1.2B, 120M, 45K, 980, 0.35 → 35% for percentages. Axis ticks are round
 * numbers, so one decimal (two under 10) is enough to tell them apart.
 */
export function compact(value: number, kind: ValueKind = "number"): string {
  if (!Number.isFinite(value)) return "";
  if (kind === "percent") {
    const p = value * 100;
    return trim(p, Math.abs(p) < 10 && p !== Math.trunc(p) ? 1 : 0) + "%";
  }
  const abs = Math.abs(value);
  for (const [size, unit] of [
    [1e12, "T"],
    [1e9, "B"],
    [1e6, "M"],
    [1e3, "K"],
  ] as const) {
    if (abs >= size) {
      const scaled = value / size;
      return trim(scaled, Math.abs(scaled) < 10 ? 2 : 1) + unit;
    }
  }
  return trim(value, abs < 10 ? 2 : 1);
}
