import type { CellSet, CellSetMember, CubeModel } from "../api/types";
import { hierarchyCaption } from "../data-model/captions";
import { formatNumber, t } from "../i18n";
import { parseUniqueName } from "../mdx/ast";
import type { SortSpec } from "../widget/spec";

export interface HeaderCell {
  key: string;
  caption: string;
  member?: CellSetMember;
  /** > 0 where a run of identical headers starts (its length), 0 where it is covered. */
  span: number;
  /** Nesting under a parent member of the same hierarchy in this header column. */
  indent: number;
  expandable: boolean;
  expanded: boolean;
  total: boolean;
}

export interface GridCell {
  value: number | string | null;
  formatted: string;
}

export interface GridRow {
  /** The row's position on the result's rows axis. */
  source: number;
  key: string;
  headers: HeaderCell[];
  kind: "data" | "subtotal" | "total";
  cells: GridCell[];
}

export interface GridColumn {
  source: number;
  key: string;
  headers: HeaderCell[];
  total: boolean;
}

export interface Grid {
  columns: GridColumn[];
  rows: GridRow[];
  /** Titles over the row header columns (the hierarchies on rows, or a flat table's levels), as the user reads them. */
  rowHeaderTitles: string[];
  rowHeaderDepth: number;
  columnHeaderDepth: number;
}

/** The levels a flat table shows for one hierarchy on rows: a column each. */
export interface FlatLevels {
  hierarchy: string;
  /** Each level's caption (the column's title) and depth. */
  levels: { name: string; depth: number }[];
}

export interface GridOptions {
  cube?: CubeModel;
  sort?: SortSpec;
  /** A flat table: every row shows all its members, nothing merged, indented or expandable. */
  flat?: boolean;
  /** For a flat table, the levels asked for on rows: one column per level (the ancestors of each row's member). */
  levels?: FlatLevels[];
  /** A tree table: the row hierarchies nested in one indented column (each outer member a group row with its subtotal). */
  tree?: boolean;
}

const MEASURES = "[Measures]";

/** A header as shown: a total (an All member) reads "Total", in the page's language. */
export const headerText = (h: { caption: string; total: boolean }): string => (h.total ? t("common.total") : h.caption);

export const tupleKey = (members: CellSetMember[]): string => members.map((m) => m.uniqueName).join("|");

interface HierarchyFacts {
  allMembers: Set<string>;
  maxDepth: Map<string, number>;
  hasAll: Set<string>;
}

function facts(cube: CubeModel | undefined): HierarchyFacts {
  const allMembers = new Set<string>();
  const maxDepth = new Map<string, number>();
  const hasAll = new Set<string>();
  for (const d of cube?.dimensions ?? [])
    for (const h of d.hierarchies) {
      if (h.allMemberName) {
        hasAll.add(h.uniqueName);
        allMembers.add(h.uniqueName + ".[" + h.allMemberName.replaceAll("]", "]]") + "]");
      }
      maxDepth.set(h.uniqueName, Math.max(0, ...h.levels.map((l) => l.depth)));
    }
  return { allMembers, maxDepth, hasAll };
}

function isAll(m: CellSetMember, f: HierarchyFacts, cube: CubeModel | undefined): boolean {
  if (m.hierarchyUniqueName === MEASURES) return false;
  if (f.allMembers.has(m.uniqueName)) return true;
  // without the model, the depth-0 member of a hierarchy is taken for its All member
  return !cube && m.depth === 0;
}

function canExpand(m: CellSetMember, f: HierarchyFacts, cube: CubeModel | undefined): boolean {
  if (m.hierarchyUniqueName === MEASURES || !cube) return false;
  const max = f.maxDepth.get(m.hierarchyUniqueName);
  return max !== undefined && m.depth < max && !f.allMembers.has(m.uniqueName);
}

function numeric(value: unknown): number | string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  return String(value);
}

function formatValue(value: number | string | null, formatted: string | null | undefined): string {
  if (formatted !== null && formatted !== undefined) return formatted;
  if (value === null) return "";
  if (typeof value === "number") return formatNumber(value, { maximumFractionDigits: 2 });
  return value;
}

/** Is the tuple at `i` the parent of the next one (same members before `p`, deeper at `p`)? */
function parentAt(tuples: CellSetMember[][], i: number): number {
  const a = tuples[i];
  const b = tuples[i + 1];
  if (!a || !b) return -1;
  for (let p = 0; p < a.length; p++) {
    if (a[p].uniqueName === b[p]?.uniqueName) continue;
    return b[p] && a[p].hierarchyUniqueName === b[p].hierarchyUniqueName && b[p].depth > a[p].depth ? p : -1;
  }
  return -1;
}

/** Headers of tuples, merging runs of identical members that share the same outer members. */
function headers(tuples: CellSetMember[][], f: HierarchyFacts, cube: CubeModel | undefined): HeaderCell[][] {
  const depth = Math.max(0, ...tuples.map((t) => t.length));
  const minDepth: number[] = [];
  for (let p = 0; p < depth; p++) minDepth.push(Math.min(...tuples.map((t) => t[p]?.depth ?? 0)));
  const result: HeaderCell[][] = tuples.map((t, i) => {
    const expandedAt = parentAt(tuples, i);
    return t.map((m, p) => ({
      key: m.uniqueName,
      caption: m.caption || m.name,
      member: m,
      span: 1,
      indent: Math.max(0, m.depth - minDepth[p]),
      expandable: canExpand(m, f, cube),
      expanded: expandedAt === p,
      total: isAll(m, f, cube),
    }));
  });
  return result;
}

/** Sets spans: a header starts a run unless it and every outer header equal the previous tuple's. */
function setSpans(list: HeaderCell[][]): void {
  const depth = Math.max(0, ...list.map((h) => h.length));
  for (let p = 0; p < depth; p++) {
    let start = -1;
    for (let i = 0; i < list.length; i++) {
      const same = i > 0 && list[i][p] && list[i - 1][p] && list[i].slice(0, p + 1).every((h, q) => h.key === list[i - 1][q]?.key);
      if (same && start >= 0) {
        list[start][p].span++;
        list[i][p].span = 0;
      } else {
        if (list[i][p]) list[i][p].span = 1;
        start = i;
      }
    }
  }
}

/**
 * On the columns axis the measures vary fastest, so only the last column of a member's run is
 * followed by its children: a member is expanded when any column of its run is.
 */
function markExpandedRuns(list: HeaderCell[][]): void {
  const depth = Math.max(0, ...list.map((h) => h.length));
  for (let p = 0; p < depth; p++) {
    for (let i = 0; i < list.length; i++) {
      const span = list[i][p]?.span ?? 0;
      if (span <= 0) continue;
      const run = list.slice(i, i + span).map((h) => h[p]);
      const expanded = run.some((h) => h?.expanded);
      for (const h of run) if (h) h.expanded = expanded;
    }
  }
}

function compareValues(a: GridCell | undefined, b: GridCell | undefined, dir: number): number {
  const x = a?.value ?? null;
  const y = b?.value ?? null;
  if (x === null && y === null) return 0;
  if (x === null) return 1; // empty cells last, whatever the direction
  if (y === null) return -1;
  if (typeof x === "number" && typeof y === "number") return (x - y) * dir;
  return String(x).localeCompare(String(y)) * dir;
}

/**
 * Outer members on rows are sorted too when each has a total row (its inner members all totals,
 * shown with subtotals): by that total, the grand total group staying first. Without subtotals
 * an outer member has no value of its own and the groups keep their order.
 */
function sortGroups(groups: GridRow[][], column: number, dir: number, position: number): GridRow[][] {
  const totalOf = (group: GridRow[]) => group.find((r) => r.headers.slice(position + 1).every((h) => h.total));
  const fixed = groups.filter((g) => g[0].headers[position]?.total);
  const sortable = groups.filter((g) => !g[0].headers[position]?.total);
  if (sortable.length < 2 || sortable.some((g) => !totalOf(g))) return groups;
  const sorted = sortable
    .map((g, index) => ({ g, index, total: totalOf(g)! }))
    .sort((a, b) => compareValues(a.total.cells[column], b.total.cells[column], dir) || a.index - b.index)
    .map((x) => x.g);
  return [...fixed, ...sorted];
}

/**
 * Sorts rows by a column while keeping the hierarchy: rows are grouped by their outer members
 * (in result order), and within the innermost header, children stay under their parent and
 * are sorted among their siblings.
 */
function sortRows(rows: GridRow[], column: number, dir: number, position = 0): GridRow[] {
  if (rows.length <= 1) return rows;
  const depth = rows[0].headers.length;
  if (depth === 0) return rows;
  if (position < depth - 1) {
    const groups: GridRow[][] = [];
    let i = 0;
    while (i < rows.length) {
      let j = i + 1;
      while (j < rows.length && rows[j].headers[position]?.key === rows[i].headers[position]?.key) j++;
      groups.push(sortRows(rows.slice(i, j), column, dir, position + 1));
      i = j;
    }
    return sortGroups(groups, column, dir, position).flat();
  }
  interface Node {
    row?: GridRow;
    depth: number;
    children: Node[];
  }
  const root: Node = { depth: -1, children: [] };
  const stack: Node[] = [root];
  for (const row of rows) {
    const d = row.headers[position]?.member?.depth ?? 0;
    while (stack.length > 1 && stack[stack.length - 1].depth >= d) stack.pop();
    const node: Node = { row, depth: d, children: [] };
    stack[stack.length - 1].children.push(node);
    stack.push(node);
  }
  const out: GridRow[] = [];
  const walk = (n: Node) => {
    if (n.row) out.push(n.row);
    const kids = [...n.children].sort((a, b) => compareValues(a.row!.cells[column], b.row!.cells[column], dir));
    kids.forEach(walk);
  };
  walk(root);
  return out;
}

/** Turns a cell set into a grid: headers with spans, totals, expansion state, optional sort. */
export function cellSetToGrid(cellSet: CellSet, options: GridOptions = {}): Grid {
  const f = facts(options.cube);
  const columnTuples = (cellSet.axes[0]?.positions ?? []).map((p) => p.members);
  const hasRows = cellSet.axes.length > 1;
  const rowTuples = hasRows ? cellSet.axes[1].positions.map((p) => p.members) : [[]];
  const columnCount = columnTuples.length;
  const byOrdinal = new Map<number, { value: unknown; formattedValue: string | null }>();
  const dense = cellSet.cells.length === columnCount * rowTuples.length && cellSet.cells.every((c, i) => c.ordinal === i);
  if (!dense) for (const c of cellSet.cells) byOrdinal.set(c.ordinal, c);

  const columnHeaders = headers(columnTuples, f, options.cube);
  setSpans(columnHeaders);
  markExpandedRuns(columnHeaders);
  const columns: GridColumn[] = columnTuples.map((t, i) => ({
    source: i,
    key: tupleKey(t),
    headers: columnHeaders[i],
    total: columnHeaders[i].some((h) => h.total),
  }));

  const rowHeaders = headers(rowTuples, f, options.cube);
  let rows: GridRow[] = rowTuples.map((t, r) => {
    const cells: GridCell[] = new Array(columnCount);
    for (let c = 0; c < columnCount; c++) {
      const ordinal = c + r * columnCount;
      const cell = dense ? cellSet.cells[ordinal] : byOrdinal.get(ordinal);
      const value = numeric(cell?.value);
      cells[c] = { value, formatted: formatValue(value, cell?.formattedValue) };
    }
    const hs = rowHeaders[r];
    const kind: GridRow["kind"] = hs.some((h) => h.total) ? "total" : hs.some((h) => h.expanded) ? "subtotal" : "data";
    return { source: r, key: tupleKey(t), headers: hs, kind, cells };
  });

  if (options.sort) {
    const column = columns.findIndex((c) => c.key === options.sort!.column);
    if (column >= 0) rows = sortRows(rows, column, options.sort.direction === "asc" ? 1 : -1);
  }
  const first = rowTuples[0] ?? [];
  let titles = first.map((m) => hierarchyCaption(options.cube, m.hierarchyUniqueName));
  if (options.tree && first.length > 1) {
    rows = treeRows(rows);
    titles = [titles.join(" / ")];
  } else if (options.flat) {
    for (const r of rows) for (const h of r.headers) Object.assign(h, { span: 1, indent: 0, expandable: false, expanded: false });
    if (options.levels?.length && first.length) titles = flattenLevels(rows, first, options.levels, f, titles);
  } else {
    setSpans(rows.map((r) => r.headers));
  }

  return {
    columns,
    rows,
    rowHeaderTitles: titles,
    rowHeaderDepth: titles.length,
    columnHeaderDepth: columnTuples[0]?.length ?? 0,
  };
}

/**
 * A tree table's rows: the tuples whose members after the first total are all totals (a group row
 * per outer member, with its subtotal, then what it contains), each shown by its innermost member
 * that is not a total, indented by its place in the nesting. Rows such as (Total, Bikes) — a total of
 * an outer hierarchy with an inner member — have no place in a tree and are left out.
 */
function treeRows(rows: GridRow[]): GridRow[] {
  const out: GridRow[] = [];
  for (const row of rows) {
    const firstTotal = row.headers.findIndex((h) => h.total);
    if (firstTotal >= 0 && row.headers.slice(firstTotal).some((h) => !h.total)) continue;
    const deepest = firstTotal < 0 ? row.headers.length - 1 : firstTotal - 1;
    const shown = deepest < 0 ? row.headers[0] : row.headers[deepest];
    // Each outer member's nesting within its hierarchy, then this member's (the grand total at 0, a year under it, a category under the year…).
    const indent = deepest < 0 ? 0 : row.headers.slice(0, deepest).reduce((sum, h) => sum + h.indent, 0) + shown.indent;
    const kind: GridRow["kind"] = deepest < 0 ? "total" : deepest < row.headers.length - 1 ? "subtotal" : row.kind;
    out.push({ ...row, kind, headers: [{ ...shown, indent, span: 1 }] });
  }
  return out;
}

/**
 * A flat table's row headers, one column per level asked for (named by the level): a row's member
 * fills its own level's column, its ancestors (read from its unique name's path) the levels above.
 * Returns the column titles (`titles`, the hierarchies' captions, where no level is asked for).
 */
function flattenLevels(rows: GridRow[], first: CellSetMember[], levels: FlatLevels[], f: HierarchyFacts, titles: string[]): string[] {
  const plan = first.map((m) => {
    const asked = levels.find((l) => l.hierarchy === m.hierarchyUniqueName)?.levels ?? [];
    return asked.length > 0 ? [...asked].sort((a, b) => a.depth - b.depth) : undefined;
  });
  if (plan.every((p) => !p)) return titles;
  for (const row of rows) {
    row.headers = row.headers.flatMap((h, p) => {
      const own = plan[p];
      if (!own || !h.member) return [h];
      const path = memberPath(h.member, f);
      return own.map((level) => {
        const caption = level.depth === h.member!.depth ? h.caption : level.depth < h.member!.depth ? (path[level.depth] ?? "") : "";
        return { ...h, key: h.key + "@" + level.depth, caption, member: level.depth === h.member!.depth ? h.member : undefined };
      });
    });
  }
  return first.flatMap((_, p) => plan[p]?.map((l) => l.name) ?? [titles[p]]);
}

/** The names of a member's ancestors by depth, from its unique name ([Geography].[Europe].[France]: Europe at 1). */
function memberPath(member: CellSetMember, f: HierarchyFacts): Record<number, string> {
  try {
    const hierarchyParts = parseUniqueName(member.hierarchyUniqueName).parts.length;
    const names = parseUniqueName(member.uniqueName)
      .parts.slice(hierarchyParts)
      .map((p) => p.name);
    // With an All level, the top level is depth 1 and the path starts there; without, at depth 0.
    const firstDepth = f.hasAll.has(member.hierarchyUniqueName) ? 1 : 0;
    if (names.length !== member.depth - firstDepth + 1) return {};
    return Object.fromEntries(names.map((n, i) => [i + firstDepth, n]));
  } catch {
    return {};
  }
}

/** The members addressing a cell: its row's, then its column's (for drillthrough). */
export function cellMembers(cellSet: CellSet, row: number, column: number): CellSetMember[] {
  const rowMembers = cellSet.axes[1]?.positions[row]?.members ?? [];
  const columnMembers = cellSet.axes[0]?.positions[column]?.members ?? [];
  return [...rowMembers, ...columnMembers];
}

/** The next sort when a column header is clicked: descending, ascending, then none. */
export function nextSort(current: SortSpec | undefined, column: string): SortSpec | undefined {
  if (!current || current.column !== column) return { column, direction: "desc" };
  if (current.direction === "desc") return { column, direction: "asc" };
  return undefined;
}
