import { describe, expect, it } from "vitest";
import { drillthroughCsv, pageLabel, showValue } from "./drillthroughTable";

describe("drillthrough table", () => {
  it("formats numbers and labels the page", () => {
    expect(showValue(1234.5678)).toBe("1,234.57");
    expect(showValue(null)).toBe("");
    expect(showValue("Paris")).toBe("Paris");
    expect(pageLabel(1000, 1000, 12_345)).toBe("Rows 1,001–2,000 of 12,345");
    expect(pageLabel(0, 0, 0)).toBe("No rows");
  });

  it("writes the chosen columns as CSV, quoting what needs it", () => {
    const csv = drillthroughCsv(
      {
        columns: ["id", "city", "amount"],
        rows: [
          [1, "Paris, FR", 2.5],
          [2, 'say "hi"', null],
        ],
        total: 2,
      },
      new Set(["id"]),
    );
    expect(csv).toBe('city,amount\r\n"Paris, FR",2.5\r\n"say ""hi""",\r\n');
  });
});
