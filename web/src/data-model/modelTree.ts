import type { CubeModel, DimensionInfo, MeasureInfo, Named } from "../api/types";
import { captionOf } from "./captions";

/** Whether what the user reads of an element (its caption) contains the search, in lower case. */
const matches = (x: Named, s: string) => captionOf(x).toLowerCase().includes(s);

/** The visible dimensions whose dimension, hierarchy or level caption matches the search. */
export function filterDimensions(cube: CubeModel, search: string): DimensionInfo[] {
  const s = search.trim().toLowerCase();
  const out: DimensionInfo[] = [];
  for (const d of cube.dimensions) {
    const dimMatch = matches(d, s);
    const hierarchies = d.hierarchies
      .filter((h) => h.visible !== false)
      .map((h) => {
        const hMatch = dimMatch || matches(h, s);
        const levels = h.levels.filter((l) => !(l.depth === 0 && h.allMemberName) && (hMatch || matches(l, s)));
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
    if (s && !matches(m, s) && !folder.toLowerCase().includes(s)) continue;
    groups.set(folder, [...(groups.get(folder) ?? []), m]);
  }
  return [...groups.entries()].sort((a, b) => (a[0] === "" ? -1 : b[0] === "" ? 1 : a[0].localeCompare(b[0])));
}
