import { describe, expect, it } from "vitest";
import { call, id, members, parseUniqueName, range, ref, set, str, tuple } from "./ast";
import { bracket, print, printExpr } from "./printer";

describe("identifiers", () => {
  it("escapes a closing bracket by doubling it", () => {
    expect(bracket("a]b")).toBe("[a]]b]");
    expect(printExpr(id("Sales", "Q1 ]x[ 2024"))).toBe("[Sales].[Q1 ]]x[ 2024]");
  });

  it("parses unique names back, undoing the escapes", () => {
    const parsed = parseUniqueName("[Product].[A]]B].[C.D]");
    expect(parsed.parts.map((p) => p.name)).toEqual(["Product", "A]B", "C.D"]);
    expect(printExpr(parsed)).toBe("[Product].[A]]B].[C.D]");
  });

  it("keeps key parts and accepts unbracketed names", () => {
    expect(printExpr(ref("[Time].&[2024]"))).toBe("[Time].&[2024]");
    expect(printExpr(ref("Measures.Sales"))).toBe("[Measures].[Sales]");
  });

  it("rejects an unterminated name", () => {
    expect(() => parseUniqueName("[Time].[20")).toThrow();
  });
});

describe("expressions", () => {
  it("prints sets, tuples, calls, ranges and strings", () => {
    expect(printExpr(set(ref("[A].[x]"), tuple(ref("[A].[y]"), ref("[B].[z]"))))).toBe("{[A].[x], ([A].[y], [B].[z])}");
    expect(printExpr(call("Hierarchize", [set(members(ref("[T].[T].[Year]")))]))).toBe("Hierarchize({[T].[T].[Year].Members})");
    expect(printExpr(call("DrilldownMember", [set(), set()], ["RECURSIVE"]))).toBe("DrilldownMember({}, {}, RECURSIVE)");
    expect(printExpr(range(ref("[T].[Jan]"), ref("[T].[Mar]")))).toBe("[T].[Jan]:[T].[Mar]");
    expect(printExpr(str('say "hi"'))).toBe('"say ""hi"""');
  });

  it("prints a drillthrough", () => {
    const text = print({
      kind: "drillthrough",
      maxRows: 10,
      select: { kind: "select", axes: [], cube: id("Sales"), where: ref("[G].[F]") },
    });
    expect(text).toBe("DRILLTHROUGH MAXROWS 10\nSELECT\nFROM [Sales]\nWHERE [G].[F]");
  });
});
