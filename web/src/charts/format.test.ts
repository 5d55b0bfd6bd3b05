import { describe, expect, it } from "vitest";
import { compact, kindOf } from "./format";

describe("compact", () => {
  it("shortens large numbers with units", () => {
    expect(compact(1_177_875_000)).toBe("1.18B");
    expect(compact(120_000_000)).toBe("120M");
    expect(compact(45_500)).toBe("45.5K");
    expect(compact(-2_500_000)).toBe("-2.5M");
    expect(compact(980)).toBe("980");
    expect(compact(0.125)).toBe("0.13");
  });

  it("shows percentages as percents", () => {
    expect(compact(0.35, "percent")).toBe("35%");
    expect(compact(0.055, "percent")).toBe("5.5%");
    expect(compact(1, "percent")).toBe("100%");
  });
});

describe("kindOf", () => {
  it("tells percentages by their formatted values", () => {
    expect(kindOf(["35.0%", "", "12.1%"])).toBe("percent");
    expect(kindOf(["1,234.50", "2"])).toBe("number");
    expect(kindOf([])).toBe("number");
  });
});
