import type { CellSet } from "../api/types";
import { formatNumber, type NumberFormat } from "./style";

/** One KPI card: a measure's value, for one row member when the widget has rows. */
export interface Kpi {
  key: string;
  title: string;
  subtitle?: string;
  formatted: string;
  value: unknown;
}

/** The cards of a result: one per measure (columns axis), for each row position if any. */
export function cellSetToKpis(cellSet: CellSet, formats?: Record<string, NumberFormat>): Kpi[] {
  const columns = cellSet.axes[0]?.positions ?? [];
  const rows = cellSet.axes[1]?.positions ?? [{ members: [] }];
  const byOrdinal = new Map(cellSet.cells.map((c) => [c.ordinal, c]));
  const kpis: Kpi[] = [];
  rows.forEach((row, r) => {
    columns.forEach((column, c) => {
      const cell = byOrdinal.get(c + r * columns.length);
      const value = cell?.value ?? null;
      kpis.push({
        key: [...row.members, ...column.members].map((m) => m.uniqueName).join("|"),
        title: column.members.map((m) => m.caption || m.name).join(" / "),
        subtitle: row.members.length ? row.members.map((m) => m.caption || m.name).join(" / ") : undefined,
        formatted: kpiText(value, cell?.formattedValue, formats?.[column.members.find((m) => m.hierarchyUniqueName === "[Measures]")?.uniqueName ?? ""]),
        value,
      });
    });
  });
  return kpis;
}

/** A card's value: the widget's format for its measure, else the server's formatted value. */
function kpiText(value: unknown, formatted: string | null | undefined, format: NumberFormat | undefined): string {
  if (format && typeof value === "number") return formatNumber(value, format);
  return formatted ?? (value === null ? "–" : String(value));
}
