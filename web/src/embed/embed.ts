// The embed page's widget (#/embed?mdx=…): a spec around a query given as is, which the dashboards' widget code draws.
import { emptyWidget, newId, type WidgetSpec, type WidgetType } from "../widget/spec";

/** The cube a query reads: the name after its (first) FROM, bracketed or not; "" when there is none. */
export function cubeOfMdx(mdx: string): string {
  const bracketed = /\bFROM\s+\[((?:[^\]]|\]\])+)\]/i.exec(mdx);
  if (bracketed) return bracketed[1].replaceAll("]]", "]");
  return /\bFROM\s+([A-Za-z_]\w*)/i.exec(mdx)?.[1] ?? "";
}

/**
 * The spec of an embedded widget: the query as its hand-written MDX (run as is, never rebuilt from fields), live (it
 * follows the session's data), of the given type.
 */
export function embedSpec(mdx: string, type: WidgetType, title?: string): WidgetSpec {
  const cube = cubeOfMdx(mdx);
  return { ...emptyWidget(cube, title ?? cube), id: newId("embed"), type, mdx, live: true };
}
