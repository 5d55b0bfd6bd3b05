// The selection extensions see (api.selection, api.onSelectionChange): the value cells selected in the focused pivot
// table — the one the user last selected cells in — as plain values and members (api.ts' CellSelection).
import type { CellSet, CellSetMember } from "../api/types";
import { cellMembers, type Grid } from "../pivot/cellSetToGrid";
import { bounds, type Selection } from "../pivot/selection";
import type { CellMember, CellSelection, SelectedCell } from "./api";

const member = (m: CellSetMember): CellMember => ({
  uniqueName: m.uniqueName,
  caption: m.caption || m.name,
  hierarchyUniqueName: m.hierarchyUniqueName,
  levelUniqueName: m.levelUniqueName,
});

/** The displayed cell at (row, column) of a pivot: its value as shown, and its members from the result. */
export function cellAt(grid: Grid, cellSet: CellSet, row: number, column: number): SelectedCell | undefined {
  const gridRow = grid.rows[row];
  const gridColumn = grid.columns[column];
  if (!gridRow || !gridColumn) return undefined;
  const cell = gridRow.cells[column];
  return {
    value: cell?.value ?? null,
    formattedValue: cell?.formatted ?? "",
    members: cellMembers(cellSet, gridRow.source, gridColumn.source).map(member),
  };
}

/** The cells of a pivot's selection, row by row and left to right. */
export function selectedCells(grid: Grid, cellSet: CellSet, selection: Selection): SelectedCell[] {
  const b = bounds(selection);
  const cells: SelectedCell[] = [];
  for (let r = b.top; r <= b.bottom; r++)
    for (let c = b.left; c <= b.right; c++) {
      const cell = cellAt(grid, cellSet, r, c);
      if (cell) cells.push(cell);
    }
  return cells;
}

export const EMPTY_SELECTION: CellSelection = Object.freeze({ cells: Object.freeze([]) as unknown as SelectedCell[] });

/**
 * The focused pivot's selection. Pivots publish theirs (by their widget's id) as a function, read only when an
 * extension asks: a drag over thousands of cells costs nothing without listeners.
 */
export interface SelectionStore {
  /** The widget `owner` has the selection now (the user selected cells in it). */
  focus(owner: string, read: () => CellSelection): void;
  /** The selection of `owner` changed (a refresh, a sort) without it taking the focus: applies if it has the focus. */
  update(owner: string, read: () => CellSelection): void;
  /** `owner` has no selection any more (Escape, gone): the selection is empty if it had the focus. */
  release(owner: string): void;
  get(): CellSelection;
  subscribe(listener: (selection: CellSelection) => void): () => void;
}

export function createSelectionStore(): SelectionStore {
  let owner: string | undefined;
  let read: (() => CellSelection) | undefined;
  let cached: CellSelection | undefined;
  const listeners = new Set<(selection: CellSelection) => void>();

  const get = () => (cached ??= read ? read() : EMPTY_SELECTION);
  const changed = () => {
    cached = undefined;
    if (!listeners.size) return;
    const selection = get();
    for (const listener of [...listeners]) listener(selection);
  };

  return {
    focus(next, reader) {
      owner = next;
      read = reader;
      changed();
    },
    update(from, reader) {
      if (from !== owner) return;
      read = reader;
      changed();
    },
    release(from) {
      if (from !== owner) return;
      owner = undefined;
      read = undefined;
      changed();
    },
    get,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
