// The Cuboid web app's extension API, version 1 (docs/extensions.md): the declarations for extension authors.
//
// Copy this file beside your extension and point your editor at it from plain JavaScript with JSDoc
// (`/** @param {import("./cuboid-extension").CuboidExtensionApi} api */`) or import its types in TypeScript.
// It mirrors the app's own definitions (web/src/extensions/api.ts); a test of the app fails when they drift apart.
// Within apiVersion 1 the API only grows (new optional fields, new methods): nothing here changes or goes away.

/** The object handed to an extension's `activate`: what it may register and ask of the app. */
export interface CuboidExtensionApi {
  /** The version of the contract the app implements: 1. */
  readonly apiVersion: 1;

  /**
   * Adds a widget type next to the built-in pivot, chart and KPI types: a button on every widget's tile
   * (data-testid `widget-type-<type>`) and an entry in the wizard's type list. Its widgets are queried like the others
   * (the wizard's fields build the MDX, Live and refresh work the same); `render` draws the result.
   * Throws when the type is taken (by a built-in type or another registration) or malformed.
   * @returns a function that removes the type again.
   */
  registerWidgetType(widgetType: WidgetTypeDefinition): () => void;

  /**
   * Adds an item at the end of the pivot table's context menu on value cells (data-testid `cell-menu-<id>`).
   * Throws when the id is taken or malformed.
   * @returns a function that removes the item again.
   */
  registerCellMenuItem(item: CellMenuItemDefinition): () => void;

  /**
   * Adds a button to the title bar of the home page and of the dashboard view (data-testid `titlebar-<id>`).
   * Throws when the id is taken or malformed.
   * @returns a function that removes the button again.
   */
  registerTitleBarButton(button: TitleBarButtonDefinition): () => void;

  /**
   * Runs an MDX query as the logged-in user (the app's own API client: its session, language and protections).
   * Rejects with the server's message when the query fails.
   */
  query(mdx: string): Promise<CellSet>;

  /** The cubes the user may read (discovery): each one's name (what MDX uses) and caption. */
  cubes(): Promise<CubeSummary[]>;

  /** The value cells selected in the focused pivot table (the last one the user selected cells in); no cells when none. */
  selection(): CellSelection;

  /**
   * Calls `listener` with the new selection whenever the focused pivot's selection changes (or its cells' values, on a
   * refresh). @returns a function that stops the calls.
   */
  onSelectionChange(listener: (selection: CellSelection) => void): () => void;

  /** Shows a short message to the user for a few seconds (data-testid `extension-notice`). */
  notify(message: string): void;
}

/** What an extension's entry module (`index.js`) exports: `activate`, or a default export that is the same function. */
export interface CuboidExtensionModule {
  activate?: ActivateFunction;
  default?: ActivateFunction;
}

/**
 * Starts an extension: registers what it adds. A throw (or a rejected promise) marks the extension failed: the app
 * shows a notice naming it and removes whatever it registered.
 */
export type ActivateFunction = (api: CuboidExtensionApi) => void | Promise<void>;

/** A widget type an extension adds. */
export interface WidgetTypeDefinition {
  /**
   * The type's name, saved in dashboards as the widget's `type`: lower-case letters, digits and '-' (at most 64), not a
   * built-in type's (pivot, tree, table, kpi, the chart types) nor "chart" or "select".
   */
  type: string;
  /** What the type's button and the wizard's list say. */
  label: string;
  /**
   * Draws a result into `element`, a div the app owns and sizes (the widget's body): the extension owns its content.
   * Called on each new result (and when the widget's title or query changes). May return a cleanup function, called
   * before the next render and when the widget goes away. A throw shows an error in the widget.
   */
  render(element: HTMLElement, props: WidgetRenderProps): void | (() => void);
}

/** What a widget type's `render` draws. */
export interface WidgetRenderProps {
  /** The widget's result: its query's cell set (columns are axis 0, rows axis 1; cells row by row). */
  cellSet: CellSet;
  /** The widget being drawn. */
  widget: WidgetInfo;
  /** The API of the extension that registered the type. */
  api: CuboidExtensionApi;
}

/** A widget, as an extension sees it. */
export interface WidgetInfo {
  /** The widget's id in its dashboard. */
  id: string;
  title: string;
  /** The widget's type (the registered type's name). */
  type: string;
  cube: string;
  /** The query the cell set is the result of. */
  mdx: string;
}

/** An item an extension adds to the pivot table's context menu on value cells. */
export interface CellMenuItemDefinition {
  /** The item's id: lower-case letters, digits and '-' (at most 64); its element's data-testid is `cell-menu-<id>`. */
  id: string;
  label: string;
  /** Called with the right-clicked cell, in the click's user gesture (the clipboard may be written). */
  onClick(context: CellContext): void;
}

/** A button an extension adds to the title bar. */
export interface TitleBarButtonDefinition {
  /** The button's id: lower-case letters, digits and '-' (at most 64); its data-testid is `titlebar-<id>`. */
  id: string;
  label: string;
  onClick(context: TitleBarContext): void;
}

/** Where a title bar button was clicked. */
export interface TitleBarContext {
  /** The page: the home page (the list of dashboards) or a dashboard. */
  page: "home" | "dashboard";
  /** The open dashboard's id (a new dashboard has one before it is saved); absent on the home page. */
  dashboardId?: string;
  /** The open dashboard's name; absent on the home page. */
  dashboardName?: string;
}

/** A value cell of a pivot table: its value and the members that address it. */
export interface SelectedCell {
  /** The raw value (a number for most measures), null when the cell is empty. */
  value: number | string | null;
  /** The value as the table shows it (the widget's number format, the user's language); "" when empty. */
  formattedValue: string;
  /** The cell's members: its row's, then its column's (the measure among them). */
  members: CellMember[];
}

/** A member of a cell's tuple. */
export interface CellMember {
  uniqueName: string;
  /** The member's caption in the user's language. */
  caption: string;
  hierarchyUniqueName: string;
  levelUniqueName: string;
}

/** The cell a context menu item was picked on. */
export interface CellContext extends SelectedCell {
  /** The cube of the widget the cell is in. */
  cube: string;
  /** The query of that widget. */
  mdx: string;
}

/** The selected value cells of the focused pivot table. */
export interface CellSelection {
  /** The cube of the widget whose cells are selected; absent when no cell is. */
  cube?: string;
  /** The query of that widget; absent when no cell is selected. */
  mdx?: string;
  /** The selected cells, row by row and left to right; empty when no cell is selected. */
  cells: SelectedCell[];
}

// The server's shapes (docs/server-api.md), as `query` and `render` get them. Treat them as read-only: the app draws
// from the same objects.

/** A cube: its name (what MDX uses) and its caption in the user's language, when it has one. */
export interface CubeSummary {
  name: string;
  caption?: string;
}

/** The result of an MDX query. */
export interface CellSet {
  /** Axis 0 is COLUMNS, axis 1 ROWS (absent when the query has no rows). */
  axes: CellSetAxis[];
  /** The WHERE clause's members. */
  slicer?: { members: CellSetMember[] } | null;
  /**
   * The cells, each with its ordinal: the cell at (row r, column c) has ordinal c + r × (number of columns). Look cells
   * up by ordinal: a result may leave empty cells out.
   */
  cells: CellSetCell[];
}

export interface CellSetAxis {
  positions: CellSetPosition[];
}

/** A tuple on an axis: a member of each hierarchy on it. */
export interface CellSetPosition {
  members: CellSetMember[];
}

export interface CellSetMember {
  uniqueName: string;
  name: string;
  /** The member's caption in the user's language. */
  caption: string;
  levelUniqueName: string;
  hierarchyUniqueName: string;
  depth: number;
}

export interface CellSetCell {
  ordinal: number;
  /** The raw value: a number for most measures, null when empty. */
  value: unknown;
  /** The value formatted by the measure's format, in the user's language; null when empty. */
  formattedValue: string | null;
}
