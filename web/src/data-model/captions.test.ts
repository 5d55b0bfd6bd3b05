import { describe, expect, it } from "vitest";
import type { CubeModel } from "../api/types";
import { describeFilter } from "../filters/describe";
import { salesCube } from "../test/fixtures";
import { filterDimensions } from "./modelTree";
import { captionOf, hierarchyCaption, levelCaption, measureCaption } from "./captions";

// The Sales cube as the server sends it to a French page: captions beside the names.
const french: CubeModel = {
  ...salesCube,
  caption: "Ventes",
  dimensions: salesCube.dimensions.map((d) =>
    d.name !== "Time"
      ? d
      : {
          ...d,
          caption: "Temps",
          hierarchies: d.hierarchies.map((h) => ({
            ...h,
            caption: "Temps",
            levels: h.levels.map((l) => (l.name === "Year" ? { ...l, caption: "Année" } : l)),
          })),
        },
  ),
  measures: salesCube.measures.map((m) => (m.name === "Amount" ? { ...m, caption: "Montant" } : m)),
};

describe("captions", () => {
  it("show an element's caption, its name without one", () => {
    expect(captionOf(french)).toBe("Ventes");
    expect(captionOf(salesCube)).toBe("Sales");
    expect(hierarchyCaption(french, "[Time].[Time]")).toBe("Temps");
    expect(levelCaption(french, "[Time].[Time].[Year]")).toBe("Année");
    expect(levelCaption(french, "[Time].[Time].[Quarter]")).toBe("Quarter");
    expect(measureCaption(french, "[Measures].[Amount]")).toBe("Montant");
  });

  it("show the last name of what the model does not have (a calculated measure)", () => {
    expect(measureCaption(french, "[Measures].[Margin]]s]")).toBe("Margin]s");
    expect(levelCaption(undefined, "[Time].[Time].[Month]")).toBe("Month");
  });

  it("name filters and match searches as the user reads them", () => {
    expect(describeFilter({ kind: "topN", direction: "top", count: 3, measure: "[Measures].[Amount]" }, french)).toBe("Top 3 by Montant");
    expect(filterDimensions(french, "ann")[0].hierarchies[0].levels.map((l) => l.uniqueName)).toEqual(["[Time].[Time].[Year]"]);
  });
});
