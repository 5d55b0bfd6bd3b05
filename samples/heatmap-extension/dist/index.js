// @ts-check
// The heat map: a sample extension of the Cuboid web app (docs/extensions.md, README.md beside this folder).
// A plain ES module, written by hand: no build step, no dependencies. The app imports it after login and calls
// `activate` with its extension API; the types in ../cuboid-extension.d.ts document that API.

/**
 * @typedef {import("../cuboid-extension").CuboidExtensionApi} CuboidExtensionApi
 * @typedef {import("../cuboid-extension").CellSet} CellSet
 * @typedef {import("../cuboid-extension").CellSetMember} CellSetMember
 */

/** The colours of the lowest and the highest value (light yellow to red); values in between are mixed. */
const LOW = [255, 247, 188];
const HIGH = [227, 74, 51];
/** The background of an empty cell. */
const EMPTY = "rgb(243, 244, 246)";

/**
 * The colour of `value` on the scale from `min` to `max`, as CSS: `rgb(r, g, b)`.
 * @param {number} value
 * @param {number} min
 * @param {number} max
 */
export function colorOf(value, min, max) {
    const t = max > min ? (value - min) / (max - min) : 0.5;
    const [r, g, b] = LOW.map((low, i) => Math.round(low + (HIGH[i] - low) * t));
    return `rgb(${r}, ${g}, ${b})`;
}

/**
 * A position's caption: its members' captions (the measure's among them), joined.
 * @param {{ members: CellSetMember[] } | undefined} position
 */
const caption = (position) => (position ? position.members.map((m) => m.caption || m.name).join(" / ") : "");

/**
 * Draws a cell set as a table, rows × columns, each value cell coloured by its value.
 * @param {HTMLElement} element the widget's body: a div the app owns
 * @param {CellSet} cellSet
 * @param {string} title
 */
export function drawHeatmap(element, cellSet, title) {
    const doc = element.ownerDocument;
    const columns = cellSet.axes[0]?.positions ?? [];
    const rows = cellSet.axes[1]?.positions ?? [undefined]; // no rows axis: one row of cells
    const byOrdinal = new Map(cellSet.cells.map((cell) => [cell.ordinal, cell]));
    /** @param {unknown} value @returns {value is number} */
    const isNumber = (value) => typeof value === "number" && Number.isFinite(value);
    let min = Infinity;
    let max = -Infinity;
    for (const { value } of cellSet.cells)
        if (isNumber(value)) {
            min = Math.min(min, value);
            max = Math.max(max, value);
        }

    /** @param {string} tag @param {string} [text] */
    const make = (tag, text) => {
        const el = doc.createElement(tag);
        if (text !== undefined) el.textContent = text;
        return el;
    };

    const table = make("table");
    table.setAttribute("data-testid", "heatmap");
    table.setAttribute("aria-label", title);
    table.style.borderCollapse = "collapse";
    table.style.fontVariantNumeric = "tabular-nums";

    const head = make("tr");
    head.appendChild(make("th"));
    for (const column of columns) head.appendChild(make("th", caption(column)));
    table.appendChild(make("thead")).appendChild(head);

    const body = table.appendChild(make("tbody"));
    rows.forEach((row, r) => {
        const tr = body.appendChild(make("tr"));
        const th = tr.appendChild(make("th", caption(row)));
        th.style.textAlign = "left";
        columns.forEach((_, c) => {
            const cell = byOrdinal.get(c + r * columns.length);
            const value = cell?.value;
            const td = make("td", cell?.formattedValue ?? (value == null ? "" : String(value)));
            td.setAttribute("data-testid", "heatmap-cell");
            td.setAttribute("data-value", isNumber(value) ? String(value) : "");
            td.style.backgroundColor = isNumber(value) ? colorOf(value, min, max) : EMPTY;
            td.style.textAlign = "right";
            td.style.padding = "4px 8px";
            tr.appendChild(td);
        });
    });

    element.appendChild(table);
    // The cleanup: called before the next result is drawn and when the widget goes away.
    return () => table.remove();
}

/** @param {CuboidExtensionApi} api */
export function activate(api) {
    api.registerWidgetType({
        type: "heatmap",
        label: "Heat map",
        render: (element, { cellSet, widget }) => drawHeatmap(element, cellSet, widget.title),
    });

    api.registerCellMenuItem({
        id: "copy-value",
        label: "Copy value",
        onClick: (cell) => {
            const text = cell.formattedValue;
            // The clipboard is there on secure pages (HTTPS, localhost) and may still refuse: say which happened.
            const clipboard = globalThis.navigator?.clipboard;
            if (!clipboard) {
                api.notify("This page may not use the clipboard");
                return;
            }
            clipboard.writeText(text).then(
                () => api.notify("Copied " + text),
                () => api.notify("The browser did not allow copying " + text),
            );
        },
    });

    api.registerTitleBarButton({
        id: "heatmap-about",
        label: "About heat map",
        onClick: () => {
            const count = api.selection().cells.length;
            api.notify(
                "Heat map: colours each cell from the lowest value (yellow) to the highest (red). " +
                    `The current selection holds ${count} ${count === 1 ? "cell" : "cells"}.`,
            );
        },
    });
}
