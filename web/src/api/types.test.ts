import { describe, expect, it } from "vitest";
import type { CellSet } from "./types";
import { cellSetToGrid } from "../pivot/cellSetToGrid";
import snapshot from "../test/cellset.snapshot.json";

// The server's cell set JSON, pinned by the engine's ResultJsonTests (one shape for the server, live queries and the CLI).
describe("the cell set JSON the server sends", () => {
  it("is the CellSet the web app reads", () => {
    const cells: CellSet = snapshot;
    expect(cells.axes[1].positions.map((p) => p.members[0].caption)).toEqual(["AllMember", "Lyon", "Paris"]);
    expect(cells.slicer?.members[0].uniqueName).toBe("[Sales].[Id].[1]");
    const grid = cellSetToGrid(cells);
    expect(grid.rows.map((r) => [r.headers[0].caption, r.cells[0].formatted])).toEqual([
      ["AllMember", "3.50"],
      ["Lyon", ""],
      ["Paris", "3.50"],
    ]);
    expect(grid.rows[0].headers[0].total).toBe(true);
  });
});
