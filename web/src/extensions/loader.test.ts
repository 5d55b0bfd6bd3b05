import { afterEach, describe, expect, it, vi } from "vitest";
import type { CuboidExtensionApi } from "./api";
import { createExtensionApi } from "./createApi";
import { activationOf, loadExtensions, type Importer } from "./loader";
import { createNotices } from "./notices";
import { createRegistry } from "./registry";
import { createSelectionStore } from "./selection";

const render = () => undefined;
const entry = (name: string) => ({ name, entry: `/extensions/${name}/index.js` });

/** A loader over a fresh registry, with modules by entry URL (a function: the import fails with what it throws). */
function setup(modules: Record<string, unknown>) {
  const registry = createRegistry();
  const notices = createNotices(() => undefined);
  const services = {
    registry,
    notices,
    selection: createSelectionStore(),
    query: vi.fn(),
    cubes: vi.fn(),
  };
  const importer = vi.fn<Importer>(async (url) => {
    const module = modules[url];
    if (typeof module === "function") return (module as () => unknown)();
    if (module === undefined) throw new TypeError(`Failed to fetch dynamically imported module: ${url}`);
    return module;
  });
  const onFailure = vi.fn();
  const load = (names: string[]) =>
    loadExtensions(names.map(entry), { importer, registry, createApi: (name) => createExtensionApi(name, services), onFailure });
  return { registry, importer, onFailure, load };
}

afterEach(() => vi.restoreAllMocks());

describe("activationOf", () => {
  it("takes the named activate, else a default function", () => {
    const activate = () => undefined;
    expect(activationOf({ activate })).toBe(activate);
    expect(activationOf({ default: activate })).toBe(activate);
    expect(activationOf({ default: { activate } })).toBeUndefined();
    expect(activationOf({})).toBeUndefined();
    expect(activationOf(undefined)).toBeUndefined();
  });
});

describe("loadExtensions", () => {
  it("imports each entry and activates it with its own API", async () => {
    const seen: CuboidExtensionApi[] = [];
    const { registry, importer, load } = setup({
      "/extensions/heatmap/index.js": {
        activate: (api: CuboidExtensionApi) => {
          seen.push(api);
          api.registerWidgetType({ type: "heatmap", label: "Heat map", render });
        },
      },
      "/extensions/notes/index.js": {
        default: (api: CuboidExtensionApi) => {
          seen.push(api);
          api.registerTitleBarButton({ id: "notes", label: "Notes", onClick: () => undefined });
        },
      },
    });
    const outcomes = await load(["heatmap", "notes"]);
    expect(outcomes).toEqual([
      { name: "heatmap", status: "active" },
      { name: "notes", status: "active" },
    ]);
    expect(importer.mock.calls.map(([url]) => url)).toEqual(["/extensions/heatmap/index.js", "/extensions/notes/index.js"]);
    expect(seen.map((api) => api.apiVersion)).toEqual([1, 1]);
    expect(seen[0]).not.toBe(seen[1]);
    expect(registry.widgetType("heatmap")?.extension).toBe("heatmap");
    expect(registry.titleBarButtons()[0].extension).toBe("notes");
  });

  it("isolates failures: a module that does not load, exports no activate, or whose activate throws or rejects", async () => {
    const { registry, onFailure, load } = setup({
      "/extensions/good/index.js": {
        activate: (api: CuboidExtensionApi) => api.registerCellMenuItem({ id: "good", label: "Good", onClick: () => undefined }),
      },
      "/extensions/syntax/index.js": () => {
        throw new SyntaxError("Unexpected token '<'");
      },
      "/extensions/empty/index.js": { something: 1 },
      "/extensions/throws/index.js": {
        activate: () => {
          throw new Error("boom");
        },
      },
      "/extensions/rejects/index.js": { activate: async () => Promise.reject(new Error("later")) },
    });
    const outcomes = await load(["missing", "syntax", "empty", "throws", "rejects", "good"]);
    expect(outcomes.map((o) => [o.name, o.status])).toEqual([
      ["missing", "failed"],
      ["syntax", "failed"],
      ["empty", "failed"],
      ["throws", "failed"],
      ["rejects", "failed"],
      ["good", "active"],
    ]);
    const reasons = Object.fromEntries(onFailure.mock.calls.map(([name, error]) => [name, (error as Error).message]));
    expect(reasons).toEqual({
      missing: "Failed to fetch dynamically imported module: /extensions/missing/index.js",
      syntax: "Unexpected token '<'",
      empty: "The module exports no activate function (a named `activate` or a default export).",
      throws: "boom",
      rejects: "later",
    });
    expect(registry.cellMenuItems().map((i) => i.id)).toEqual(["good"]);
  });

  it("removes what a failed extension registered before it failed, leaving the others' alone", async () => {
    const { registry, load } = setup({
      "/extensions/half/index.js": {
        activate: (api: CuboidExtensionApi) => {
          api.registerWidgetType({ type: "half", label: "Half", render });
          api.registerTitleBarButton({ id: "half", label: "Half", onClick: () => undefined });
          // A clash is refused with an error: the extension fails, its other registrations go.
          api.registerWidgetType({ type: "heatmap", label: "Mine too", render });
        },
      },
      "/extensions/heatmap/index.js": {
        activate: (api: CuboidExtensionApi) => api.registerWidgetType({ type: "heatmap", label: "Heat map", render }),
      },
    });
    const outcomes = await load(["heatmap", "half"]);
    expect(outcomes.map((o) => o.status)).toEqual(["active", "failed"]);
    expect(registry.widgetTypes().map((w) => [w.type, w.extension])).toEqual([["heatmap", "heatmap"]]);
    expect(registry.titleBarButtons()).toEqual([]);
  });

  it("does not let a slow activate hold the others up, and registers synchronous parts in the given order", async () => {
    let finish: () => void = () => undefined;
    const { registry, load } = setup({
      "/extensions/slow/index.js": {
        activate: async (api: CuboidExtensionApi) => {
          api.registerTitleBarButton({ id: "slow", label: "Slow", onClick: () => undefined });
          await new Promise<void>((resolve) => (finish = resolve));
        },
      },
      "/extensions/fast/index.js": {
        activate: (api: CuboidExtensionApi) => api.registerTitleBarButton({ id: "fast", label: "Fast", onClick: () => undefined }),
      },
    });
    const loading = load(["slow", "fast"]);
    await vi.waitFor(() => expect(registry.titleBarButtons().map((b) => b.id)).toEqual(["slow", "fast"]));
    expect(registry.loading()).toBe(true);
    finish();
    await loading;
    expect(registry.loading()).toBe(false);
  });

  it("says it is loading until every extension is active or failed", async () => {
    const { registry, load } = setup({});
    const loading = load(["gone"]);
    expect(registry.loading()).toBe(true);
    await loading;
    expect(registry.loading()).toBe(false);
  });
});

describe("startExtensions", () => {
  it("loads once per page, shows a failure as a notice naming the extension, and logs it", async () => {
    const { startExtensions, notices, registry } = await import("./host");
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const importer = vi.fn<Importer>(async (url) => {
      if (url.includes("broken")) throw new Error("404 Not Found");
      return { activate: (api: CuboidExtensionApi) => api.registerWidgetType({ type: "started", label: "Started", render }) };
    });
    const entries = [entry("broken"), entry("fine")];
    const first = await startExtensions(entries, importer);
    const again = await startExtensions(entries, importer);
    expect(again).toBe(first);
    expect(importer).toHaveBeenCalledTimes(2);
    expect(first.map((o) => o.status)).toEqual(["failed", "active"]);
    expect(registry.widgetType("started")).toBeDefined();
    expect(notices.list()).toEqual([
      expect.objectContaining({ kind: "error", extension: "broken", text: "The extension 'broken' could not start: 404 Not Found" }),
    ]);
    expect(error).toHaveBeenCalledWith('Cuboid extension "broken" could not start:', expect.any(Error));
    registry.removeExtension("fine");
    notices.dismiss(notices.list()[0].id);
  });
});
