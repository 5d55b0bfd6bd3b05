import type { Expr, Identifier, SelectStatement, Statement, WithMember } from "./ast";

/** `[name]` with `]` doubled. */
export function bracket(name: string): string {
  return "[" + name.replaceAll("]", "]]") + "]";
}

export function printIdentifier(identifier: Identifier): string {
  return identifier.parts.map((p) => (p.key ? "&" : "") + bracket(p.name)).join(".");
}

function printNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`Not a finite number: ${value}`);
  return String(value);
}

export function printExpr(e: Expr): string {
  switch (e.kind) {
    case "identifier":
      return printIdentifier(e);
    case "set":
      return "{" + e.items.map(printExpr).join(", ") + "}";
    case "tuple":
      return "(" + e.items.map(printExpr).join(", ") + ")";
    case "call": {
      const args = e.args.map(printExpr);
      if (e.flags) args.push(...e.flags);
      return e.name + "(" + args.join(", ") + ")";
    }
    case "property":
      return printExpr(e.target) + "." + e.name;
    case "range":
      return printExpr(e.from) + ":" + printExpr(e.to);
    case "number":
      return printNumber(e.value);
    case "string":
      return '"' + e.value.replaceAll('"', '""') + '"';
    case "binary":
      return "(" + printExpr(e.left) + " " + e.op + " " + printExpr(e.right) + ")";
  }
}

function printWith(m: WithMember): string {
  const format = m.formatString !== undefined ? ", FORMAT_STRING = " + printExpr({ kind: "string", value: m.formatString }) : "";
  return "  MEMBER " + printIdentifier(m.name) + " AS " + printExpr(m.formula) + format;
}

function printSelect(s: SelectStatement): string {
  const lines = s.with?.length ? ["WITH", ...s.with.map(printWith), "SELECT"] : ["SELECT"];
  s.axes.forEach((axis, i) => {
    const comma = i < s.axes.length - 1 ? "," : "";
    lines.push("  " + (axis.nonEmpty ? "NON EMPTY " : "") + printExpr(axis.set) + " ON " + axis.name + comma);
  });
  lines.push("FROM " + printIdentifier(s.cube));
  if (s.where) lines.push("WHERE " + printExpr(s.where));
  return lines.join("\n");
}

export function print(statement: Statement): string {
  if (statement.kind === "select") return printSelect(statement);
  const head = "DRILLTHROUGH" + (statement.maxRows !== undefined ? " MAXROWS " + statement.maxRows : "");
  return head + "\n" + printSelect(statement.select);
}
