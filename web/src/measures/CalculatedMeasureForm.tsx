import { useState } from "react";
import { t } from "../i18n";
import { FORMATS, OPERATORS, validate, type CalculatedMeasure, type Operand, type Operator } from "./calculated";

interface Props {
  cube: string;
  /** Measures the formula may use: the cube's and the dashboard's calculated ones. */
  measures: { uniqueName: string; name: string }[];
  cubeMeasures: string[];
  others: CalculatedMeasure[];
  onSave: (measure: CalculatedMeasure) => void;
  onCancel: () => void;
}

const NUMBER = "#number";

/** Defines a calculated measure: name, measure (operator) measure-or-number, format. */
export function CalculatedMeasureForm({ cube, measures, cubeMeasures, others, onSave, onCancel }: Props) {
  const first = measures[0]?.uniqueName ?? "";
  const [name, setName] = useState("");
  const [left, setLeft] = useState(first);
  const [operator, setOperator] = useState<Operator>("/");
  const [right, setRight] = useState(measures[1]?.uniqueName ?? first);
  const [number, setNumber] = useState("1");
  const [format, setFormat] = useState<string>("");
  const [error, setError] = useState<string>();

  const save = () => {
    const rightOperand: Operand = right === NUMBER ? { kind: "number", value: Number(number) } : { kind: "measure", uniqueName: right };
    const measure: CalculatedMeasure = {
      cube,
      name: name.trim(),
      left: { kind: "measure", uniqueName: left },
      operator,
      right: rightOperand,
    };
    if (format) measure.format = format;
    const problem = validate(measure, cubeMeasures, others);
    if (problem) setError(problem);
    else onSave(measure);
  };

  const options = measures.map((m) => (
    <option key={m.uniqueName} value={m.uniqueName}>
      {m.name}
    </option>
  ));
  return (
    <div className="calc-form" data-testid="calc-form">
      <input placeholder={t("calc.name")} data-testid="calc-name" value={name} onChange={(e) => setName(e.target.value)} />
      <select data-testid="calc-left" value={left} onChange={(e) => setLeft(e.target.value)}>
        {options}
      </select>
      <select data-testid="calc-operator" value={operator} onChange={(e) => setOperator(e.target.value as Operator)}>
        {OPERATORS.map((o) => (
          <option key={o.op} value={o.op}>
            {o.label}
          </option>
        ))}
      </select>
      <select data-testid="calc-right" value={right} onChange={(e) => setRight(e.target.value)}>
        {options}
        <option value={NUMBER}>{t("calc.number")}</option>
      </select>
      {right === NUMBER && (
        <input type="number" data-testid="calc-right-number" value={number} onChange={(e) => setNumber(e.target.value)} />
      )}
      <select data-testid="calc-format" value={format} onChange={(e) => setFormat(e.target.value)}>
        {FORMATS.map((f) => (
          <option key={f.label} value={f.format ?? ""}>
            {f.label}
          </option>
        ))}
      </select>
      {error && (
        <div className="error" data-testid="calc-error">
          {error}
        </div>
      )}
      <div className="calc-buttons">
        <button className="primary" data-testid="calc-save" onClick={save}>
          {t("calc.add")}
        </button>
        <button onClick={onCancel}>{t("common.cancel")}</button>
      </div>
    </div>
  );
}
