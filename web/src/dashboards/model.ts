import type { CalculatedMeasure } from "../measures/calculated";
import type { FilterSpec, WidgetSpec } from "../widget/spec";
import { emptyWidget, newId } from "../widget/spec";
import { t } from "../i18n";

export interface TileLayout {
  /** Grid columns (of 12) and rows (of 80 px) the widget spans. */
  w: number;
  h: number;
}

export interface Page {
  id: string;
  name: string;
  widgets: WidgetSpec[];
  layout: Record<string, TileLayout>;
  filters: FilterSpec[];
}

export interface Dashboard {
  id: string;
  name: string;
  folder: string;
  pages: Page[];
  filters: FilterSpec[];
  /** Measures defined in the web app, saved with the dashboard. */
  calculatedMeasures: CalculatedMeasure[];
  /** The scenario the widgets read (the base one when absent). */
  scenario?: string;
}

export const BASE_SCENARIO = "Base";

/** A scenario as a slicer on the cube's Epoch hierarchy: the widgets' queries read that branch's data. */
export function scenarioFilter(scenario: string): FilterSpec {
  return {
    kind: "members",
    hierarchy: "[Epoch].[Epoch]",
    level: "[Epoch].[Epoch].[Branch]",
    members: [{ uniqueName: "[Epoch].[Epoch].[" + scenario.replaceAll("]", "]]") + "]", caption: scenario }],
  };
}

export const DEFAULT_TILE: TileLayout = { w: 6, h: 5 };

export function newPage(name: string): Page {
  return { id: newId("p"), name, widgets: [], layout: {}, filters: [] };
}

/** The default name of the nth page (from 1). */
const pageName = (number: number) => t("dashboard.page", { number });

export function newDashboard(name = t("dashboard.untitled")): Dashboard {
  return { id: newId("d"), name, folder: "/", pages: [newPage(pageName(1))], filters: [], calculatedMeasures: [] };
}

function mapPage(d: Dashboard, pageId: string, f: (p: Page) => Page): Dashboard {
  return { ...d, pages: d.pages.map((p) => (p.id === pageId ? f(p) : p)) };
}

export function addWidget(d: Dashboard, pageId: string, cube: string): { dashboard: Dashboard; widget: WidgetSpec } {
  const page = d.pages.find((p) => p.id === pageId);
  const widget = emptyWidget(cube, t("dashboard.widget", { number: (page?.widgets.length ?? 0) + 1 }));
  return {
    dashboard: mapPage(d, pageId, (p) => ({ ...p, widgets: [...p.widgets, widget], layout: { ...p.layout, [widget.id]: DEFAULT_TILE } })),
    widget,
  };
}

/** A page with some of its properties changed (its filters…). */
export function updatePage(d: Dashboard, pageId: string, patch: Partial<Omit<Page, "id">>): Dashboard {
  return mapPage(d, pageId, (p) => ({ ...p, ...patch }));
}

export function updateWidget(d: Dashboard, widget: WidgetSpec): Dashboard {
  return {
    ...d,
    pages: d.pages.map((p) =>
      p.widgets.some((w) => w.id === widget.id) ? { ...p, widgets: p.widgets.map((w) => (w.id === widget.id ? widget : w)) } : p,
    ),
  };
}

export function removeWidget(d: Dashboard, widgetId: string): Dashboard {
  return {
    ...d,
    pages: d.pages.map((p) => {
      const layout = { ...p.layout };
      delete layout[widgetId];
      return { ...p, widgets: p.widgets.filter((w) => w.id !== widgetId), layout };
    }),
  };
}

export function resizeWidget(d: Dashboard, pageId: string, widgetId: string, size: TileLayout): Dashboard {
  const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, Math.round(v)));
  return mapPage(d, pageId, (p) => ({ ...p, layout: { ...p.layout, [widgetId]: { w: clamp(size.w, 2, 12), h: clamp(size.h, 2, 20) } } }));
}

/** Moves a widget to another's place on its page (tiles flow in order on the grid). */
export function moveWidget(d: Dashboard, pageId: string, widgetId: string, targetId: string): Dashboard {
  return mapPage(d, pageId, (p) => {
    const from = p.widgets.findIndex((w) => w.id === widgetId);
    const to = p.widgets.findIndex((w) => w.id === targetId);
    if (from < 0 || to < 0 || from === to) return p;
    const widgets = [...p.widgets];
    const [moving] = widgets.splice(from, 1);
    widgets.splice(to, 0, moving);
    return { ...p, widgets };
  });
}

export function addPage(d: Dashboard): { dashboard: Dashboard; page: Page } {
  const page = newPage(pageName(d.pages.length + 1));
  return { dashboard: { ...d, pages: [...d.pages, page] }, page };
}

export function renamePage(d: Dashboard, pageId: string, name: string): Dashboard {
  return mapPage(d, pageId, (p) => ({ ...p, name }));
}

export function removePage(d: Dashboard, pageId: string): Dashboard {
  if (d.pages.length <= 1) return d;
  return { ...d, pages: d.pages.filter((p) => p.id !== pageId) };
}

/** The filters a widget's query gets from its dashboard and page. */
export function inheritedFilters(d: Dashboard, pageId: string): FilterSpec[] {
  const scenario = d.scenario && d.scenario !== BASE_SCENARIO ? [scenarioFilter(d.scenario)] : [];
  return [...scenario, ...d.filters, ...(d.pages.find((p) => p.id === pageId)?.filters ?? [])];
}

/** Adds a calculated measure, or replaces the one of that cube with that name. */
export function defineCalculated(d: Dashboard, measure: CalculatedMeasure): Dashboard {
  const others = d.calculatedMeasures.filter((c) => !(c.cube === measure.cube && c.name === measure.name));
  return { ...d, calculatedMeasures: [...others, measure] };
}

export function removeCalculated(d: Dashboard, cube: string, name: string): Dashboard {
  return { ...d, calculatedMeasures: d.calculatedMeasures.filter((c) => !(c.cube === cube && c.name === name)) };
}

/** Reads a stored body, tolerating older or partial shapes. */
export function parseDashboard(id: string, name: string, folder: string, body: unknown): Dashboard {
  const b = (body ?? {}) as Partial<Dashboard>;
  const pages = Array.isArray(b.pages) && b.pages.length ? b.pages : [newPage(pageName(1))];
  return {
    id,
    name,
    folder: folder || "/",
    filters: Array.isArray(b.filters) ? b.filters : [],
    calculatedMeasures: Array.isArray(b.calculatedMeasures) ? b.calculatedMeasures : [],
    ...(typeof b.scenario === "string" ? { scenario: b.scenario } : {}),
    pages: pages.map((p, i) => ({
      ...newPage(p.name ?? pageName(i + 1)),
      ...p,
      layout: p.layout ?? {},
      filters: p.filters ?? [],
      widgets: p.widgets ?? [],
    })),
  };
}

/** Home-page search: a case-insensitive match on name or folder. */
export function matchesSearch(item: { name: string; folder: string }, search: string): boolean {
  const s = search.trim().toLowerCase();
  return !s || item.name.toLowerCase().includes(s) || item.folder.toLowerCase().includes(s);
}
