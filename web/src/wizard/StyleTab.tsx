import type { CubeModel } from "../api/types";
import type { WidgetSpec } from "../widget/spec";
import type { Comparison, ConditionalRule, NumberFormat, WidgetStyle } from "../widget/style";

/** The number formats a measure can take in a widget (Default: the measure's own). */
const FORMATS: { label: string; format?: NumberFormat }[] = [
  { label: "Default" },
  { label: "1,235", format: { style: "number", decimals: 0 } },
  { label: "1,234.57", format: { style: "number", decimals: 2 } },
  { label: "1.2M", format: { style: "compact", decimals: 1 } },
  { label: "12%", format: { style: "percent", decimals: 0 } },
  { label: "12.3%", format: { style: "percent", decimals: 1 } },
  { label: "$1,234.57", format: { style: "currency", decimals: 2, currency: "USD" } },
  { label: "€1,234.57", format: { style: "currency", decimals: 2, currency: "EUR" } },
];

const OPS: Comparison[] = ["<", "<=", ">", ">=", "=", "between"];

interface Props {
  spec: WidgetSpec;
  model?: CubeModel;
  caption: (measure: string) => string;
  onChange: (spec: WidgetSpec) => void;
}

/** The widget's style: a number format per measure, conditional formatting rules, column widths. */
export function StyleTab({ spec, caption, onChange }: Props) {
  const style: WidgetStyle = spec.style ?? {};
  const rules = style.rules ?? [];
  const setStyle = (next: WidgetStyle) => onChange({ ...spec, style: next });
  const setRule = (i: number, rule: ConditionalRule) => setStyle({ ...style, rules: rules.map((r, j) => (j === i ? rule : r)) });
  const first = spec.measures[0] ?? "";
  const formatIndex = (m: string) => {
    const f = style.formats?.[m];
    return f ? FORMATS.findIndex((x) => JSON.stringify(x.format) === JSON.stringify(f)) : 0;
  };
  return (
    <div className="style-tab" data-testid="style-tab">
      <div className="zone-label">Number formats</div>
      {spec.measures.map((m) => (
        <label key={m} className="row gap small">
          <span className="grow">{caption(m)}</span>
          <select
            data-testid={`style-format-${m}`}
            value={Math.max(0, formatIndex(m))}
            onChange={(e) => {
              const formats = { ...style.formats };
              const chosen = FORMATS[Number(e.target.value)].format;
              if (chosen) formats[m] = chosen;
              else delete formats[m];
              setStyle({ ...style, formats });
            }}
          >
            {FORMATS.map((f, i) => (
              <option key={f.label} value={i}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
      ))}

      <div className="zone-label">Conditional formatting</div>
      {rules.map((rule, i) => (
        <div key={i} className="rule-box" data-testid={`style-rule-${i}`}>
          <div className="row gap small">
            <select
              value={rule.kind}
              data-testid={`style-rule-kind-${i}`}
              onChange={(e) => setRule(i, newRule(e.target.value as ConditionalRule["kind"], rule.measure))}
            >
              <option value="rule">Rule</option>
              <option value="scale">Colour scale</option>
              <option value="bars">Data bars</option>
            </select>
            <select
              value={rule.measure}
              data-testid={`style-rule-measure-${i}`}
              onChange={(e) => setRule(i, { ...rule, measure: e.target.value })}
            >
              {spec.measures.map((m) => (
                <option key={m} value={m}>
                  {caption(m)}
                </option>
              ))}
            </select>
            <button
              className="icon-button"
              title="Remove the rule"
              data-testid={`style-rule-remove-${i}`}
              onClick={() => setStyle({ ...style, rules: rules.filter((_, j) => j !== i) })}
            >
              ×
            </button>
          </div>
          {rule.kind === "rule" && (
            <div className="row gap small">
              <span>value</span>
              <select
                value={rule.op}
                data-testid={`style-rule-op-${i}`}
                onChange={(e) => setRule(i, { ...rule, op: e.target.value as Comparison })}
              >
                {OPS.map((op) => (
                  <option key={op} value={op}>
                    {op}
                  </option>
                ))}
              </select>
              <input
                type="number"
                style={{ width: 70 }}
                data-testid={`style-rule-value-${i}`}
                value={rule.value}
                onChange={(e) => setRule(i, { ...rule, value: Number(e.target.value) })}
              />
              {rule.op === "between" && (
                <input
                  type="number"
                  style={{ width: 70 }}
                  value={rule.value2 ?? rule.value}
                  onChange={(e) => setRule(i, { ...rule, value2: Number(e.target.value) })}
                />
              )}
              <input
                type="color"
                title="Text colour"
                data-testid={`style-rule-color-${i}`}
                value={rule.color ?? "#dc2626"}
                onChange={(e) => setRule(i, { ...rule, color: e.target.value })}
              />
              <input
                type="color"
                title="Background"
                value={rule.background ?? "#ffffff"}
                onChange={(e) => setRule(i, { ...rule, background: e.target.value === "#ffffff" ? undefined : e.target.value })}
              />
            </div>
          )}
          {rule.kind === "scale" && (
            <div className="row gap small">
              <span>low</span>
              <input type="color" value={rule.low} onChange={(e) => setRule(i, { ...rule, low: e.target.value })} />
              <span>mid</span>
              <input type="color" value={rule.mid ?? "#ffffff"} onChange={(e) => setRule(i, { ...rule, mid: e.target.value })} />
              <span>high</span>
              <input type="color" value={rule.high} onChange={(e) => setRule(i, { ...rule, high: e.target.value })} />
            </div>
          )}
          {rule.kind === "bars" && (
            <div className="row gap small">
              <span>colour</span>
              <input type="color" value={rule.color} onChange={(e) => setRule(i, { ...rule, color: e.target.value })} />
            </div>
          )}
        </div>
      ))}
      <button
        data-testid="style-add-rule"
        disabled={!first}
        onClick={() => setStyle({ ...style, rules: [...rules, newRule("rule", first)] })}
      >
        + Add a rule
      </button>

      <div className="zone-label">Columns</div>
      <button
        data-testid="style-fit-columns"
        disabled={!spec.widths || Object.keys(spec.widths).length === 0}
        onClick={() => onChange({ ...spec, widths: undefined })}
      >
        Fit all columns to their content
      </button>
    </div>
  );
}

/** A rule of a kind with sensible colours: negatives red, a red–white–green scale, blue bars. */
function newRule(kind: ConditionalRule["kind"], measure: string): ConditionalRule {
  switch (kind) {
    case "scale":
      return { kind, measure, low: "#f8696b", mid: "#ffffff", high: "#63be7b" };
    case "bars":
      return { kind, measure, color: "#93c5fd" };
    default:
      return { kind: "rule", measure, op: "<", value: 0, color: "#dc2626" };
  }
}
