import { lazy, Suspense, useEffect, useState } from "react";
import type { CubeModel, Diagnostic } from "../api/types";
import { FilterEditor } from "../filters/FilterEditor";
import { describeFilter } from "../filters/describe";
import { levelCaption, measureCaption } from "../data-model/captions";
import { t } from "../i18n";
import { buildQuery } from "../mdx/buildQuery";
import { dropOn, removeFrom, replaceFilter, type Zone } from "../widget/edit";
import { CHART_TYPES, isBuiltInType, isChart, isTable, type FilterSpec, type WidgetSpec, type WidgetType } from "../widget/spec";
import { useExtensions } from "../extensions/hooks";
import type { CalculatedMeasure } from "../measures/calculated";
import { DropZone } from "./DropZone";
// CodeMirror is loaded with the MDX tab, not with the app.
const MdxEditor = lazy(() => import("./MdxEditor").then((m) => ({ default: m.MdxEditor })));
import { StyleTab } from "./StyleTab";
import { KpiOptionsEditor } from "./KpiOptionsEditor";

interface Props {
  spec?: WidgetSpec;
  model?: CubeModel;
  inherited: FilterSpec[];
  calculated: CalculatedMeasure[];
  diagnostics?: Diagnostic[];
  onChange: (spec: WidgetSpec) => void;
}

/** The selected widget's wizard: drop zones, type switcher, options, and the MDX tab. */
export function WizardPanel({ spec, model, inherited, calculated, diagnostics, onChange }: Props) {
  const [tab, setTab] = useState<"fields" | "style" | "mdx">("fields");
  const [editing, setEditing] = useState<number>();
  const extensions = useExtensions();
  const built = spec ? (buildQuery({ ...spec, mdx: undefined }, model, inherited, calculated)?.mdx ?? "") : "";
  const [text, setText] = useState(spec?.mdx ?? built);
  useEffect(() => setText(spec?.mdx ?? built), [spec?.mdx, built]);
  useEffect(() => setEditing(undefined), [spec?.id]);

  if (!spec) return <aside className="panel wizard muted">{t("wizard.none")}</aside>;
  // An extension's type has rows and columns, as a table: what it draws of them is its own.
  const tabular = isTable(spec.type) || !isBuiltInType(spec.type);
  const unknownType = !isBuiltInType(spec.type) && !extensions.widgetType(spec.type);
  const zone = (z: Zone) => ({
    zone: z,
    onDrop: (item: Parameters<typeof dropOn>[2], index?: number) => {
      const next = dropOn(spec, z, item, index);
      onChange(next);
      // A filter dropped on the Filters zone opens its editor (the member picker) at once.
      if (z === "filters" && next.filters.length > spec.filters.length) setEditing(next.filters.length - 1);
    },
    onRemove: (i: number) => onChange(removeFrom(spec, z, i)),
  });
  // A level's caption from the model, in the page's language (the one saved with the field was the author's).
  const levelChips = (fields: WidgetSpec["rows"]) =>
    fields.map((f) => ({ caption: model ? levelCaption(model, f.level) : (f.caption ?? f.level), title: f.level }));

  return (
    <aside className={"panel wizard" + (tab === "mdx" ? " wide" : "")} data-testid="wizard">
      <div className="tabs small">
        <button className={tab === "fields" ? "active" : ""} data-testid="wizard-tab-fields" onClick={() => setTab("fields")}>
          {t("wizard.fields")}
        </button>
        <button className={tab === "style" ? "active" : ""} data-testid="wizard-tab-style" onClick={() => setTab("style")}>
          {t("wizard.style")}
        </button>
        <button className={tab === "mdx" ? "active" : ""} data-testid="wizard-tab-mdx" onClick={() => setTab("mdx")}>
          MDX
        </button>
      </div>
      {tab === "style" ? (
        <StyleTab spec={spec} model={model} caption={(m) => measureCaption(model, m)} onChange={onChange} />
      ) : tab === "fields" ? (
        <>
          <label className="col">
            <span className="zone-label">{t("wizard.widgetType")}</span>
            <select
              data-testid="widget-type-select"
              value={spec.type}
              onChange={(e) => onChange({ ...spec, type: e.target.value as WidgetType })}
            >
              <option value="pivot">{t("wizard.pivot")}</option>
              <option value="tree">{t("wizard.tree")}</option>
              <option value="table">{t("wizard.flat")}</option>
              <option value="kpi">{t("wizard.kpi")}</option>
              {CHART_TYPES.map((c) => (
                <option key={c.type} value={c.type}>
                  {c.label}
                </option>
              ))}
              {extensions.widgetTypes().map((w) => (
                <option key={w.type} value={w.type}>
                  {w.label}
                </option>
              ))}
              {unknownType && <option value={spec.type}>{spec.type}</option>}
            </select>
          </label>
          {spec.mdx && (
            <div className="notice small">
              {t("wizard.handWritten")}{" "}
              <button className="link" onClick={() => onChange({ ...spec, mdx: undefined })}>
                {t("wizard.useFields")}
              </button>
            </div>
          )}
          <DropZone
            {...zone("rows")}
            label={t(tabular ? "wizard.rows" : spec.type === "kpi" ? "wizard.kpiRows" : "wizard.xAxis")}
            hint={t("wizard.dropLevels")}
            chips={levelChips(spec.rows)}
          />
          {spec.type !== "kpi" && (
            <DropZone
              {...zone("columns")}
              label={t(tabular ? "wizard.columns" : "wizard.splitBy")}
              hint={t("wizard.dropLevels")}
              chips={levelChips(spec.columns)}
            />
          )}
          {isChart(spec.type) && (
            <DropZone
              {...zone("slice")}
              label={t("wizard.sliceBy")}
              hint={t("wizard.dropLevel")}
              chips={spec.sliceBy ? levelChips([spec.sliceBy]) : []}
            />
          )}
          <DropZone
            {...zone("values")}
            label={t("wizard.values")}
            hint={t("wizard.dropMeasures")}
            chips={spec.measures.map((m) => ({ caption: measureCaption(model, m), title: m }))}
          />
          <DropZone
            {...zone("filters")}
            label={t("wizard.filters")}
            hint={t("wizard.dropFilters")}
            chips={spec.filters.map((f, i) => ({ caption: describeFilter(f, model), onClick: () => setEditing(i) }))}
          />
          {editing !== undefined && spec.filters[editing] && (
            <FilterEditor
              cube={spec.cube}
              model={model}
              filter={spec.filters[editing]}
              onApply={(f) => {
                const same = f.kind === spec.filters[editing].kind;
                onChange(replaceFilter(spec, editing, f));
                if (same) setEditing(undefined);
              }}
              onClose={() => setEditing(undefined)}
            />
          )}
          {spec.type === "kpi" && <KpiOptionsEditor spec={spec} model={model} onChange={onChange} />}
          <div className="options">
            <label>
              <input
                type="checkbox"
                data-testid="option-totals"
                checked={spec.totals}
                onChange={(e) => onChange({ ...spec, totals: e.target.checked, mdx: undefined })}
              />{" "}
              {t("wizard.totals")}
            </label>
            <label>
              <input
                type="checkbox"
                data-testid="option-non-empty"
                checked={spec.nonEmpty}
                onChange={(e) => onChange({ ...spec, nonEmpty: e.target.checked, mdx: undefined })}
              />{" "}
              {t("wizard.nonEmpty")}
            </label>
          </div>
        </>
      ) : (
        <>
          <Suspense fallback={<div className="spinner" />}>
            <MdxEditor
              value={text}
              diagnostics={diagnostics}
              model={model}
              onChange={setText}
              onRun={(mdx) => onChange({ ...spec, mdx })}
            />
          </Suspense>
          <div className="row gap">
            <button className="primary" data-testid="mdx-run" onClick={() => onChange({ ...spec, mdx: text })}>
              {t("wizard.run")}
            </button>
            <button data-testid="mdx-reset" onClick={() => onChange({ ...spec, mdx: undefined })} disabled={!spec.mdx}>
              {t("wizard.reset")}
            </button>
          </div>
        </>
      )}
    </aside>
  );
}
