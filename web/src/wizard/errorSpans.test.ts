import { describe, expect, it } from "vitest";
import { errorSpans, offsetOf } from "./errorSpans";

const diag = (p: Partial<{ line: number; column: number; offset: number; length: number }>) => ({
  code: "MDX001",
  message: "Unknown member",
  line: 1,
  column: 1,
  offset: -1,
  length: 0,
  ...p,
});

describe("error underline", () => {
  const text = "SELECT\n  {[Measures].[Nope]} ON COLUMNS\nFROM [Sales]";

  it("finds line:column offsets", () => {
    expect(offsetOf(text, 2, 4)).toBe(10);
    expect(offsetOf(text, 9, 1)).toBe(text.length);
  });

  it("uses offset and length when given", () => {
    expect(errorSpans(text, [diag({ offset: 10, length: 17 })])).toEqual([{ start: 10, end: 27, message: "Unknown member" }]);
  });

  it("falls back to line:column and widens to the word", () => {
    const [s] = errorSpans(text, [diag({ line: 3, column: 6 })]);
    expect(text.slice(s.start, s.end)).toBe("[Sales]");
  });
});
