import { describe, expect, it } from "vitest";
import { cellSet, measure, member } from "../test/fixtures";
import { sliceCellSet } from "./slices";

describe("sliceCellSet", () => {
  it("cuts the columns by their slice member into one cell set each", () => {
    const amount = measure("Amount");
    const bikes = member("[Product].[Category].[Bikes]", "Bikes");
    const cars = member("[Product].[Category].[Cars]", "Cars");
    const rows = [[member("[Time].[Time].[2023]", "2023")], [member("[Time].[Time].[2024]", "2024")]];
    const cs = cellSet(
      [
        [bikes, amount],
        [cars, amount],
      ],
      rows,
      (r, c) => (r + 1) * (c ? 100 : 1),
    );
    const slices = sliceCellSet(cs, "[Product].[Category]");
    expect(slices.map((s) => s.caption)).toEqual(["Bikes", "Cars"]);
    expect(slices[1].cellSet.axes[0].positions.map((p) => p.members.map((m) => m.name))).toEqual([["Amount"]]);
    expect(slices[1].cellSet.cells.map((c) => c.value)).toEqual([100, 200]);
    expect(slices[0].cellSet.cells.map((c) => c.value)).toEqual([1, 2]);
  });
});
