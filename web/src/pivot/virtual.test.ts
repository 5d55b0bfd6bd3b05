import { describe, expect, it } from "vitest";
import { visibleRange } from "./virtual";

describe("visibleRange", () => {
  it("covers the viewport plus overscan", () => {
    expect(visibleRange(0, 100, 20, 1000, 2)).toEqual({ start: 0, end: 8 });
    expect(visibleRange(2000, 100, 20, 1000, 2)).toEqual({ start: 98, end: 108 });
  });

  it("clamps at the end and for empty lists", () => {
    expect(visibleRange(1e9, 100, 20, 50)).toEqual({ start: 50, end: 50 });
    expect(visibleRange(0, 100, 20, 0)).toEqual({ start: 0, end: 0 });
  });

  it("renders a bounded number of rows for 100,000 rows", () => {
    const { start, end } = visibleRange(1_000_000, 600, 28, 100_000);
    expect(end - start).toBeLessThan(40);
  });
});
