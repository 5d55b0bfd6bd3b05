import type { CubeModel, DimensionInfo, MeasureInfo } from "../api/types";

/** The visible dimensions whose dimension, hierarchy or level name matches the search. */
export function filterDimensions(cube: CubeModel, search: string): DimensionInfo[] {
  const s = search.trim().toLowerCase();
  const out: DimensionInfo[] = [];
  for (const d of cube.dimensions) {
    const dimMatch = d.name.toLowerCase().includes(s);
    const hierarchies = d.hierarchies
      .filter((h) => h.visible !== false)
      .map((h) => {
        const hMatch = dimMatch || h.name.toLowerCase().includes(s);
        const levels = h.levels.filter((l) => !(l.depth === 0 && h.allMemberName) && (hMatch || l.name.toLowerCase().includes(s)));
        return { ...h, levels };
      })
      .filter((h) => h.levels.length > 0);
    if (hierarchies.length) out.push({ ...d, hierarchies });
  }
  return out;
}

/** Visible measures matching the search, grouped by folder ("" first). */
export function measuresByFolder(cube: CubeModel, search: string): [string, MeasureInfo[]][] {
  const s = search.trim().toLowerCase();
  const groups = new Map<string, MeasureInfo[]>();
  for (const m of cube.measures) {
    if (m.visible === false) continue;
    const folder = m.folder ?? "";
    if (s && !m.name.toLowerCase().includes(s) && !folder.toLowerCase().includes(s)) continue;
    groups.set(folder, [...(groups.get(folder) ?? []), m]);
  }
  return [...groups.entries()].sort((a, b) => (a[0] === "" ? -1 : b[0] === "" ? 1 : a[0].localeCompare(b[0])));
}
