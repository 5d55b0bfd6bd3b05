// The shapes of docs/server-api.md (all JSON is camelCase).

/**
 * A cube, dimension, hierarchy, level or measure: its name (what MDX and test ids use) and the caption the
 * server gives it in the request's language (what the user reads), when it has one.
 */
export interface Named {
  name: string;
  caption?: string;
}

export type CubeSummary = Named;

export interface LevelInfo extends Named {
  uniqueName: string;
  depth: number;
}

export interface HierarchyInfo extends Named {
  uniqueName: string;
  slicing: boolean;
  allMemberName: string | null;
  folder: string | null;
  visible: boolean;
  levels: LevelInfo[];
}

export interface DimensionInfo extends Named {
  hierarchies: HierarchyInfo[];
}

export interface MeasureInfo extends Named {
  uniqueName: string;
  folder: string | null;
  formatter: string | null;
  visible: boolean;
  description: string | null;
}

export interface CubeModel extends Named {
  dimensions: DimensionInfo[];
  measures: MeasureInfo[];
}

export interface MemberInfo {
  uniqueName: string;
  name: string;
  caption: string;
}

export interface MembersPage {
  total: number;
  members: MemberInfo[];
}

export interface CellSetMember {
  uniqueName: string;
  name: string;
  caption: string;
  levelUniqueName: string;
  hierarchyUniqueName: string;
  depth: number;
}

export interface CellSetPosition {
  members: CellSetMember[];
}

export interface CellSetAxis {
  positions: CellSetPosition[];
}

export interface CellSetCell {
  ordinal: number;
  value: unknown;
  formattedValue: string | null;
}

export interface CellSet {
  axes: CellSetAxis[];
  slicer?: { members: CellSetMember[] } | null;
  cells: CellSetCell[];
}

export interface Diagnostic {
  code: string;
  message: string;
  line: number;
  column: number;
  offset: number;
  length: number;
}

export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  diagnostics?: Diagnostic[];
}

export interface DrillthroughResult {
  columns: string[];
  rows: unknown[][];
  /** Every fact row under the cell; `rows` are a page of them. */
  total: number;
}

export interface ContentSummary {
  id: string;
  kind: string;
  name: string;
  folder: string;
  updated: string;
}

export interface ContentItem<T = unknown> extends ContentSummary {
  body: T;
}
