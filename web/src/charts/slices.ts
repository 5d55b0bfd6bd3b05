import type { CellSet } from "../api/types";

/** One small multiple: a slice member's caption and the cell set of its columns. */
export interface Slice {
  key: string;
  caption: string;
  cellSet: CellSet;
}

/**
 * A cell set whose columns start with a member of `hierarchy` (the slice level, outermost), cut
 * into one cell set per member: its columns without that member, the rows as they are.
 */
export function sliceCellSet(cellSet: CellSet, hierarchy: string): Slice[] {
  const columns = cellSet.axes[0]?.positions ?? [];
  const rowCount = cellSet.axes.length > 1 ? cellSet.axes[1].positions.length : 1;
  const byOrdinal = new Map(cellSet.cells.map((c) => [c.ordinal, c]));
  const slices = new Map<string, { caption: string; columns: number[] }>();
  columns.forEach((p, c) => {
    const m = p.members.find((x) => x.hierarchyUniqueName === hierarchy);
    if (!m) return;
    const entry = slices.get(m.uniqueName) ?? { caption: m.caption || m.name, columns: [] };
    entry.columns.push(c);
    slices.set(m.uniqueName, entry);
  });
  return [...slices.entries()].map(([key, { caption, columns: picked }]) => {
    const cells = [];
    for (let r = 0; r < rowCount; r++) {
      for (let i = 0; i < picked.length; i++) {
        const cell = byOrdinal.get(picked[i] + r * columns.length);
        cells.push({ ordinal: i + r * picked.length, value: cell?.value ?? null, formattedValue: cell?.formattedValue ?? null });
      }
    }
    const axes = [
      { positions: picked.map((c) => ({ members: columns[c].members.filter((x) => x.hierarchyUniqueName !== hierarchy) })) },
      ...cellSet.axes.slice(1),
    ];
    return { key, caption, cellSet: { ...cellSet, axes, cells } };
  });
}
