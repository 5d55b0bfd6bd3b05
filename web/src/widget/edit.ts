import { EXPAND_ALL, type AxisField, type FilterSpec, type MemberFilter, type WidgetSpec } from "./spec";

/** What is dragged from the data model or between drop zones. */
export type DragItem =
  | { kind: "level"; hierarchy: string; level: string; caption: string }
  | { kind: "measure"; uniqueName: string; caption: string }
  | { kind: "field"; zone: Zone; index: number };

export type Zone = "rows" | "columns" | "values" | "filters" | "slice";

export const DRAG_MIME = "application/x-cuboid";

export function encodeDrag(item: DragItem): string {
  return JSON.stringify(item);
}

export function decodeDrag(text: string): DragItem | undefined {
  try {
    const v = JSON.parse(text) as DragItem;
    return v && typeof v === "object" && "kind" in v ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Removes a hierarchy from both axes (a hierarchy is on one axis only). */
function withoutHierarchy(fields: AxisField[], hierarchy: string, level?: string): AxisField[] {
  return fields.filter((f) => f.hierarchy !== hierarchy || (level !== undefined && f.level !== level));
}

/** A spec change invalidates a hand-written query and the sort. */
function touched(spec: WidgetSpec, patch: Partial<WidgetSpec>): WidgetSpec {
  const next = { ...spec, ...patch };
  delete next.mdx;
  return next;
}

/** Drops an item on a zone (at `index`, or the end). */
export function dropOn(spec: WidgetSpec, zone: Zone, item: DragItem, index?: number): WidgetSpec {
  if (item.kind === "field") {
    const moved = fieldAt(spec, item.zone, item.index);
    if (!moved) return spec;
    const removed = removeFrom(spec, item.zone, item.index);
    const adjusted = item.zone === zone && index !== undefined && index > item.index ? index - 1 : index;
    return dropOn(removed, zone, moved, adjusted);
  }
  const insert = <T>(list: T[], value: T) => {
    const copy = [...list];
    copy.splice(index ?? copy.length, 0, value);
    return copy;
  };
  if (item.kind === "measure") {
    if (zone === "values" || zone === "columns") {
      return touched(spec, {
        measures: insert(
          spec.measures.filter((m) => m !== item.uniqueName),
          item.uniqueName,
        ),
      });
    }
    if (zone === "filters") {
      return touched(spec, {
        filters: [...spec.filters, { kind: "topN", direction: "top", count: 10, measure: item.uniqueName }],
      });
    }
    return spec;
  }
  const field: AxisField = { hierarchy: item.hierarchy, level: item.level, caption: item.caption };
  if (zone === "rows" || zone === "columns") {
    const other = zone === "rows" ? "columns" : "rows";
    const sameAxis = spec[zone].filter((f) => !(f.hierarchy === item.hierarchy && f.level === item.level));
    return touched(spec, {
      [zone]: insert(sameAxis, field),
      [other]: withoutHierarchy(spec[other], item.hierarchy),
      ...(spec.sliceBy?.hierarchy === item.hierarchy ? { sliceBy: undefined } : {}),
      expanded: spec.expanded.filter((e) => e.hierarchy !== item.hierarchy),
    });
  }
  if (zone === "slice") {
    // Small multiples: a chart per member of this level; the hierarchy leaves the axes.
    return touched(spec, {
      sliceBy: field,
      rows: withoutHierarchy(spec.rows, item.hierarchy),
      columns: withoutHierarchy(spec.columns, item.hierarchy),
      expanded: spec.expanded.filter((e) => e.hierarchy !== item.hierarchy),
    });
  }
  if (zone === "filters") {
    if (spec.filters.some((f) => f.kind === "members" && f.level === item.level)) return spec;
    return touched(spec, {
      filters: [...spec.filters, { kind: "members", hierarchy: item.hierarchy, level: item.level, members: [] }],
    });
  }
  return spec;
}

export interface ZoneItem {
  caption: string;
  item: DragItem;
}

function fieldAt(spec: WidgetSpec, zone: Zone, index: number): DragItem | undefined {
  if (zone === "rows" || zone === "columns") {
    const f = spec[zone][index];
    return f && { kind: "level", hierarchy: f.hierarchy, level: f.level, caption: f.caption ?? f.level };
  }
  if (zone === "values") {
    const m = spec.measures[index];
    return m ? { kind: "measure", uniqueName: m, caption: m } : undefined;
  }
  if (zone === "slice" && spec.sliceBy) {
    const f = spec.sliceBy;
    return { kind: "level", hierarchy: f.hierarchy, level: f.level, caption: f.caption ?? f.level };
  }
  return undefined;
}

/** Removes the item at `index` of a zone. */
export function removeFrom(spec: WidgetSpec, zone: Zone, index: number): WidgetSpec {
  const drop = <T>(list: T[]) => list.filter((_, i) => i !== index);
  switch (zone) {
    case "rows":
    case "columns": {
      const f = spec[zone][index];
      return touched(spec, {
        [zone]: drop(spec[zone]),
        expanded: f ? spec.expanded.filter((e) => e.hierarchy !== f.hierarchy) : spec.expanded,
        sort: undefined,
      });
    }
    case "values":
      return touched(spec, { measures: drop(spec.measures), sort: undefined });
    case "filters":
      return touched(spec, { filters: drop(spec.filters) });
    case "slice":
      return touched(spec, { sliceBy: undefined });
  }
}

export function replaceFilter(spec: WidgetSpec, index: number, filter: FilterSpec): WidgetSpec {
  return touched(spec, { filters: spec.filters.map((f, i) => (i === index ? filter : f)) });
}

/** Expands a member (its children are shown) or collapses it with everything under it. */
export function toggleExpansion(
  spec: WidgetSpec,
  member: { uniqueName: string; hierarchyUniqueName: string; depth: number },
  expanded: boolean,
): WidgetSpec {
  if (expanded) {
    // A member expanded with all of its depth (Expand all) collapses with them, and the depths below.
    const prefix = member.uniqueName + ".";
    const byAll = spec.expanded.some(
      (e) => e.hierarchy === member.hierarchyUniqueName && e.member === EXPAND_ALL && e.depth === member.depth,
    );
    return touched(spec, {
      expanded: spec.expanded.filter((e) =>
        byAll
          ? !(e.hierarchy === member.hierarchyUniqueName && e.depth >= member.depth)
          : e.member !== member.uniqueName && !e.member.startsWith(prefix),
      ),
    });
  }
  return touched(spec, {
    expanded: [...spec.expanded, { hierarchy: member.hierarchyUniqueName, member: member.uniqueName, depth: member.depth }],
  });
}

/** A member of a result, as the pivot's menu acts on it. */
export interface MemberOnAxis {
  uniqueName: string;
  caption: string;
  hierarchyUniqueName: string;
  levelUniqueName: string;
  depth: number;
}

/**
 * Keep only this member of its level (Atoti's "Keep only"), or remove it (with `exclude`, added
 * to the members already removed): a members filter of the widget on the member's level.
 */
export function keepOnly(spec: WidgetSpec, member: MemberOnAxis, exclude = false): WidgetSpec {
  const ref = { uniqueName: member.uniqueName, caption: member.caption };
  const onLevel = (f: FilterSpec): f is MemberFilter => f.kind === "members" && f.level === member.levelUniqueName;
  const existing = spec.filters.find(onLevel);
  const others = spec.filters.filter((f) => !onLevel(f));
  const filter: MemberFilter =
    exclude && existing?.exclude
      ? { ...existing, members: [...existing.members.filter((m) => m.uniqueName !== ref.uniqueName), ref] }
      : {
          kind: "members",
          hierarchy: member.hierarchyUniqueName,
          level: member.levelUniqueName,
          members: [ref],
          ...(exclude ? { exclude: true } : {}),
        };
  return touched(spec, { filters: [...others, filter] });
}

/** Expands every member of a hierarchy's level at `depth` (Excel's "Expand entire field"): the next level shows under each. */
export function expandAll(spec: WidgetSpec, hierarchy: string, depth: number): WidgetSpec {
  const kept = spec.expanded.filter((e) => !(e.hierarchy === hierarchy && e.depth === depth));
  return touched(spec, { expanded: [...kept, { hierarchy, member: EXPAND_ALL, depth }] });
}

/** Collapses everything expanded on a hierarchy. */
export function collapseAll(spec: WidgetSpec, hierarchy: string): WidgetSpec {
  return touched(spec, { expanded: spec.expanded.filter((e) => e.hierarchy !== hierarchy) });
}
