import type { CellSet, CellSetMember, CubeModel } from "../api/types";
import { emptyWidget, type WidgetSpec } from "../widget/spec";

export const salesCube: CubeModel = {
  name: "Sales",
  dimensions: [
    {
      name: "Time",
      hierarchies: [
        {
          name: "Time",
          uniqueName: "[Time].[Time]",
          slicing: false,
          allMemberName: "All",
          folder: null,
          visible: true,
          levels: [
            { name: "(All)", uniqueName: "[Time].[Time].[(All)]", depth: 0 },
            { name: "Year", uniqueName: "[Time].[Time].[Year]", depth: 1 },
            { name: "Quarter", uniqueName: "[Time].[Time].[Quarter]", depth: 2 },
            { name: "Month", uniqueName: "[Time].[Time].[Month]", depth: 3 },
          ],
        },
      ],
    },
    {
      name: "Product",
      hierarchies: [
        {
          name: "Category",
          uniqueName: "[Product].[Category]",
          slicing: false,
          allMemberName: "All",
          folder: null,
          visible: true,
          levels: [
            { name: "(All)", uniqueName: "[Product].[Category].[(All)]", depth: 0 },
            { name: "Category", uniqueName: "[Product].[Category].[Category]", depth: 1 },
          ],
        },
      ],
    },
    {
      name: "Currency",
      hierarchies: [
        {
          name: "Currency",
          uniqueName: "[Currency].[Currency]",
          slicing: true,
          allMemberName: null,
          folder: null,
          visible: true,
          levels: [{ name: "Currency", uniqueName: "[Currency].[Currency].[Currency]", depth: 0 }],
        },
      ],
    },
  ],
  measures: [
    { name: "Amount", uniqueName: "[Measures].[Amount]", folder: null, formatter: null, visible: true, description: null },
    { name: "Qty", uniqueName: "[Measures].[Qty]", folder: "Volumes", formatter: null, visible: true, description: null },
  ],
};

/** A widget for the query tests: no totals unless the test asks (a new widget has them, see spec.test). */
export function widget(patch: Partial<WidgetSpec>): WidgetSpec {
  return { ...emptyWidget("Sales"), id: "w1", totals: false, ...patch };
}

export function member(uniqueName: string, caption: string, depth = 1, hierarchy?: string): CellSetMember {
  const h = hierarchy ?? uniqueName.split(".").slice(0, 2).join(".");
  return {
    uniqueName,
    name: caption,
    caption,
    levelUniqueName: h + ".[L" + depth + "]",
    hierarchyUniqueName: h,
    depth,
  };
}

export const measure = (name: string): CellSetMember => ({
  uniqueName: `[Measures].[${name}]`,
  name,
  caption: name,
  levelUniqueName: "[Measures].[MeasuresLevel]",
  hierarchyUniqueName: "[Measures]",
  depth: 0,
});

/** A cell set from column and row tuples and a value function. */
export function cellSet(
  columns: CellSetMember[][],
  rows: CellSetMember[][] | undefined,
  value: (r: number, c: number) => number | null,
): CellSet {
  const cells = [];
  const rowCount = rows ? rows.length : 1;
  for (let r = 0; r < rowCount; r++)
    for (let c = 0; c < columns.length; c++) {
      const v = value(r, c);
      cells.push({ ordinal: c + r * columns.length, value: v, formattedValue: v === null ? null : v.toLocaleString("en-US") });
    }
  const axes = [{ positions: columns.map((members) => ({ members })) }];
  if (rows) axes.push({ positions: rows.map((members) => ({ members })) });
  return { axes, cells };
}
