import type { CubeModel } from "../api/types";
import type { WidgetSpec } from "../widget/spec";
import { t } from "../i18n";
import { formatNumber, type Comparison, type ConditionalRule, type NumberFormat, type WidgetStyle } from "../widget/style";

/** The number formats a measure can take in a widget, besides its own. */
const NUMBER_FORMATS: NumberFormat[] = [
  { style: "number", decimals: 0 },
  { style: "number", decimals: 2 },
  { style: "compact", decimals: 1 },
  { style: "percent", decimals: 0 },
  { style: "percent", decimals: 1 },
  { style: "currency", decimals: 2, currency: "USD" },
  { style: "currency", decimals: 2, currency: "EUR" },
];

/** A format's label: a sample number as it formats it, in the page's locale ("1,234.57", "1 234,57"). */
const sample = (format: NumberFormat) =>
  formatNumber(format.style === "percent" ? 0.1234 : format.style === "compact" ? 1_234_567 : 1234.567, format);

/** The format picker's choices: Default (the measure's own format), then each of NUMBER_FORMATS. */
const FORMATS: { label: string; format?: NumberFormat }[] = [
  { label: t("format.default") },
  ...NUMBER_FORMATS.map((format) => ({ label: sample(format), format })),
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
      <div className="zone-label">{t("style.numberFormats")}</div>
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
              <option key={i} value={i}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
      ))}

      <div className="zone-label">{t("style.conditional")}</div>
      {rules.map((rule, i) => (
        <div key={i} className="rule-box" data-testid={`style-rule-${i}`}>
          <div className="row gap small">
            <select
              value={rule.kind}
              data-testid={`style-rule-kind-${i}`}
              onChange={(e) => setRule(i, newRule(e.target.value as ConditionalRule["kind"], rule.measure))}
            >
              <option value="rule">{t("style.rule")}</option>
              <option value="scale">{t("style.scale")}</option>
              <option value="bars">{t("style.bars")}</option>
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
              title={t("style.removeRule")}
              data-testid={`style-rule-remove-${i}`}
              onClick={() => setStyle({ ...style, rules: rules.filter((_, j) => j !== i) })}
            >
              ×
            </button>
          </div>
          {rule.kind === "rule" && (
            <div className="row gap small">
              <span>{t("style.value")}</span>
              <select
                value={rule.op}
                data-testid={`style-rule-op-${i}`}
                onChange={(e) => setRule(i, { ...rule, op: e.target.value as Comparison })}
              >
                {OPS.map((op) => (
                  <option key={op} value={op}>
                    {op === "between" ? t("style.between") : op}
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
                title={t("style.textColour")}
                data-testid={`style-rule-color-${i}`}
                value={rule.color ?? "#dc2626"}
                onChange={(e) => setRule(i, { ...rule, color: e.target.value })}
              />
              <input
                type="color"
                title={t("style.background")}
                value={rule.background ?? "#ffffff"}
                onChange={(e) => setRule(i, { ...rule, background: e.target.value === "#ffffff" ? undefined : e.target.value })}
              />
            </div>
          )}
          {rule.kind === "scale" && (
            <div className="row gap small">
              <span>{t("style.low")}</span>
              <input type="color" value={rule.low} onChange={(e) => setRule(i, { ...rule, low: e.target.value })} />
              <span>{t("style.mid")}</span>
              <input type="color" value={rule.mid ?? "#ffffff"} onChange={(e) => setRule(i, { ...rule, mid: e.target.value })} />
              <span>{t("style.high")}</span>
              <input type="color" value={rule.high} onChange={(e) => setRule(i, { ...rule, high: e.target.value })} />
            </div>
          )}
          {rule.kind === "bars" && (
            <div className="row gap small">
              <span>{t("style.colour")}</span>
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
        {t("style.addRule")}
      </button>

      <div className="zone-label">{t("style.columns")}</div>
      <button
        data-testid="style-fit-columns"
        disabled={!spec.widths || Object.keys(spec.widths).length === 0}
        onClick={() => onChange({ ...spec, widths: undefined })}
      >
        {t("style.fit")}
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
