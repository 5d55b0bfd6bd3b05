// A widget's style: number formats per measure (Intl.NumberFormat, not a hand-written formatter) and
// conditional formatting rules — colour scales, data bars and "value < 0 → red" rules — as Excel has them.
import { formatNumber as localeNumber } from "../i18n";
import type { Grid, GridColumn } from "../pivot/cellSetToGrid";

/** How a measure's numbers read in this widget. */
export interface NumberFormat {
  style: "number" | "percent" | "compact" | "currency";
  decimals: number;
  /** ISO code for "currency" (EUR, USD…). */
  currency?: string;
}

export type Comparison = "<" | "<=" | ">" | ">=" | "=" | "between";

/** A conditional format on a measure's cells. */
export type ConditionalRule =
  | { kind: "scale"; measure: string; low: string; high: string; mid?: string }
  | { kind: "bars"; measure: string; color: string }
  | { kind: "rule"; measure: string; op: Comparison; value: number; value2?: number; color?: string; background?: string };

export interface WidgetStyle {
  formats?: Record<string, NumberFormat>;
  rules?: ConditionalRule[];
}

/** What a cell looks like under the rules: colours, and a data bar (its share of the column's range, from its zero). */
export interface CellDecoration {
  color?: string;
  background?: string;
  bar?: { from: number; to: number; color: string };
}

/** A number as `format` shows it, in the page's locale (as the server formats the measures' own values). */
export function formatNumber(value: number, format: NumberFormat): string {
  const digits = { minimumFractionDigits: format.decimals, maximumFractionDigits: format.decimals };
  return localeNumber(
    value,
    format.style === "percent"
      ? { style: "percent", ...digits }
      : format.style === "compact"
        ? { notation: "compact", maximumFractionDigits: format.decimals }
        : format.style === "currency"
          ? { style: "currency", currency: format.currency || "USD", ...digits }
          : digits,
  );
}

/** The measure a column of the grid shows (its [Measures] member), if any. */
export function measureOf(column: GridColumn | undefined): string | undefined {
  return column?.headers.find((h) => h.member?.hierarchyUniqueName === "[Measures]")?.member?.uniqueName;
}

/** The grid with the widget's number formats applied to its cells' text. */
export function applyFormats(grid: Grid, formats: Record<string, NumberFormat> | undefined): Grid {
  if (!formats || Object.keys(formats).length === 0) return grid;
  const byColumn = grid.columns.map((c) => formats[measureOf(c) ?? ""]);
  if (byColumn.every((f) => !f)) return grid;
  return {
    ...grid,
    rows: grid.rows.map((row) => ({
      ...row,
      cells: row.cells.map((cell, c) =>
        byColumn[c] && typeof cell.value === "number" ? { ...cell, formatted: formatNumber(cell.value, byColumn[c]!) } : cell,
      ),
    })),
  };
}

/** Each column's range over its data rows (totals left out: they would flatten every scale). */
function ranges(grid: Grid): { min: number; max: number }[] {
  return grid.columns.map((_, c) => {
    let min = Infinity;
    let max = -Infinity;
    for (const row of grid.rows) {
      if (row.kind === "total") continue;
      const v = row.cells[c]?.value;
      if (typeof v !== "number") continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    return { min, max };
  });
}

function hex(color: string): [number, number, number] {
  const h = color.replace("#", "");
  const full = h.length === 3 ? [...h].map((x) => x + x).join("") : h;
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16) || 0) as [number, number, number];
}

/** The colour at `t` (0..1) between two colours. */
export function mix(a: string, b: string, t: number): string {
  const [x, y] = [hex(a), hex(b)];
  const c = x.map((v, i) => Math.round(v + (y[i] - v) * Math.min(1, Math.max(0, t))));
  return "#" + c.map((v) => v.toString(16).padStart(2, "0")).join("");
}

function holds(rule: Extract<ConditionalRule, { kind: "rule" }>, v: number): boolean {
  switch (rule.op) {
    case "<":
      return v < rule.value;
    case "<=":
      return v <= rule.value;
    case ">":
      return v > rule.value;
    case ">=":
      return v >= rule.value;
    case "=":
      return v === rule.value;
    case "between":
      return v >= Math.min(rule.value, rule.value2 ?? rule.value) && v <= Math.max(rule.value, rule.value2 ?? rule.value);
  }
}

/**
 * The decorations of every cell under the rules, by row and column (undefined where none applies):
 * a scale colours a cell by its place between its column's min and max (through `mid` at the middle);
 * a bar spans from zero to the value across the column's range; a rule colours the cells it holds for.
 * Later rules win over earlier ones for the same property.
 */
export function decorate(grid: Grid, rules: ConditionalRule[] | undefined): (CellDecoration | undefined)[][] | undefined {
  if (!rules?.length) return undefined;
  const range = ranges(grid);
  const measures = grid.columns.map(measureOf);
  return grid.rows.map((row) =>
    row.cells.map((cell, c) => {
      const v = cell.value;
      if (typeof v !== "number") return undefined;
      let out: CellDecoration | undefined;
      for (const rule of rules) {
        if (rule.measure !== measures[c]) continue;
        const { min, max } = range[c];
        out ??= {};
        if (rule.kind === "scale") {
          const t = max > min ? (v - min) / (max - min) : 0.5;
          out.background = rule.mid
            ? t < 0.5
              ? mix(rule.low, rule.mid, t * 2)
              : mix(rule.mid, rule.high, (t - 0.5) * 2)
            : mix(rule.low, rule.high, t);
        } else if (rule.kind === "bars") {
          const lo = Math.min(0, min);
          const hi = Math.max(0, max);
          const span = hi - lo || 1;
          const zero = (0 - lo) / span;
          const at = (v - lo) / span;
          out.bar = { from: Math.min(zero, at), to: Math.max(zero, at), color: rule.color };
        } else if (holds(rule, v)) {
          if (rule.color) out.color = rule.color;
          if (rule.background) out.background = rule.background;
        }
      }
      return out && Object.keys(out).length ? out : undefined;
    }),
  );
}

/** The CSS of a decoration: a bar is a gradient band behind the text. */
export function decorationCss(d: CellDecoration | undefined): Record<string, string> | undefined {
  if (!d) return undefined;
  const css: Record<string, string> = {};
  if (d.color) css.color = d.color;
  if (d.bar) {
    const [a, b] = [d.bar.from * 100, d.bar.to * 100];
    css.backgroundImage = `linear-gradient(90deg, transparent ${a}%, ${d.bar.color} ${a}%, ${d.bar.color} ${b}%, transparent ${b}%)`;
    css.backgroundSize = "100% 60%";
    css.backgroundRepeat = "no-repeat";
    css.backgroundPosition = "center";
  }
  if (d.background) css.backgroundColor = d.background;
  return css;
}
