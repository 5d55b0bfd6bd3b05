// Calculated measures defined in the web app: saved with the dashboard, sent as WITH MEMBER
// items of the widgets' queries (built as syntax trees, never glued as text). The server
// compiles such formulas to its measure evaluator, so they cost what a C# measure costs.
import { formatNumber, t } from "../i18n";
import { binary, id, num, ref, type Expr, type WithMember } from "../mdx/ast";

export type Operand = { kind: "measure"; uniqueName: string } | { kind: "number"; value: number };

export type Operator = "+" | "-" | "*" | "/";

export interface CalculatedMeasure {
  /** The cube it belongs to. */
  cube: string;
  name: string;
  left: Operand;
  operator: Operator;
  right: Operand;
  /** An SSAS format string such as `0.00%` or `#,##0.00`. */
  format?: string;
}

export const OPERATORS: { op: Operator; label: string }[] = [
  { op: "+", label: "+" },
  { op: "-", label: "−" },
  { op: "*", label: "×" },
  { op: "/", label: "÷" },
];

/** The format strings offered (sent in the query as they are), each labelled by a sample in the page's locale. */
export const FORMATS: { format: string | undefined; label: string }[] = [
  { format: undefined, label: t("format.default") },
  { format: "#,##0.00", label: formatNumber(1234.56, { minimumFractionDigits: 2, maximumFractionDigits: 2 }) },
  { format: "#,##0", label: formatNumber(1234.56, { maximumFractionDigits: 0 }) },
  { format: "0.00%", label: formatNumber(0.1234, { style: "percent", minimumFractionDigits: 2 }) },
];

/** `[Measures].[name]`. */
export function uniqueNameOf(name: string): string {
  return "[Measures].[" + name.replaceAll("]", "]]") + "]";
}

function operand(o: Operand): Expr {
  return o.kind === "number" ? num(o.value) : ref(o.uniqueName);
}

export function formula(c: CalculatedMeasure): Expr {
  return binary(c.operator, operand(c.left), operand(c.right));
}

/** Why a definition cannot be saved, or undefined when it can. */
export function validate(c: CalculatedMeasure, cubeMeasures: string[], others: CalculatedMeasure[]): string | undefined {
  const name = c.name.trim();
  if (!name) return t("calc.needName");
  const unique = uniqueNameOf(name);
  if (cubeMeasures.includes(unique) || others.some((o) => o.cube === c.cube && uniqueNameOf(o.name) === unique))
    return t("calc.exists", { name });
  for (const o of [c.left, c.right]) {
    if (o.kind === "number" && !Number.isFinite(o.value)) return t("calc.finite");
    if (o.kind === "measure" && !o.uniqueName) return t("calc.chooseMeasure");
    if (o.kind === "measure" && o.uniqueName === unique) return t("calc.selfReference");
  }
  return undefined;
}

/**
 * The WITH MEMBER items a query needs: the calculated measures of its cube that it names,
 * and those they use in turn (each once, the used ones first).
 */
export function withMembers(calculated: CalculatedMeasure[], cube: string, named: string[]): WithMember[] {
  const byName = new Map(calculated.filter((c) => c.cube === cube).map((c) => [uniqueNameOf(c.name), c]));
  const out: WithMember[] = [];
  const done = new Set<string>();
  const visit = (uniqueName: string, path: string[]) => {
    const c = byName.get(uniqueName);
    if (!c || done.has(uniqueName) || path.includes(uniqueName)) return;
    for (const o of [c.left, c.right]) if (o.kind === "measure") visit(o.uniqueName, [...path, uniqueName]);
    done.add(uniqueName);
    const item: WithMember = { name: id("Measures", c.name), formula: formula(c) };
    if (c.format) item.formatString = c.format;
    out.push(item);
  };
  for (const n of named) visit(n, []);
  return out;
}
