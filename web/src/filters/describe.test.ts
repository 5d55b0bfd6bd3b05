import { describe, expect, it } from "vitest";
import { describeFilter } from "./describe";

describe("describeFilter", () => {
  it("names member selections", () => {
    const members = ["A", "B", "C", "D"].map((c) => ({ uniqueName: `[P].[P].[${c}]`, caption: c }));
    expect(describeFilter({ kind: "members", hierarchy: "[P].[P]", level: "[P].[P].[Cat]", members: [] })).toBe("Cat: all");
    expect(describeFilter({ kind: "members", hierarchy: "[P].[P]", level: "[P].[P].[Cat]", members })).toBe("Cat = A, B +2");
    expect(
      describeFilter({ kind: "members", hierarchy: "[P].[P]", level: "[P].[P].[C]]at]", members: members.slice(0, 1), exclude: true }),
    ).toBe("C]at not in A");
  });

  it("names Top N and ranges", () => {
    expect(describeFilter({ kind: "topN", direction: "bottom", count: 5, measure: "[Measures].[Sales]" })).toBe("Bottom 5 by Sales");
    expect(
      describeFilter({
        kind: "range",
        hierarchy: "[T].[T]",
        level: "[T].[T].[Month]",
        from: { uniqueName: "x", caption: "Jan" },
        to: { uniqueName: "y", caption: "Mar" },
      }),
    ).toBe("Month: Jan – Mar");
  });
});
