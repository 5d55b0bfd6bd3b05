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

describe("the embed route", () => {
  const mdx = "SELECT {[Measures].[Amount]} ON COLUMNS, [Product].[Category].[Category].Members ON ROWS FROM [Sales & #1]";

  it("decodes the MDX: spaces, brackets, & and # inside", () => {
    expect(parseRoute("#/embed?mdx=" + encodeURIComponent(mdx) + "&type=kpi&title=" + encodeURIComponent("Sales & returns #2"))).toEqual({
      page: "embed",
      mdx,
      type: "kpi",
      title: "Sales & returns #2",
    });
    // URLSearchParams' form encoding: + for a space.
    expect(parseRoute("#/embed?mdx=SELECT+FROM+%5BSales%5D")).toEqual({ page: "embed", mdx: "SELECT FROM [Sales]", type: "pivot" });
    // A # left unencoded is still the hash's (only the first # starts it).
    expect(parseRoute("#/embed?title=A#1&mdx=SELECT%20FROM%20[Sales]")).toEqual({
      page: "embed",
      mdx: "SELECT FROM [Sales]",
      type: "pivot",
      title: "A#1",
    });
  });

  it("defaults the type to pivot, takes chart for the default chart and keeps an extension's type", () => {
    const q = "#/embed?mdx=" + encodeURIComponent("SELECT FROM [Sales]");
    expect(parseRoute(q)).toEqual({ page: "embed", mdx: "SELECT FROM [Sales]", type: "pivot" });
    expect(parseRoute(q + "&type=")).toMatchObject({ type: "pivot" });
    expect(parseRoute(q + "&type=chart")).toMatchObject({ type: "column" });
    expect(parseRoute(q + "&type=line")).toMatchObject({ type: "line" });
    expect(parseRoute(q + "&type=heatmap")).toMatchObject({ type: "heatmap" });
    expect(parseRoute(q + "&title=")).not.toHaveProperty("title");
  });

  it("is an error without an mdx parameter", () => {
    expect(parseRoute("#/embed")).toEqual({ page: "embed", error: "missing-mdx" });
    expect(parseRoute("#/embed?type=chart")).toEqual({ page: "embed", error: "missing-mdx" });
    expect(parseRoute("#/embed?mdx=%20%20")).toEqual({ page: "embed", error: "missing-mdx" });
    expect(hashOf({ page: "embed", error: "missing-mdx" })).toBe("#/embed");
  });

  it("writes a hash that reads back", () => {
    const route = { page: "embed" as const, mdx: mdx + " WHERE [Measures].[A+B]", type: "column", title: "x & y" };
    expect(parseRoute(hashOf(route))).toEqual(route);
    expect(hashOf({ page: "embed", mdx: "SELECT FROM [Sales]", type: "pivot" })).toBe("#/embed?mdx=SELECT+FROM+%5BSales%5D");
  });
});
