// The embed page server-rendered (no DOM here): the widget the dashboards draw, alone, for the link's query.
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { cubeOfMdx, embedSpec } from "./embed";
import { EmbedView } from "./EmbedView";

describe("an embedded widget's spec", () => {
  it("reads the cube after FROM", () => {
    expect(cubeOfMdx("SELECT {[Measures].[Amount]} ON 0 FROM [Sales]")).toBe("Sales");
    expect(cubeOfMdx("select from [A]]B] where [X].[Y]")).toBe("A]B");
    expect(cubeOfMdx("SELECT FROM (SELECT {[Time].[2024]} ON 0 FROM [Sales])")).toBe("Sales");
    expect(cubeOfMdx("SELECT FROM Sales")).toBe("Sales");
    expect(cubeOfMdx("SELECT")).toBe("");
  });

  it("is the query as given, live, of the given type", () => {
    const spec = embedSpec("SELECT FROM [Sales]", "kpi", "Revenue");
    expect(spec).toMatchObject({
      cube: "Sales",
      type: "kpi",
      title: "Revenue",
      mdx: "SELECT FROM [Sales]",
      live: true,
      rows: [],
      measures: [],
    });
    expect(embedSpec("SELECT FROM [Sales]", "pivot").title).toBe("Sales");
  });
});

describe("the embed page", () => {
  it("draws the widget alone, with the title line when given", () => {
    const html = renderToString(<EmbedView route={{ page: "embed", mdx: "SELECT FROM [Sales]", type: "pivot", title: "Sales by year" }} />);
    expect(html).toMatch(/^<div class="embed" data-testid="embed">/);
    expect(html).toContain('<div class="embed-title" data-testid="embed-title">Sales by year</div>');
    expect(html).toContain('data-testid="widget-result"');
    expect(html).not.toContain("tile-head");
    expect(renderToString(<EmbedView route={{ page: "embed", mdx: "SELECT FROM [Sales]", type: "pivot" }} />)).not.toContain("embed-title");
  });

  it("says when the link has no query", () => {
    const html = renderToString(<EmbedView route={{ page: "embed", error: "missing-mdx" }} />);
    expect(html).toContain('data-testid="embed"');
    expect(html).toContain("This embed needs an mdx parameter");
  });

  it("shows the placeholder of an unknown widget type", () => {
    const html = renderToString(<EmbedView route={{ page: "embed", mdx: "SELECT FROM [Sales]", type: "no-such-type" }} />);
    expect(html).toContain('data-testid="widget-extension-missing"');
    expect(html).toContain("The widget type &#x27;no-such-type&#x27; needs the extension that provides it");
  });
});
