import { describe, expect, it } from "vitest";
import { salesCube } from "../test/fixtures";
import { filterDimensions, measuresByFolder } from "./modelTree";

describe("data model tree", () => {
  it("hides All levels and filters by search", () => {
    const all = filterDimensions(salesCube, "");
    expect(all[0].hierarchies[0].levels.map((l) => l.name)).toEqual(["Year", "Quarter", "Month"]);
    expect(all[2].hierarchies[0].levels.map((l) => l.name)).toEqual(["Currency"]);
    const q = filterDimensions(salesCube, "quart");
    expect(q).toHaveLength(1);
    expect(q[0].hierarchies[0].levels.map((l) => l.name)).toEqual(["Quarter"]);
    expect(filterDimensions(salesCube, "product")[0].hierarchies[0].levels).toHaveLength(1);
  });

  it("groups measures by folder", () => {
    expect(measuresByFolder(salesCube, "").map(([f, ms]) => [f, ms.map((m) => m.name)])).toEqual([
      ["", ["Amount"]],
      ["Volumes", ["Qty"]],
    ]);
    expect(measuresByFolder(salesCube, "vol")).toHaveLength(1);
  });
});
