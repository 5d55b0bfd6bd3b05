import type { CubeModel } from "../api/types";
import type { KpiComparison, WidgetSpec } from "../widget/spec";

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
        <span className="zone-label">Compare with</span>
        <select data-testid="kpi-compare" value={value} onChange={(e) => set(e.target.value)}>
          <option value="">Nothing</option>
          <optgroup label="The previous period of">
            {hierarchies.map((h) => (
              <option key={h.uniqueName} value={"previous:" + h.uniqueName}>
                {h.name}
              </option>
            ))}
          </optgroup>
          <optgroup label="A target measure">
            {(model?.measures ?? [])
              .filter((m) => m.visible)
              .map((m) => (
                <option key={m.uniqueName} value={"target:" + m.uniqueName}>
                  {m.name}
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
        Compact values (1.2M)
      </label>
    </div>
  );
}
