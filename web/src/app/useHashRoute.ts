import { useEffect, useState } from "react";
import type { WidgetType } from "../widget/spec";

/**
 * The embed page (#/embed?mdx=…&type=…&title=…): one live widget for an MDX query, nothing else (a notebook's iframe);
 * or, without a query, why it cannot show one.
 */
export type EmbedRoute = { page: "embed"; mdx: string; type: WidgetType; title?: string } | { page: "embed"; error: "missing-mdx" };

/** The app's pages: home, a dashboard (in presentation mode: widgets only, from a #/present/ link), an embedded widget. */
export type Route = { page: "home" } | { page: "dashboard"; id?: string; present?: boolean } | EmbedRoute;

export function parseRoute(hash: string): Route {
  const embed = /^#\/embed\/?(?:\?([\s\S]*))?$/.exec(hash);
  if (embed) return parseEmbed(embed[1] ?? "");
  const m = /^#\/(dashboard|present)(?:\/(.+))?$/.exec(hash);
  if (m) return { page: "dashboard", id: m[2] ? decodeURIComponent(m[2]) : undefined, ...(m[1] === "present" ? { present: true } : {}) };
  return { page: "home" };
}

/**
 * The embed page's parameters, URL-encoded (URLSearchParams: `+` is a space, so a `+` of the MDX is `%2B`): `mdx` the
 * query, `type` the widget's type (a built-in one, "chart" for the default chart, or an extension's; pivot when absent),
 * `title` an optional line above the widget.
 */
export function parseEmbed(query: string): EmbedRoute {
  const params = new URLSearchParams(query);
  const mdx = params.get("mdx")?.trim();
  if (!mdx) return { page: "embed", error: "missing-mdx" };
  const type = params.get("type")?.trim() || "pivot";
  const title = params.get("title")?.trim();
  // "chart" is what the tile's Chart button stands for: its default chart.
  return { page: "embed", mdx, type: type === "chart" ? "column" : type, ...(title ? { title } : {}) };
}

/** The hash of a route. */
export function hashOf(route: Route): string {
  if (route.page === "home") return "#/";
  if (route.page === "embed") {
    if ("error" in route) return "#/embed";
    const params = new URLSearchParams({ mdx: route.mdx });
    if (route.type !== "pivot") params.set("type", route.type);
    if (route.title) params.set("title", route.title);
    return "#/embed?" + params.toString();
  }
  return (route.present ? "#/present" : "#/dashboard") + (route.id ? "/" + encodeURIComponent(route.id) : "");
}

export function navigate(route: Route): void {
  window.location.hash = hashOf(route);
}

export function useHashRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  return route;
}
