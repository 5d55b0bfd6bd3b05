import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { api } from "../api/client";
import type { CubeModel, Diagnostic, DrillthroughResult } from "../api/types";
import { cellSetToChart } from "../charts/cellSetToChart";
import { captionOf } from "../data-model/captions";
import { t } from "../i18n";
import { buildDrillthrough } from "../mdx/buildQuery";
import { DrillthroughDialog } from "../pivot/DrillthroughDialog";
import { drillthroughCsv } from "../pivot/drillthroughTable";
import { csvFileName, download } from "../dashboards/download";
import { PivotTable } from "../pivot/PivotTable";
import { cellMembers, cellSetToGrid, nextSort, type FlatLevels } from "../pivot/cellSetToGrid";
import { findHierarchy } from "../mdx/buildQuery";
import { collapseAll, expandAll, keepOnly, toggleExpansion } from "./edit";
import type { MenuAction } from "../pivot/menu";
import { KpiCards } from "./KpiCards";
import { cellSetToKpis } from "./kpi";
import { isChart, isTable, type ChartType, type FilterSpec, type WidgetSpec } from "./spec";
import { sliceCellSet } from "../charts/slices";
import { applyFormats, decorate } from "./style";
import { useWidgetData } from "./useWidgetData";
import type { CellSelection } from "../extensions/api";
import { ExtensionWidget } from "../extensions/ExtensionWidget";
import { runExtension, selection as extensionSelection } from "../extensions/host";
import { useExtensions } from "../extensions/hooks";
import { resolveWidgetType } from "../extensions/registry";
import { cellAt, EMPTY_SELECTION, selectedCells } from "../extensions/selection";
import type { Selection } from "../pivot/selection";

// ECharts is most of the bundle: loaded with the first chart.
const Chart = lazy(() => import("../charts/Chart").then((m) => ({ default: m.Chart })));

interface Props {
  spec: WidgetSpec;
  mdx?: string;
  model?: CubeModel;
  filters: FilterSpec[];
  onChange: (spec: WidgetSpec) => void;
  onDiagnostics?: (d: Diagnostic[] | undefined) => void;
}

/** The most small multiples a sliced chart draws. */
const MAX_MULTIPLES = 12;

/** Rows of a drillthrough page, and the most a download reads. */
const DRILL_PAGE = 1000;
const DRILL_DOWNLOAD = 100_000;

/** The levels a flat table shows per hierarchy on rows, with their captions and depths from the model. */
function flatLevels(spec: WidgetSpec, model: CubeModel | undefined): FlatLevels[] {
  const byHierarchy = new Map<string, FlatLevels>();
  for (const field of spec.rows) {
    const level = findHierarchy(model, field.hierarchy)?.levels.find((l) => l.uniqueName === field.level);
    if (!level) continue;
    const entry = byHierarchy.get(field.hierarchy) ?? { hierarchy: field.hierarchy, levels: [] };
    if (!entry.levels.some((l) => l.depth === level.depth)) entry.levels.push({ name: captionOf(level), depth: level.depth });
    byHierarchy.set(field.hierarchy, entry);
  }
  return [...byHierarchy.values()];
}

/** A widget's body: runs its query, shows the table or the chart, errors where they happen. */
export function WidgetView({ spec, mdx, model, filters, onChange, onDiagnostics }: Props) {
  const extensions = useExtensions();
  // An extension's type draws only once its extension is loaded: until then (or without it) nothing is queried.
  const resolved = resolveWidgetType(spec.type, extensions);
  const drawable = resolved.kind === "built-in" || resolved.kind === "extension";
  const data = useWidgetData(spec.id, drawable ? mdx : undefined, !!spec.live);
  const [drill, setDrill] = useState<{
    mdx: string;
    row: number;
    column: number;
    offset: number;
    result?: DrillthroughResult;
    error?: string;
  }>();

  const grid = useMemo(
    () =>
      data.cellSet && isTable(spec.type)
        ? applyFormats(
            cellSetToGrid(data.cellSet, {
              cube: model,
              sort: spec.sort,
              flat: spec.type === "table",
              tree: spec.type === "tree",
              levels: spec.type === "table" ? flatLevels(spec, model) : undefined,
            }),
            spec.style?.formats,
          )
        : undefined,
    [data.cellSet, spec, model],
  );
  const decorations = useMemo(() => (grid ? decorate(grid, spec.style?.rules) : undefined), [grid, spec.style?.rules]);
  const sliced = useMemo(
    () =>
      data.cellSet && isChart(spec.type) && spec.sliceBy
        ? sliceCellSet(data.cellSet, spec.sliceBy.hierarchy)
            .slice(0, MAX_MULTIPLES)
            .map((s) => ({ ...s, option: cellSetToChart(s.cellSet, spec.type as ChartType, model, spec.style?.formats) }))
        : undefined,
    [data.cellSet, spec.type, spec.sliceBy, model, spec.style?.formats],
  );
  const option = useMemo(
    () =>
      data.cellSet && isChart(spec.type) && !spec.sliceBy ? cellSetToChart(data.cellSet, spec.type, model, spec.style?.formats) : undefined,
    [data.cellSet, spec.type, spec.sliceBy, model, spec.style?.formats],
  );
  const kpis = useMemo(
    () => (data.cellSet && spec.type === "kpi" ? cellSetToKpis(data.cellSet, spec.style?.formats, spec.kpi, spec.measures) : undefined),
    [data.cellSet, spec.type, spec.style?.formats, spec.kpi, spec.measures],
  );

  // The pivot's selected cells, for the extensions (api.selection): this widget's once the user selects cells in it.
  const pivotSelection = useRef<Selection | undefined>(undefined);
  const readSelection = useCallback(
    (s: Selection) => (): CellSelection =>
      grid && data.cellSet && mdx ? { cube: spec.cube, mdx, cells: selectedCells(grid, data.cellSet, s) } : EMPTY_SELECTION,
    [grid, data.cellSet, spec.cube, mdx],
  );
  const onSelectionChange = (s: Selection | undefined) => {
    pivotSelection.current = s;
    if (s) extensionSelection.focus(spec.id, readSelection(s));
    else extensionSelection.release(spec.id);
  };
  // New values under the same selection (a refresh, a live update, a sort).
  useEffect(() => {
    if (pivotSelection.current) extensionSelection.update(spec.id, readSelection(pivotSelection.current));
  }, [spec.id, readSelection]);
  useEffect(() => () => extensionSelection.release(spec.id), [spec.id]);

  const diagnostics = data.error ? data.diagnostics : undefined;
  useEffect(() => onDiagnostics?.(diagnostics), [diagnostics, onDiagnostics]);

  // A page of the fact rows under a cell, read on the server (MAXROWS rows from an offset).
  const drillthrough = (row: number, column: number, offset = 0) => {
    if (!data.cellSet) return;
    const { mdx: text } = buildDrillthrough(spec.cube, cellMembers(data.cellSet, row, column), [...filters, ...spec.filters], DRILL_PAGE);
    const at = { mdx: text, row, column, offset };
    setDrill((d) => ({ ...at, result: d?.mdx === text ? d.result : undefined }));
    const same = (d: typeof drill) => d && d.mdx === text && d.offset === offset;
    api.drillthrough(text, offset).then(
      (result) => setDrill((d) => (same(d) ? { ...at, result } : d)),
      (e: unknown) => setDrill((d) => (same(d) ? { ...at, error: e instanceof Error ? e.message : String(e) } : d)),
    );
  };
  const downloadDrillthrough = (hidden: Set<string>) => {
    if (!data.cellSet || !drill) return;
    const { mdx: text } = buildDrillthrough(
      spec.cube,
      cellMembers(data.cellSet, drill.row, drill.column),
      [...filters, ...spec.filters],
      DRILL_DOWNLOAD,
    );
    api.drillthrough(text).then(
      (result) => download(drillthroughCsv(result, hidden), csvFileName(spec.title + " drillthrough")),
      (e: unknown) => setDrill((d) => d && { ...d, error: e instanceof Error ? e.message : String(e) }),
    );
  };

  const onAction = (action: MenuAction) => {
    switch (action.kind) {
      case "drillthrough":
        if (grid) drillthrough(grid.rows[action.row].source, grid.columns[action.column].source);
        return;
      case "keep-only":
      case "remove":
        return onChange(keepOnly(spec, action.member, action.kind === "remove"));
      case "expand":
        return onChange(toggleExpansion(spec, action.member, action.expanded));
      case "expand-all":
        return onChange(expandAll(spec, action.member.hierarchyUniqueName, action.member.depth));
      case "collapse-all":
        return onChange(collapseAll(spec, action.hierarchy));
      case "sort":
        return onChange({ ...spec, sort: action.direction ? { column: action.column, direction: action.direction } : undefined });
      case "copy":
        return;
      case "extension": {
        const item = extensions.cellMenuItem(action.id);
        const cell = grid && data.cellSet ? cellAt(grid, data.cellSet, action.row, action.column) : undefined;
        if (!item || !cell || !mdx) return;
        const context = { cube: spec.cube, mdx, ...cell };
        return runExtension(item.extension, () => item.onClick(context));
      }
    }
  };

  if (resolved.kind === "missing")
    return (
      <div className="widget-empty" data-testid="widget-extension-missing">
        {t("widget.extensionMissing", { type: spec.type })}
      </div>
    );
  if (resolved.kind === "pending")
    return (
      <div className="widget-empty" data-testid="widget-extension-pending">
        {t("widget.extensionLoading")}
      </div>
    );
  if (!mdx) return <div className="widget-empty">{t("widget.empty")}</div>;
  return (
    <div className="widget-body">
      {data.slow && <div className="spinner" data-testid="widget-loading" />}
      {data.error && (
        <div className="error" data-testid="widget-error">
          {data.error}
        </div>
      )}
      <div
        className={"widget-result" + (data.error ? " stale" : "")}
        data-testid="widget-result"
        aria-hidden={data.error ? true : undefined}
      >
        {grid && (
          <PivotTable
            grid={grid}
            sort={spec.sort}
            widths={spec.widths}
            decorations={decorations}
            onResize={(key, width) => {
              const widths = { ...spec.widths };
              if (width === undefined) delete widths[key];
              else widths[key] = Math.round(width);
              onChange({ ...spec, widths });
            }}
            onAction={onAction}
            onToggle={(m, expanded) => onChange(toggleExpansion(spec, m, expanded))}
            onSort={(key) => onChange({ ...spec, sort: nextSort(spec.sort, key) })}
            onDrillthrough={drillthrough}
            cellMenuItems={extensions.cellMenuItems().map(({ id, label }) => ({ id, label }))}
            onSelectionChange={onSelectionChange}
          />
        )}
        {resolved.kind === "extension" && data.cellSet && (
          <ExtensionWidget
            widgetType={resolved.widgetType}
            cellSet={data.cellSet}
            widget={{ id: spec.id, title: spec.title, type: spec.type, cube: spec.cube, mdx }}
          />
        )}
        {kpis && <KpiCards kpis={kpis} />}
        {option && (
          <Suspense fallback={<div className="spinner" />}>
            <Chart option={option} />
          </Suspense>
        )}
        {sliced && (
          <div className="small-multiples" data-testid="small-multiples">
            {sliced.map((s) => (
              <div key={s.key} className="small-multiple" data-testid="small-multiple">
                <div className="small-multiple-title">{s.caption}</div>
                <Suspense fallback={<div className="spinner" />}>
                  <Chart option={s.option} />
                </Suspense>
              </div>
            ))}
          </div>
        )}
      </div>
      {drill && (
        <DrillthroughDialog
          mdx={drill.mdx}
          offset={drill.offset}
          pageSize={DRILL_PAGE}
          result={drill.result}
          error={drill.error}
          onPage={(offset) => drillthrough(drill.row, drill.column, offset)}
          onDownload={downloadDrillthrough}
          onClose={() => setDrill(undefined)}
        />
      )}
    </div>
  );
}
