import type { CellSet } from "../api/types";

/** One KPI card: a measure's value, for one row member when the widget has rows. */
export interface Kpi {
  key: string;
  title: string;
  subtitle?: string;
  formatted: string;
  value: unknown;
}

/** The cards of a result: one per measure (columns axis), for each row position if any. */
export function cellSetToKpis(cellSet: CellSet): Kpi[] {
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
        formatted: cell?.formattedValue ?? (value === null ? "–" : String(value)),
        value,
      });
    });
  });
  return kpis;
}
