// The sample extension (samples/heatmap-extension/dist/index.js) against the API, with a small stand-in for the DOM.
import { afterEach, describe, expect, it, vi } from "vitest";
import { cellSet, measure, member } from "../test/fixtures";
import type {
  CellContext,
  CellMenuItemDefinition,
  CuboidExtensionApi,
  CuboidExtensionModule,
  TitleBarButtonDefinition,
  WidgetTypeDefinition,
} from "./api";

// A URL in a variable: the sample is plain JavaScript outside the app, with no declarations of its own for the typecheck.
const sampleUrl = new URL("../../../samples/heatmap-extension/dist/index.js", import.meta.url).href;
const loadSample = () =>
  import(/* @vite-ignore */ sampleUrl) as Promise<CuboidExtensionModule & { colorOf(v: number, min: number, max: number): string }>;

/** Just what the sample uses of the DOM. */
class FakeElement {
  children: FakeElement[] = [];
  attributes = new Map<string, string>();
  style: Record<string, string> = {};
  textContent = "";
  parent?: FakeElement;
  constructor(
    readonly tagName: string,
    readonly ownerDocument: { createElement(tag: string): FakeElement },
  ) {}
  appendChild(child: FakeElement) {
    child.parent = this;
    this.children.push(child);
    return child;
  }
  setAttribute(name: string, value: string) {
    this.attributes.set(name, String(value));
  }
  getAttribute(name: string) {
    return this.attributes.get(name) ?? null;
  }
  remove() {
    if (this.parent) this.parent.children = this.parent.children.filter((c) => c !== this);
  }
  all(predicate: (e: FakeElement) => boolean): FakeElement[] {
    return this.children.flatMap((c) => [...(predicate(c) ? [c] : []), ...c.all(predicate)]);
  }
  byTestId(id: string) {
    return this.all((e) => e.getAttribute("data-testid") === id);
  }
}

function fakeDocument() {
  const doc = { createElement: (tag: string): FakeElement => new FakeElement(tag, doc) };
  return doc;
}

/** The API, recording what the sample registers and says. */
function fakeApi(selected = 0) {
  const widgetTypes: WidgetTypeDefinition[] = [];
  const items: CellMenuItemDefinition[] = [];
  const buttons: TitleBarButtonDefinition[] = [];
  const messages: string[] = [];
  const cell = { value: 1, formattedValue: "1", members: [] };
  const api: CuboidExtensionApi = {
    apiVersion: 1,
    registerWidgetType: (w) => (widgetTypes.push(w), () => undefined),
    registerCellMenuItem: (i) => (items.push(i), () => undefined),
    registerTitleBarButton: (b) => (buttons.push(b), () => undefined),
    query: () => Promise.reject(new Error("not here")),
    cubes: async () => [],
    selection: () => ({ cube: "Sales", mdx: "SELECT", cells: Array.from({ length: selected }, () => cell) }),
    onSelectionChange: () => () => undefined,
    notify: (message) => void messages.push(message),
  };
  return { api, widgetTypes, items, buttons, messages };
}

const y23 = member("[Time].[Time].[2023]", "2023", 1);
const y24 = member("[Time].[Time].[2024]", "2024", 1);
const result = cellSet([[measure("Amount")], [measure("Qty")]], [[y23], [y24]], (r, c) => (r === 1 && c === 1 ? null : 10 * (r * 2 + c)));

afterEach(() => vi.unstubAllGlobals());

describe("the heat map sample", () => {
  it("registers its widget type, cell menu item and title bar button", async () => {
    const { activate } = await loadSample();
    const fake = fakeApi();
    await activate!(fake.api);
    expect(fake.widgetTypes.map((w) => [w.type, w.label])).toEqual([["heatmap", "Heat map"]]);
    expect(fake.items.map((i) => [i.id, i.label])).toEqual([["copy-value", "Copy value"]]);
    expect(fake.buttons.map((b) => [b.id, b.label])).toEqual([["heatmap-about", "About heat map"]]);
  });

  it("draws a table of the cells coloured from the lowest value to the highest, and cleans up", async () => {
    const { activate, colorOf } = await loadSample();
    const fake = fakeApi();
    await activate!(fake.api);
    const element = fakeDocument().createElement("div");
    const widget = { id: "w1", title: "Sales heat", type: "heatmap", cube: "Sales", mdx: "SELECT" };
    const cleanup = fake.widgetTypes[0].render(element as unknown as HTMLElement, { cellSet: result, widget, api: fake.api });

    const [table] = element.byTestId("heatmap");
    expect(table.tagName).toBe("table");
    expect(table.getAttribute("aria-label")).toBe("Sales heat");
    expect(table.all((e) => e.tagName === "th").map((th) => th.textContent)).toEqual(["", "Amount", "Qty", "2023", "2024"]);
    const cells = element.byTestId("heatmap-cell");
    expect(cells.map((td) => [td.getAttribute("data-value"), td.textContent])).toEqual([
      ["0", "0"],
      ["10", "10"],
      ["20", "20"],
      ["", ""],
    ]);
    expect(cells.map((td) => td.style.backgroundColor)).toEqual([
      "rgb(255, 247, 188)", // the lowest
      colorOf(10, 0, 20),
      "rgb(227, 74, 51)", // the highest
      "rgb(243, 244, 246)", // empty
    ]);
    expect(colorOf(10, 0, 20)).toBe("rgb(241, 161, 120)");

    expect(typeof cleanup).toBe("function");
    (cleanup as () => void)();
    expect(element.children).toEqual([]);
  });

  it("copies a cell's formatted value and says so, or says the browser refused", async () => {
    const { activate } = await loadSample();
    const fake = fakeApi();
    await activate!(fake.api);
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal("navigator", { clipboard: { writeText } });
    const cell: CellContext = { cube: "Sales", mdx: "SELECT", value: 1234, formattedValue: "1,234", members: [] };
    fake.items[0].onClick(cell);
    await vi.waitFor(() => expect(fake.messages).toEqual(["Copied 1,234"]));
    expect(writeText).toHaveBeenCalledWith("1,234");

    writeText.mockRejectedValueOnce(new Error("NotAllowedError"));
    fake.items[0].onClick(cell);
    await vi.waitFor(() => expect(fake.messages).toEqual(["Copied 1,234", "The browser did not allow copying 1,234"]));
  });

  it("tells how many cells the selection holds", async () => {
    const { activate } = await loadSample();
    const fake = fakeApi(3);
    await activate!(fake.api);
    fake.buttons[0].onClick({ page: "home" });
    expect(fake.messages).toHaveLength(1);
    expect(fake.messages[0]).toContain("The current selection holds 3 cells.");
  });
});
