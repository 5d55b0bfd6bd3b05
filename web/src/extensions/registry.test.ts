import { describe, expect, it, vi } from "vitest";
import type { CuboidExtensionApi } from "./api";
import { createRegistry, resolveWidgetType } from "./registry";

const api = {} as CuboidExtensionApi;
const owner = (extension: string) => ({ extension, api });
const render = () => undefined;
const onClick = () => undefined;

describe("the extension registry", () => {
  it("lists what each extension registered, in registration order, with its extension", () => {
    const registry = createRegistry();
    registry.registerWidgetType(owner("heatmap"), { type: "heatmap", label: "Heat map", render });
    registry.registerWidgetType(owner("other"), { type: "sankey", label: "Sankey", render });
    registry.registerCellMenuItem(owner("heatmap"), { id: "copy-value", label: "Copy value", onClick });
    registry.registerTitleBarButton(owner("heatmap"), { id: "heatmap-about", label: "About heat map", onClick });

    expect(registry.widgetTypes().map((w) => [w.type, w.label, w.extension])).toEqual([
      ["heatmap", "Heat map", "heatmap"],
      ["sankey", "Sankey", "other"],
    ]);
    expect(registry.widgetType("heatmap")?.render).toBe(render);
    expect(registry.widgetType("heatmap")?.api).toBe(api);
    expect(registry.cellMenuItems().map((i) => i.id)).toEqual(["copy-value"]);
    expect(registry.cellMenuItem("copy-value")?.onClick).toBe(onClick);
    expect(registry.titleBarButtons().map((b) => [b.id, b.label])).toEqual([["heatmap-about", "About heat map"]]);
  });

  it("refuses a name that is taken, by another extension or the same one, keeping the first", () => {
    const registry = createRegistry();
    registry.registerWidgetType(owner("a"), { type: "heatmap", label: "A", render });
    expect(() => registry.registerWidgetType(owner("b"), { type: "heatmap", label: "B", render })).toThrow(
      'The widget type "heatmap" is already registered by the extension "a".',
    );
    expect(() => registry.registerWidgetType(owner("a"), { type: "heatmap", label: "A again", render })).toThrow(/already registered/);
    expect(registry.widgetType("heatmap")?.label).toBe("A");

    registry.registerCellMenuItem(owner("a"), { id: "copy", label: "Copy", onClick });
    expect(() => registry.registerCellMenuItem(owner("b"), { id: "copy", label: "Copy", onClick })).toThrow(/already registered/);
    registry.registerTitleBarButton(owner("a"), { id: "about", label: "About", onClick });
    expect(() => registry.registerTitleBarButton(owner("b"), { id: "about", label: "About", onClick })).toThrow(/already registered/);
    // Namespaces are separate: a menu item and a button may share an id.
    registry.registerTitleBarButton(owner("b"), { id: "copy", label: "Copy", onClick });
  });

  it("refuses the built-in widget types and the names the tile's buttons use", () => {
    const registry = createRegistry();
    for (const type of ["pivot", "tree", "table", "kpi", "column", "treemap", "chart", "select"])
      expect(() => registry.registerWidgetType(owner("x"), { type, label: "X", render })).toThrow(/built-in/);
  });

  it("refuses malformed registrations", () => {
    const registry = createRegistry();
    const bad = (definition: unknown) => () => registry.registerWidgetType(owner("x"), definition as never);
    expect(bad({ type: "Heat Map", label: "X", render })).toThrow(/not a valid name/);
    expect(bad({ type: "", label: "X", render })).toThrow(/not a valid name/);
    expect(bad({ type: "a".repeat(65), label: "X", render })).toThrow(/not a valid name/);
    expect(bad({ label: "X", render })).toThrow(/not a valid name/);
    expect(bad({ type: "heatmap", label: " ", render })).toThrow(/needs a label/);
    expect(bad({ type: "heatmap", label: "X" })).toThrow(/needs a render function/);
    expect(bad(undefined)).toThrow(/not a valid name/);
    expect(() => registry.registerCellMenuItem(owner("x"), { id: "copy value", label: "X", onClick })).toThrow(/not a valid name/);
    expect(() => registry.registerTitleBarButton(owner("x"), { id: "about", label: "X" } as never)).toThrow(/needs an onClick function/);
    expect(registry.widgetTypes()).toEqual([]);
  });

  it("removes a registration with the function it returned, and an extension's all at once", () => {
    const registry = createRegistry();
    const remove = registry.registerWidgetType(owner("a"), { type: "heatmap", label: "A", render });
    registry.registerCellMenuItem(owner("a"), { id: "copy", label: "Copy", onClick });
    registry.registerTitleBarButton(owner("b"), { id: "about", label: "About", onClick });
    remove();
    expect(registry.widgetType("heatmap")).toBeUndefined();
    // The name is free again; the old remover does not take the new registration away.
    registry.registerWidgetType(owner("b"), { type: "heatmap", label: "B", render });
    remove();
    expect(registry.widgetType("heatmap")?.label).toBe("B");

    registry.removeExtension("a");
    expect(registry.cellMenuItems()).toEqual([]);
    expect(registry.titleBarButtons().map((b) => b.id)).toEqual(["about"]);
    registry.removeExtension("b");
    expect(registry.widgetTypes()).toEqual([]);
    expect(registry.titleBarButtons()).toEqual([]);
  });

  it("tells its subscribers of each change and counts versions (registrations arrive after the first render)", () => {
    const registry = createRegistry();
    const listener = vi.fn();
    const unsubscribe = registry.subscribe(listener);
    const start = registry.version();
    const remove = registry.registerWidgetType(owner("a"), { type: "heatmap", label: "A", render });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(registry.version()).toBeGreaterThan(start);
    expect(() => registry.registerWidgetType(owner("b"), { type: "heatmap", label: "B", render })).toThrow();
    expect(listener).toHaveBeenCalledTimes(1); // a refusal changes nothing
    registry.setLoading(true);
    registry.setLoading(true);
    expect(listener).toHaveBeenCalledTimes(2);
    unsubscribe();
    remove();
    expect(listener).toHaveBeenCalledTimes(2);
  });
});

describe("resolveWidgetType (a widget's body)", () => {
  it("draws the built-in types itself", () => {
    const registry = createRegistry();
    for (const type of ["pivot", "tree", "table", "kpi", "column", "waterfall"])
      expect(resolveWidgetType(type, registry)).toEqual({ kind: "built-in" });
  });

  it("draws a registered type with its extension", () => {
    const registry = createRegistry();
    registry.registerWidgetType(owner("heatmap"), { type: "heatmap", label: "Heat map", render });
    const resolved = resolveWidgetType("heatmap", registry);
    expect(resolved.kind).toBe("extension");
    expect(resolved.kind === "extension" && resolved.widgetType.render).toBe(render);
  });

  it("waits while extensions load, then shows a placeholder for a type no extension provides", () => {
    const registry = createRegistry({ loading: true });
    expect(resolveWidgetType("heatmap", registry)).toEqual({ kind: "pending" });
    registry.setLoading(false);
    expect(resolveWidgetType("heatmap", registry)).toEqual({ kind: "missing" });
  });
});
