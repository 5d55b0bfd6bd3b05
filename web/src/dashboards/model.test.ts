import { describe, expect, it } from "vitest";
import {
  addPage,
  addWidget,
  inheritedFilters,
  matchesSearch,
  moveWidget,
  newDashboard,
  parseDashboard,
  removePage,
  removeWidget,
  resizeWidget,
  updateWidget,
} from "./model";

describe("dashboard model", () => {
  it("moves a widget to another's place, forwards or backwards", () => {
    let d = newDashboard("Sales");
    const page = d.pages[0].id;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const added = addWidget(d, page, "Sales");
      d = added.dashboard;
      ids.push(added.widget.id);
    }
    const order = (x: typeof d) => x.pages[0].widgets.map((w) => ids.indexOf(w.id));
    expect(order(moveWidget(d, page, ids[0], ids[2]))).toEqual([1, 2, 0]);
    expect(order(moveWidget(d, page, ids[2], ids[0]))).toEqual([2, 0, 1]);
    expect(order(moveWidget(d, page, ids[1], ids[1]))).toEqual([0, 1, 2]);
    expect(order(moveWidget(d, page, ids[1], "unknown"))).toEqual([0, 1, 2]);
  });

  it("adds, updates, resizes and removes widgets", () => {
    let d = newDashboard("Sales");
    const page = d.pages[0].id;
    const added = addWidget(d, page, "Sales");
    d = added.dashboard;
    expect(d.pages[0].widgets).toHaveLength(1);
    expect(d.pages[0].layout[added.widget.id]).toEqual({ w: 6, h: 5 });
    d = updateWidget(d, { ...added.widget, title: "Renamed" });
    expect(d.pages[0].widgets[0].title).toBe("Renamed");
    d = resizeWidget(d, page, added.widget.id, { w: 40, h: 0 });
    expect(d.pages[0].layout[added.widget.id]).toEqual({ w: 12, h: 2 });
    d = removeWidget(d, added.widget.id);
    expect(d.pages[0].widgets).toHaveLength(0);
    expect(d.pages[0].layout[added.widget.id]).toBeUndefined();
  });

  it("keeps at least one page", () => {
    let d = newDashboard();
    d = addPage(d).dashboard;
    expect(d.pages.map((p) => p.name)).toEqual(["Page 1", "Page 2"]);
    d = removePage(d, d.pages[0].id);
    d = removePage(d, d.pages[0].id);
    expect(d.pages).toHaveLength(1);
  });

  it("gives widgets the dashboard's and the page's filters", () => {
    const d = newDashboard();
    d.filters = [{ kind: "topN", direction: "top", count: 3, measure: "[Measures].[A]" }];
    d.pages[0].filters = [{ kind: "topN", direction: "bottom", count: 2, measure: "[Measures].[B]" }];
    expect(inheritedFilters(d, d.pages[0].id).map((f) => f.kind)).toEqual(["topN", "topN"]);
  });

  it("parses a stored body, filling in what is missing", () => {
    const d = parseDashboard("id1", "Name", "", { pages: [{ id: "p1", name: "One", widgets: [] }] });
    expect(d.folder).toBe("/");
    expect(d.pages[0].id).toBe("p1");
    expect(d.pages[0].layout).toEqual({});
    expect(parseDashboard("x", "y", "/", null).pages).toHaveLength(1);
  });

  it("searches names and folders", () => {
    expect(matchesSearch({ name: "Sales review", folder: "/Finance" }, "fin")).toBe(true);
    expect(matchesSearch({ name: "Sales review", folder: "/" }, "REV")).toBe(true);
    expect(matchesSearch({ name: "Sales", folder: "/" }, "x")).toBe(false);
  });
});
