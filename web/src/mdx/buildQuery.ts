import type { CubeModel, HierarchyInfo } from "../api/types";
import {
  EXPAND_ALL,
  PREVIOUS_PREFIX,
  isBuiltInType,
  isChart,
  type AxisField,
  type Expansion,
  type FilterSpec,
  type WidgetSpec,
} from "../widget/spec";
import {
  bottomCount,
  call,
  crossjoin,
  drilldownLevel,
  drilldownMember,
  hierarchize,
  id,
  members,
  prop,
  range,
  ref,
  set,
  topCount,
  tuple,
  type Axis,
  type DrillthroughStatement,
  type Expr,
  type SelectStatement,
  type WithMember,
  parseUniqueName,
} from "./ast";
import { print, printIdentifier } from "./printer";
import { withMembers, type CalculatedMeasure } from "../measures/calculated";

export interface BuiltQuery {
  statement: SelectStatement;
  mdx: string;
}

/** Finds a hierarchy of the cube by unique name. */
export function findHierarchy(cube: CubeModel | undefined, uniqueName: string): HierarchyInfo | undefined {
  if (!cube) return undefined;
  for (const d of cube.dimensions) for (const h of d.hierarchies) if (h.uniqueName === uniqueName) return h;
  return undefined;
}

function levelDepth(h: HierarchyInfo | undefined, level: string): number {
  return h?.levels.find((l) => l.uniqueName === level)?.depth ?? 0;
}

/** The All member's unique name of a hierarchy, if it has one. */
export function allMember(h: HierarchyInfo | undefined): string | undefined {
  if (!h || !h.allMemberName) return undefined;
  return h.uniqueName + ".[" + h.allMemberName.replaceAll("]", "]]") + "]";
}

interface HierarchyGroup {
  hierarchy: string;
  levels: string[];
}

/** Fields grouped by hierarchy, in the order each hierarchy first appears; levels by depth. */
function groupFields(fields: AxisField[], cube: CubeModel | undefined): HierarchyGroup[] {
  const groups: HierarchyGroup[] = [];
  for (const f of fields) {
    let g = groups.find((x) => x.hierarchy === f.hierarchy);
    if (!g) groups.push((g = { hierarchy: f.hierarchy, levels: [] }));
    if (!g.levels.includes(f.level)) g.levels.push(f.level);
  }
  for (const g of groups) {
    const h = findHierarchy(cube, g.hierarchy);
    g.levels.sort((a, b) => levelDepth(h, a) - levelDepth(h, b));
  }
  return groups;
}

/** The set of one hierarchy on an axis: its levels, subtotals, expanded members. */
function hierarchySet(g: HierarchyGroup, spec: WidgetSpec, cube: CubeModel | undefined, filters: FilterSpec[] = []): Expr {
  const h = findHierarchy(cube, g.hierarchy);
  const depths = g.levels.map((l) => levelDepth(h, l));
  let s: Expr;
  let needsHierarchize = false;
  if (g.levels.length === 1) {
    s = set(members(ref(g.levels[0])));
  } else if (!spec.totals) {
    s = set(members(ref(g.levels[g.levels.length - 1])));
  } else {
    const consecutive = depths.every((d, i) => i === 0 || d === depths[i - 1] + 1);
    if (consecutive) {
      s = set(members(ref(g.levels[0])));
      for (let i = 1; i < g.levels.length; i++) s = drilldownLevel(s);
    } else {
      s = set(...g.levels.map((l) => members(ref(l))));
    }
    needsHierarchize = true;
  }
  const expansions = spec.expanded.filter((e) => e.hierarchy === g.hierarchy).sort((a, b) => a.depth - b.depth);
  const byDepth = new Map<number, Expansion[]>();
  for (const e of expansions) byDepth.set(e.depth, [...(byDepth.get(e.depth) ?? []), e]);
  for (const [depth, list] of [...byDepth.entries()].sort((a, b) => a[0] - b[0])) {
    const level = h?.levels.find((l) => l.depth === depth);
    // "*": every member at the depth (Expand all); otherwise the members named.
    s =
      list.some((e) => e.member === EXPAND_ALL) && level
        ? call("DrilldownLevel", [s, ref(level.uniqueName)])
        : drilldownMember(s, set(...list.filter((e) => e.member !== EXPAND_ALL).map((e) => ref(e.member))));
    needsHierarchize = true;
  }
  const all = allMember(h);
  if (spec.totals && all && depths[0] > 0) {
    s = set(ref(all), s);
    needsHierarchize = true;
  }
  return restrictedBy(needsHierarchize ? hierarchize(s) : s, g.hierarchy, filters);
}

/**
 * A filter on a hierarchy that is on an axis keeps that axis's members related to the filter's
 * (themselves, their ancestors, their descendants: Exists): in the slicer, the axis's members
 * would replace it and nothing would be filtered.
 */
function restrictedBy(s: Expr, hierarchy: string, filters: FilterSpec[]): Expr {
  for (const f of filters) {
    if (f.kind === "topN" || f.hierarchy !== hierarchy) continue;
    const chosen = filterSet(f);
    if (chosen) s = call("Exists", [s, chosen]);
  }
  return s;
}

/** The member and range filters on hierarchies of the widget's axes: applied there, not in the slicer. */
function axisFilters(spec: WidgetSpec, filters: FilterSpec[]): FilterSpec[] {
  const onAxes = new Set([...spec.rows, ...(spec.type === "kpi" ? [] : spec.columns)].map((f) => f.hierarchy));
  return filters.filter(
    (f) => f.kind !== "topN" && onAxes.has(f.hierarchy) && filterSet(f) !== undefined && whereClause([f]) !== undefined,
  );
}

function axisSet(fields: AxisField[], spec: WidgetSpec, cube: CubeModel | undefined, filters: FilterSpec[]): Expr | undefined {
  const groups = groupFields(fields, cube);
  if (groups.length === 0) return undefined;
  return crossjoin(...groups.map((g) => hierarchySet(g, spec, cube, filters)));
}

/** A filter as a slicer set (members, range), or undefined for filters applied to the rows. */
export function filterSet(f: FilterSpec): Expr | undefined {
  switch (f.kind) {
    case "members": {
      const chosen = set(...f.members.map((m) => ref(m.uniqueName)));
      return f.exclude ? call("Except", [members(ref(f.level)), chosen]) : chosen;
    }
    case "range":
      return set(range(ref(f.from.uniqueName), ref(f.to.uniqueName)));
    case "topN":
      return undefined;
  }
}

/** The WHERE clause: one member per filter → a tuple; otherwise a crossjoin of the filter sets. */
export function whereClause(filters: FilterSpec[]): Expr | undefined {
  // A filter not yet complete (no member chosen, a range without both ends) filters nothing.
  const slicers = filters.filter(
    (f) =>
      f.kind !== "topN" &&
      !(f.kind === "members" && f.members.length === 0) &&
      !(f.kind === "range" && (!f.from.uniqueName || !f.to.uniqueName)),
  );
  if (slicers.length === 0) return undefined;
  const single = slicers.every((f) => f.kind === "members" && !f.exclude && f.members.length === 1);
  if (single) {
    const items = slicers.map((f) => ref((f as { members: { uniqueName: string }[] }).members[0].uniqueName));
    return items.length === 1 ? items[0] : tuple(...items);
  }
  return crossjoin(...slicers.map((f) => filterSet(f)!));
}

/**
 * Top/Bottom N: ranks the members of the rows' deepest levels (crossjoined when several
 * hierarchies are on rows), never a total or a parent among them; with totals, the grand total
 * row stays, first, as it is in the pivot.
 */
function applyTopN(rows: Expr, spec: WidgetSpec, cube: CubeModel | undefined, filters: FilterSpec[]): Expr {
  const ranks = filters.filter((f) => f.kind === "topN" && f.count > 0) as Extract<FilterSpec, { kind: "topN" }>[];
  if (ranks.length === 0) return rows;
  const groups = groupFields(spec.rows, cube);
  let ranked = crossjoin(...groups.map((g) => restrictedBy(set(members(ref(g.levels[g.levels.length - 1]))), g.hierarchy, filters)));
  for (const f of ranks) {
    ranked = f.direction === "top" ? topCount(ranked, f.count, ref(f.measure)) : bottomCount(ranked, f.count, ref(f.measure));
  }
  const alls = groups.map((g) => allMember(findHierarchy(cube, g.hierarchy)));
  if (!spec.totals || alls.some((a) => !a)) return ranked;
  const total = alls.length === 1 ? ref(alls[0]!) : tuple(...alls.map((a) => ref(a!)));
  return set(total, ranked);
}

/**
 * What a KPI widget's comparison adds to its query: for the previous period, a calculated measure
 * per measure — its value at the hierarchy's current member's previous member (the previous year
 * of a year in the slicer, the previous month of a card's month); for a target, the target measure.
 */
function kpiComparisons(spec: WidgetSpec): { columns: string[]; with: WithMember[] } {
  const compare = spec.type === "kpi" ? spec.kpi?.compare : undefined;
  if (!compare) return { columns: [], with: [] };
  if (compare.kind === "target") return { columns: spec.measures.includes(compare.measure) ? [] : [compare.measure], with: [] };
  const previous = prop(prop(ref(compare.hierarchy), "CurrentMember"), "PrevMember");
  const items = spec.measures.map((m) => ({
    name: id("Measures", PREVIOUS_PREFIX + (parseUniqueName(m).parts.at(-1)?.name ?? m)),
    formula: tuple(ref(m), previous),
  }));
  return { columns: items.map((i) => printIdentifier(i.name)), with: items };
}

/**
 * Turns a widget spec into a SELECT (and its text). Dashboard-wide filters are added to the
 * widget's own; the dashboard's calculated measures that the widget uses become WITH MEMBER
 * items. Returns undefined when there is nothing to ask (no measure and no level).
 */
export function buildQuery(
  spec: WidgetSpec,
  cube: CubeModel | undefined,
  dashboardFilters: FilterSpec[] = [],
  calculated: CalculatedMeasure[] = [],
): BuiltQuery | undefined {
  // A flat table lists the leaf rows, and a chart (or an extension's widget type) draws the deepest level asked for: no
  // subtotals, nothing expanded (a table's expansions would put regions and countries side by side on one axis).
  if (spec.type === "table" || isChart(spec.type) || !isBuiltInType(spec.type)) spec = { ...spec, totals: false, expanded: [] };
  const filters = [...dashboardFilters, ...spec.filters];
  const comparisons = kpiComparisons(spec);
  const measures = spec.measures.length ? set(...[...spec.measures, ...comparisons.columns].map(ref)) : undefined;
  // KPI cards show each measure (per row member, when there are rows): columns do not apply.
  // A chart sliced by a level (small multiples) has that level outermost on columns: a chart per member.
  const sliced = isChart(spec.type) && spec.sliceBy ? spec.sliceBy : undefined;
  const onAxes = axisFilters(sliced ? { ...spec, columns: [sliced, ...spec.columns] } : spec, filters);
  const columnLevels = spec.type === "kpi" ? undefined : axisSet(sliced ? [sliced, ...spec.columns] : spec.columns, spec, cube, onAxes);
  let rows = axisSet(spec.rows, spec, cube, onAxes);
  const columns = columnLevels && measures ? crossjoin(columnLevels, measures) : (columnLevels ?? measures);
  if (!columns && !rows) return undefined;
  const axes: Axis[] = [];
  axes.push({ name: "COLUMNS", set: columns ?? set(prop(id("Measures"), "DefaultMember")), nonEmpty: spec.nonEmpty });
  if (rows) {
    rows = applyTopN(rows, spec, cube, [...filters.filter((f) => f.kind === "topN"), ...onAxes]);
    axes.push({ name: "ROWS", set: rows, nonEmpty: spec.nonEmpty });
  }
  const statement: SelectStatement = { kind: "select", axes, cube: id(spec.cube) };
  const named = [...spec.measures, ...filters.flatMap((f) => (f.kind === "topN" ? [f.measure] : []))];
  const withItems = [...withMembers(calculated, spec.cube, [...named, ...comparisons.columns]), ...comparisons.with];
  if (withItems.length) statement.with = withItems;
  const where = whereClause(filters.filter((f) => !onAxes.includes(f)));
  if (where) statement.where = where;
  return { statement, mdx: print(statement) };
}

/**
 * DRILLTHROUGH for one cell: its members on an axis (they address the cell), the filters as the
 * WHERE clause. Measures are left out: every measure of a cell reads the same fact rows, and a
 * calculated measure of the dashboard does not exist in the drillthrough's query.
 */
export function buildDrillthrough(
  cubeName: string,
  cellMembers: { uniqueName: string; depth: number; hierarchyUniqueName: string }[],
  filters: FilterSpec[],
  maxRows = 1000,
): { statement: DrillthroughStatement; mdx: string } {
  const members = cellMembers.filter((m) => m.hierarchyUniqueName !== "[Measures]").map((m) => ref(m.uniqueName));
  const select: SelectStatement = { kind: "select", axes: [], cube: id(cubeName) };
  // A member on the axis replaces a filter's on its hierarchy: the cell is inside the filter's set.
  if (members.length)
    select.axes.push({ name: "COLUMNS", set: set(members.length === 1 ? members[0] : tuple(...members)), nonEmpty: false });
  const where = whereClause(filters);
  if (where) select.where = where;
  const statement: DrillthroughStatement = { kind: "drillthrough", maxRows, select };
  return { statement, mdx: print(statement) };
}
