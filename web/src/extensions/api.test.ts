import { describe, expect, it, vi } from "vitest";
import type * as Declared from "../../../samples/heatmap-extension/cuboid-extension";
import declarations from "../../../samples/heatmap-extension/cuboid-extension.d.ts?raw";
import appTypes from "../api/types.ts?raw";
import contract from "./api.ts?raw";
import type * as App from "./api";
import { API_VERSION } from "./api";
import { createExtensionApi, guarded } from "./createApi";
import { createNotices } from "./notices";
import { createRegistry } from "./registry";
import { createSelectionStore } from "./selection";

function services() {
  return {
    registry: createRegistry(),
    notices: createNotices(() => undefined),
    selection: createSelectionStore(),
    query: vi.fn(async (mdx: string) => ({ axes: [], cells: [], mdx }) as never),
    cubes: vi.fn(async () => [{ name: "Sales", caption: "Ventes" }]),
  };
}

// The extension authors' declarations and the app's are the same API: each assignable to the other (a drift in a type
// fails the typecheck), and they declare the same members (a drift in a name fails below).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const agree: [
  Same<Declared.CuboidExtensionApi, App.CuboidExtensionApi>,
  Same<Declared.CuboidExtensionModule, App.CuboidExtensionModule>,
  Same<Declared.WidgetRenderProps, App.WidgetRenderProps>,
  Same<Declared.CellContext, App.CellContext>,
  Same<Declared.CellSelection, App.CellSelection>,
  Same<Declared.TitleBarContext, App.TitleBarContext>,
  Same<Declared.CellSet, App.CellSet>,
  Same<Declared.CubeSummary, App.CubeSummary>,
] = [true, true, true, true, true, true, true, true];

/** The interfaces a source declares, each with its members' names (a member: a line `name:`, `name?:` or `name(`). */
function interfaces(source: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const m of source.matchAll(/interface (\w+)(?: extends [\w, ]+)? \{\n([\s\S]*?)\n\}/g)) {
    const members = [...m[2].matchAll(/^ {2}(?:readonly )?(\w+)\??[:(]/gm)].map((x) => x[1]);
    found.set(m[1], members.sort());
  }
  return found;
}

describe("the extension API's declarations for authors (samples/heatmap-extension/cuboid-extension.d.ts)", () => {
  it("agree with the app's types", () => {
    expect(agree.every(Boolean)).toBe(true);
  });

  it("mention every member of the API object the app hands out", () => {
    const api = createExtensionApi("x", services());
    const declared = interfaces(declarations).get("CuboidExtensionApi") ?? [];
    expect(Object.keys(api).sort()).toEqual(declared);
    for (const name of Object.keys(api)) expect(declarations).toMatch(new RegExp(`^ {2}(readonly )?${name}[:(]`, "m"));
  });

  it("declare every interface of the contract, with the same members", () => {
    const app = new Map([...interfaces(appTypes), ...interfaces(contract)]);
    // The server's shapes under another name in the app: CubeSummary is Named.
    for (const m of appTypes.matchAll(/export type (\w+) = (\w+);/g)) if (app.has(m[2])) app.set(m[1], app.get(m[2])!);
    const declared = interfaces(declarations);
    for (const name of interfaces(contract).keys()) expect(declared.has(name), `${name} is not declared`).toBe(true);
    for (const [name, members] of declared) expect([name, members]).toEqual([name, app.get(name)]);
    for (const m of contract.matchAll(/^export type (\w+) =/gm)) expect(declarations).toContain(`export type ${m[1]} =`);
  });
});

describe("the API object", () => {
  it("is version 1, frozen, and goes to the app's client for queries and cubes", async () => {
    const s = services();
    const api = createExtensionApi("heatmap", s);
    expect(api.apiVersion).toBe(1);
    expect(API_VERSION).toBe(1);
    expect(Object.isFrozen(api)).toBe(true);
    await api.query("SELECT FROM [Sales]");
    expect(s.query).toHaveBeenCalledWith("SELECT FROM [Sales]");
    await expect(api.query(42 as never)).rejects.toThrow(/must be a string/);
    expect(await api.cubes()).toEqual([{ name: "Sales", caption: "Ventes" }]);
  });

  it("registers under the extension's name, handing its own API to the widget type", () => {
    const s = services();
    const api = createExtensionApi("heatmap", s);
    api.registerWidgetType({ type: "heatmap", label: "Heat map", render: () => undefined });
    expect(s.registry.widgetType("heatmap")).toMatchObject({ extension: "heatmap", api });
  });

  it("shows notify's message as the extension's", () => {
    const s = services();
    createExtensionApi("heatmap", s).notify("Copied 1,234");
    expect(s.notices.list()).toEqual([{ id: 1, kind: "info", extension: "heatmap", text: "Copied 1,234" }]);
  });

  it("tells selection listeners of changes, a failing listener reported without stopping the others", () => {
    const s = services();
    const api = createExtensionApi("heatmap", s);
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const seen: number[] = [];
    api.onSelectionChange(() => {
      throw new Error("listener bug");
    });
    const stop = api.onSelectionChange((selection) => seen.push(selection.cells.length));
    const cell = { value: 1, formattedValue: "1", members: [] };
    s.selection.focus("w1", () => ({ cube: "Sales", mdx: "SELECT", cells: [cell, cell] }));
    expect(api.selection().cells).toHaveLength(2);
    expect(seen).toEqual([2]);
    expect(s.notices.list().map((n) => [n.kind, n.text])).toEqual([["error", "The extension 'heatmap' failed: listener bug"]]);
    stop();
    s.selection.release("w1");
    expect(seen).toEqual([2]);
    expect(api.selection()).toEqual({ cells: [] });
    error.mockRestore();
  });
});

describe("guarded", () => {
  it("reports a throw and a rejection of an extension's callback as its failure", async () => {
    const notices = createNotices(() => undefined);
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    guarded(notices, "a", () => {
      throw new Error("sync");
    });
    guarded(notices, "b", () => Promise.reject(new Error("async")));
    guarded(notices, "c", () => "fine");
    await vi.waitFor(() => expect(notices.list()).toHaveLength(2));
    expect(notices.list().map((n) => [n.extension, n.text])).toEqual([
      ["a", "The extension 'a' failed: sync"],
      ["b", "The extension 'b' failed: async"],
    ]);
    expect(error).toHaveBeenCalledTimes(2);
    error.mockRestore();
  });
});

describe("notices", () => {
  it("let an extension's messages go after a while, keep failures until dismissed, and keep few messages", () => {
    const timers: (() => void)[] = [];
    const notices = createNotices((run) => timers.push(run));
    notices.error("a", "failed");
    for (let i = 1; i <= 5; i++) notices.info("b", `message ${i}`);
    expect(notices.list().map((n) => n.text)).toEqual(["failed", "message 3", "message 4", "message 5"]);
    for (const run of timers) run();
    expect(notices.list().map((n) => n.text)).toEqual(["failed"]);
    notices.dismiss(notices.list()[0].id);
    expect(notices.list()).toEqual([]);
  });
});
