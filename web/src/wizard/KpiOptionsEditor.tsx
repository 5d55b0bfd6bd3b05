import type { CubeModel } from "../api/types";
import { captionOf } from "../data-model/captions";
import { t } from "../i18n";
import type { KpiComparison, WidgetSpec } from "../widget/spec";
import { formatNumber } from "../widget/style";

/** A KPI widget's options: what its cards compare with (the previous period of a hierarchy, or a target measure) and compact values. */
export function KpiOptionsEditor({ spec, model, onChange }: { spec: WidgetSpec; model?: CubeModel; onChange: (spec: WidgetSpec) => void }) {
  const kpi = spec.kpi ?? {};
  const compare = kpi.compare;
  const hierarchies = (model?.dimensions ?? []).flatMap((d) => d.hierarchies).filter((h) => h.visible);
  const value = compare ? (compare.kind === "previous" ? "previous:" + compare.hierarchy : "target:" + compare.measure) : "";
  const set = (text: string) => {
    const [kind, name] = [text.slice(0, text.indexOf(":")), text.slice(text.indexOf(":") + 1)];
    const next: KpiComparison | undefined = !text
      ? undefined
      : kind === "previous"
        ? { kind: "previous", hierarchy: name }
        : { kind: "target", measure: name };
    onChange({ ...spec, kpi: { ...kpi, compare: next } });
  };
  return (
    <div className="options">
      <label className="col">
        <span className="zone-label">{t("kpi.compareWith")}</span>
        <select data-testid="kpi-compare" value={value} onChange={(e) => set(e.target.value)}>
          <option value="">{t("kpi.nothing")}</option>
          <optgroup label={t("kpi.previousOf")}>
            {hierarchies.map((h) => (
              <option key={h.uniqueName} value={"previous:" + h.uniqueName}>
                {captionOf(h)}
              </option>
            ))}
          </optgroup>
          <optgroup label={t("kpi.targetMeasure")}>
            {(model?.measures ?? [])
              .filter((m) => m.visible)
              .map((m) => (
                <option key={m.uniqueName} value={"target:" + m.uniqueName}>
                  {captionOf(m)}
                </option>
              ))}
          </optgroup>
        </select>
      </label>
      <label>
        <input
          type="checkbox"
          data-testid="kpi-compact"
          checked={!!kpi.compact}
          onChange={(e) => onChange({ ...spec, kpi: { ...kpi, compact: e.target.checked } })}
        />{" "}
        {t("kpi.compact", { example: formatNumber(1_200_000, { style: "compact", decimals: 1 }) })}
      </label>
    </div>
  );
}
