import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DataModelPanel } from "../data-model/DataModelPanel";
import { cellSet, measure, member, salesCube } from "../test/fixtures";
import { cellSetToGrid } from "./cellSetToGrid";
import { PivotTable } from "./PivotTable";

const noop = () => undefined;

describe("PivotTable (server-rendered smoke test)", () => {
  it("renders only a window of a 100,000-cell result", () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => [member(`[P].[P].[m${i}]`, `m${i}`, 1)]);
    const columns = Array.from({ length: 10 }, (_, i) => [measure(`M${i}`)]);
    const grid = cellSetToGrid(cellSet(columns, rows, (r, c) => r + c));
    const html = renderToString(<PivotTable grid={grid} onToggle={noop} onSort={noop} onDrillthrough={noop} />);
    expect(html).toContain('data-testid="pivot-cell-0-0"');
    expect(html).not.toContain('data-testid="pivot-cell-500-0"');
    expect((html.match(/pivot-cell-/g) ?? []).length).toBeLessThan(400);
  });
});

describe("PivotTable column headers", () => {
  it("offer to expand and collapse column members", () => {
    const y23 = member("[Time].[Time].[2023]", "2023", 1);
    const y24 = member("[Time].[Time].[2024]", "2024", 1);
    const q1 = member("[Time].[Time].[2024].[Q1]", "Q1", 2);
    const columns = [
      [y23, measure("Amount")],
      [y24, measure("Amount")],
      [q1, measure("Amount")],
    ];
    const grid = cellSetToGrid(
      cellSet(columns, [[member("[P].[P].[a]", "a", 1)]], () => 1),
      { cube: salesCube },
    );
    const html = renderToString(<PivotTable grid={grid} onToggle={noop} onSort={noop} onDrillthrough={noop} />);
    expect(html).toMatch(/data-testid="pivot-col-expand-0-0"[^>]*title="Expand"/);
    expect(html).toMatch(/data-testid="pivot-col-expand-0-1"[^>]*title="Collapse"/);
  });
});

describe("DataModelPanel", () => {
  it("renders draggable levels and measures with test ids", () => {
    const calculated = [
      {
        cube: "Sales",
        name: "Double",
        left: { kind: "measure" as const, uniqueName: "[Measures].[Qty]" },
        operator: "*" as const,
        right: { kind: "number" as const, value: 2 },
      },
      {
        cube: "Other",
        name: "Elsewhere",
        left: { kind: "measure" as const, uniqueName: "[Measures].[Qty]" },
        operator: "*" as const,
        right: { kind: "number" as const, value: 2 },
      },
    ];
    const html = renderToString(
      <DataModelPanel
        cubes={[{ name: "Sales" }]}
        cube="Sales"
        model={salesCube}
        onCubeChange={noop}
        onAdd={noop}
        calculated={calculated}
        onDefineCalculated={noop}
        onRemoveCalculated={noop}
      />,
    );
    expect(html).toContain('data-testid="model-measure-[Measures].[Double]"'); // the cube's calculated measures are listed and draggable
    expect(html).not.toContain("Elsewhere");
    expect(html).toContain('data-testid="calc-new"');
    expect(html).toContain('data-testid="model-level-[Time].[Time].[Year]"');
    expect(html).toContain('data-testid="model-measure-[Measures].[Qty]"');
    expect(html).toContain('draggable="true"');
  });
});
