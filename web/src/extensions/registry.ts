// What the extensions registered: widget types, cell menu items and title bar buttons, each with the extension that
// registered it. The React components read it through useExtensions() (hooks.ts), which re-renders them on each change.
//
// Names are unique: a registration whose type or id is taken (by a built-in widget type or by any extension, itself
// included) is refused with an error, never silently replaced. Thrown in the extension's `activate`, the error marks the
// extension failed (loader.ts), so a clash shows as a notice naming it rather than as a missing menu item.
import { isBuiltInType } from "../widget/spec";
import type { CellMenuItemDefinition, CuboidExtensionApi, TitleBarButtonDefinition, WidgetTypeDefinition } from "./api";

/** The extension a registration comes from: its name (SessionConfig.AppExtensions' key) and the API it was given. */
export interface Owner {
  extension: string;
  api: CuboidExtensionApi;
}

export type RegisteredWidgetType = WidgetTypeDefinition & Owner;
export type RegisteredCellMenuItem = CellMenuItemDefinition & Owner;
export type RegisteredTitleBarButton = TitleBarButtonDefinition & Owner;

/** Names of widget types, menu items and buttons: they end up in data-testids and in saved dashboards. */
const NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** Widget type names the tile's buttons already use beside the built-in types' (widget-type-chart, widget-type-select). */
const RESERVED_TYPES = new Set(["chart", "select"]);

export interface ExtensionRegistry {
  registerWidgetType(owner: Owner, definition: WidgetTypeDefinition): () => void;
  registerCellMenuItem(owner: Owner, definition: CellMenuItemDefinition): () => void;
  registerTitleBarButton(owner: Owner, definition: TitleBarButtonDefinition): () => void;
  /** Removes everything an extension registered (when its activate fails). */
  removeExtension(extension: string): void;

  /** In registration order. */
  widgetTypes(): RegisteredWidgetType[];
  widgetType(type: string): RegisteredWidgetType | undefined;
  cellMenuItems(): RegisteredCellMenuItem[];
  cellMenuItem(id: string): RegisteredCellMenuItem | undefined;
  titleBarButtons(): RegisteredTitleBarButton[];

  /** Whether extensions are still loading: a widget of an unknown type waits rather than says its extension is missing. */
  loading(): boolean;
  setLoading(loading: boolean): void;

  /** Calls `listener` after each change; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
  /** A number that changes with every change (for useSyncExternalStore). */
  version(): number;
}

const describe = (what: string, name: unknown) => `${what} ${JSON.stringify(name)}`;

function checkName(what: string, name: unknown): asserts name is string {
  if (typeof name !== "string" || !NAME.test(name))
    throw new Error(`${describe(what, name)} is not a valid name (lower-case letters, digits and '-', at most 64).`);
}

function checkLabel(what: string, name: string, label: unknown) {
  if (typeof label !== "string" || !label.trim()) throw new Error(`${describe(what, name)} needs a label.`);
}

function checkFunction(what: string, name: string, member: string, value: unknown) {
  if (typeof value !== "function")
    throw new Error(`${describe(what, name)} needs ${/^[aeiou]/.test(member) ? "an" : "a"} ${member} function.`);
}

export function createRegistry(options: { loading?: boolean } = {}): ExtensionRegistry {
  const widgetTypes = new Map<string, RegisteredWidgetType>();
  const cellMenuItems = new Map<string, RegisteredCellMenuItem>();
  const titleBarButtons = new Map<string, RegisteredTitleBarButton>();
  const listeners = new Set<() => void>();
  let version = 0;
  let loading = options.loading ?? false;

  const changed = () => {
    version++;
    for (const listener of [...listeners]) listener();
  };

  /** Adds `entry` under `name` unless taken; the returned function removes that very entry (not a later one of the name). */
  function add<T extends Owner>(map: Map<string, T>, what: string, name: string, entry: T): () => void {
    const existing = map.get(name);
    if (existing) throw new Error(`${describe(what, name)} is already registered by the extension ${JSON.stringify(existing.extension)}.`);
    map.set(name, entry);
    changed();
    return () => {
      if (map.get(name) !== entry) return;
      map.delete(name);
      changed();
    };
  }

  /** A menu item or a button: an id, a label and an onClick, checked, then added under its id. */
  function addAction<D extends CellMenuItemDefinition | TitleBarButtonDefinition>(
    map: Map<string, D & Owner>,
    what: string,
    owner: Owner,
    definition: D,
  ): () => void {
    const { id, label, onClick } = definition ?? ({} as D);
    checkName(what, id);
    checkLabel(what, id, label);
    checkFunction(what, id, "onClick", onClick);
    return add(map, what, id, { ...definition, ...owner });
  }

  return {
    registerWidgetType(owner, definition) {
      const { type, label, render } = definition ?? ({} as WidgetTypeDefinition);
      checkName("The widget type", type);
      if (isBuiltInType(type) || RESERVED_TYPES.has(type)) throw new Error(`${describe("The widget type", type)} is a built-in type.`);
      checkLabel("The widget type", type, label);
      checkFunction("The widget type", type, "render", render);
      return add(widgetTypes, "The widget type", type, { type, label, render, ...owner });
    },
    registerCellMenuItem: (owner, definition) => addAction(cellMenuItems, "The cell menu item", owner, definition),
    registerTitleBarButton: (owner, definition) => addAction(titleBarButtons, "The title bar button", owner, definition),
    removeExtension(extension) {
      let removed = false;
      for (const map of [widgetTypes, cellMenuItems, titleBarButtons] as Map<string, Owner>[])
        for (const [name, entry] of map)
          if (entry.extension === extension) {
            map.delete(name);
            removed = true;
          }
      if (removed) changed();
    },
    widgetTypes: () => [...widgetTypes.values()],
    widgetType: (type) => widgetTypes.get(type),
    cellMenuItems: () => [...cellMenuItems.values()],
    cellMenuItem: (id) => cellMenuItems.get(id),
    titleBarButtons: () => [...titleBarButtons.values()],
    loading: () => loading,
    setLoading(value) {
      if (value === loading) return;
      loading = value;
      changed();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    version: () => version,
  };
}

/** How a widget of a type is drawn: by the app, by a loaded extension, not yet (extensions still loading), or not at all. */
export type WidgetTypeResolution =
  { kind: "built-in" } | { kind: "extension"; widgetType: RegisteredWidgetType } | { kind: "pending" } | { kind: "missing" };

/**
 * The decision for a widget's body: a saved dashboard may name a type whose extension is not loaded (removed from the
 * session, or failed); its widgets then show a placeholder instead of a result.
 */
export function resolveWidgetType(type: string, registry: Pick<ExtensionRegistry, "widgetType" | "loading">): WidgetTypeResolution {
  if (isBuiltInType(type)) return { kind: "built-in" };
  const widgetType = registry.widgetType(type);
  if (widgetType) return { kind: "extension", widgetType };
  return registry.loading() ? { kind: "pending" } : { kind: "missing" };
}
