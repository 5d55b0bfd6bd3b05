import type { CellSetMember } from "../api/types";
import { t } from "../i18n";
import type { Grid } from "./cellSetToGrid";

/** What was right-clicked: a value cell, a row header or a column header. */
export type MenuTarget =
  | { kind: "cell"; row: number; column: number }
  | { kind: "row-head"; row: number; position: number }
  | { kind: "column-head"; column: number; level: number };

/** What a menu item does; the widget carries it out. */
export type MenuAction =
  | { kind: "drillthrough"; row: number; column: number }
  | { kind: "copy" }
  | { kind: "keep-only"; member: CellSetMember }
  | { kind: "remove"; member: CellSetMember }
  | { kind: "expand"; member: CellSetMember; expanded: boolean }
  | { kind: "expand-all"; member: CellSetMember }
  | { kind: "collapse-all"; hierarchy: string }
  | { kind: "sort"; column: string; direction: "asc" | "desc" | undefined }
  /** An extension's item (registerCellMenuItem), on the value cell at (row, column). */
  | { kind: "extension"; id: string; row: number; column: number };

export interface MenuItem {
  id: string;
  label: string;
  action: MenuAction;
  /** The element's data-testid when not `pivot-menu-<id>` (extensions' items: `cell-menu-<id>`). */
  testId?: string;
}

/** An item an extension adds to the menu of value cells. */
export interface ExtraCellItem {
  id: string;
  label: string;
}

const isMeasure = (m: CellSetMember | undefined) => !m || m.hierarchyUniqueName === "[Measures]";

/** The items of the pivot's context menu for a target, in the order shown; on a value cell, the extensions' items last. */
export function menuItems(grid: Grid, target: MenuTarget, sortedColumn?: string, extraCellItems: ExtraCellItem[] = []): MenuItem[] {
  const items: MenuItem[] = [];
  const memberItems = (
    h: { member?: CellSetMember; caption: string; expandable: boolean; expanded: boolean; total: boolean } | undefined,
  ) => {
    const m = h?.member;
    if (!m || isMeasure(m)) return;
    if (h.expandable)
      items.push({
        id: "expand",
        label: t(h.expanded ? "menu.collapseMember" : "menu.expandMember", { member: h.caption }),
        action: { kind: "expand", member: m, expanded: h.expanded },
      });
    if (h.expandable) items.push({ id: "expand-all", label: t("menu.expandAll"), action: { kind: "expand-all", member: m } });
    items.push({ id: "collapse-all", label: t("menu.collapseAll"), action: { kind: "collapse-all", hierarchy: m.hierarchyUniqueName } });
    if (!h.total) {
      items.push({ id: "keep-only", label: t("menu.keepOnly", { member: h.caption }), action: { kind: "keep-only", member: m } });
      items.push({ id: "remove", label: t("menu.removeMember", { member: h.caption }), action: { kind: "remove", member: m } });
    }
  };
  const sortItems = (column: number) => {
    const key = grid.columns[column]?.key;
    if (key === undefined) return;
    items.push({ id: "sort-desc", label: t("menu.sortDesc"), action: { kind: "sort", column: key, direction: "desc" } });
    items.push({ id: "sort-asc", label: t("menu.sortAsc"), action: { kind: "sort", column: key, direction: "asc" } });
    if (sortedColumn === key)
      items.push({ id: "sort-none", label: t("menu.clearSort"), action: { kind: "sort", column: key, direction: undefined } });
  };
  switch (target.kind) {
    case "cell": {
      items.push({
        id: "drillthrough",
        label: t("menu.drillthrough"),
        action: { kind: "drillthrough", row: target.row, column: target.column },
      });
      items.push({ id: "copy", label: t("common.copy"), action: { kind: "copy" } });
      const row = grid.rows[target.row];
      memberItems(row?.headers[row.headers.length - 1]);
      sortItems(target.column);
      for (const extra of extraCellItems)
        items.push({
          id: "extension:" + extra.id,
          label: extra.label,
          action: { kind: "extension", id: extra.id, row: target.row, column: target.column },
          testId: `cell-menu-${extra.id}`,
        });
      break;
    }
    case "row-head":
      items.push({ id: "copy", label: t("common.copy"), action: { kind: "copy" } });
      memberItems(grid.rows[target.row]?.headers[target.position]);
      break;
    case "column-head":
      memberItems(grid.columns[target.column]?.headers[target.level]);
      sortItems(target.column);
      break;
  }
  return items;
}
