import { describe, expect, it } from "vitest";
import { hashOf, parseRoute } from "./useHashRoute";

describe("routes", () => {
  it("reads and writes the home, dashboard and presentation routes", () => {
    expect(parseRoute("#/")).toEqual({ page: "home" });
    expect(parseRoute("#/dashboard/retail%2Foverview")).toEqual({ page: "dashboard", id: "retail/overview" });
    expect(parseRoute("#/present/retail-overview")).toEqual({ page: "dashboard", id: "retail-overview", present: true });
    expect(hashOf({ page: "dashboard", id: "a/b", present: true })).toBe("#/present/a%2Fb");
    expect(parseRoute(hashOf({ page: "dashboard", id: "x y" }))).toEqual({ page: "dashboard", id: "x y" });
  });
});
