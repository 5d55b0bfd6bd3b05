// A tiny MDX syntax tree: enough for the queries the web app builds. Printed by printer.ts;
// text is never glued from strings outside the printer.

/** `[A].[B]]x].&[1]`: bracketed name parts; `key` parts print as `&[..]`. */
export interface Identifier {
  kind: "identifier";
  parts: IdentifierPart[];
}

export interface IdentifierPart {
  name: string;
  key?: boolean;
}

export interface SetLiteral {
  kind: "set";
  items: Expr[];
}

export interface TupleLiteral {
  kind: "tuple";
  items: Expr[];
}

/** `Name(args)`; `flags` are bare symbols after the arguments (RECURSIVE, POST...). */
export interface FunctionCall {
  kind: "call";
  name: string;
  args: Expr[];
  flags?: string[];
}

/** `target.Name` or `target.Name(args)` (Members, Children, ...). */
export interface PropertyAccess {
  kind: "property";
  target: Expr;
  name: string;
}

export interface RangeExpr {
  kind: "range";
  from: Expr;
  to: Expr;
}

export interface NumberLiteral {
  kind: "number";
  value: number;
}

export interface StringLiteral {
  kind: "string";
  value: string;
}

/** `left op right`, printed in parentheses so precedence never depends on the reader. */
export interface BinaryExpr {
  kind: "binary";
  op: "+" | "-" | "*" | "/";
  left: Expr;
  right: Expr;
}

export type Expr =
  BinaryExpr | Identifier | SetLiteral | TupleLiteral | FunctionCall | PropertyAccess | RangeExpr | NumberLiteral | StringLiteral;

export interface Axis {
  name: "COLUMNS" | "ROWS";
  set: Expr;
  nonEmpty: boolean;
}

/** `MEMBER name AS formula[, FORMAT_STRING = "…"]` in a WITH clause. */
export interface WithMember {
  name: Identifier;
  formula: Expr;
  formatString?: string;
}

export interface SelectStatement {
  kind: "select";
  with?: WithMember[];
  axes: Axis[];
  cube: Identifier;
  where?: Expr;
}

export interface DrillthroughStatement {
  kind: "drillthrough";
  maxRows?: number;
  select: SelectStatement;
}

export type Statement = SelectStatement | DrillthroughStatement;

// ---- constructors ----

export const id = (...names: string[]): Identifier => ({
  kind: "identifier",
  parts: names.map((name) => ({ name })),
});

export const set = (...items: Expr[]): SetLiteral => ({ kind: "set", items });
export const tuple = (...items: Expr[]): TupleLiteral => ({ kind: "tuple", items });
export const call = (name: string, args: Expr[], flags?: string[]): FunctionCall =>
  flags && flags.length ? { kind: "call", name, args, flags } : { kind: "call", name, args };
export const prop = (target: Expr, name: string): PropertyAccess => ({ kind: "property", target, name });
export const range = (from: Expr, to: Expr): RangeExpr => ({ kind: "range", from, to });
export const num = (value: number): NumberLiteral => ({ kind: "number", value });
export const binary = (op: BinaryExpr["op"], left: Expr, right: Expr): BinaryExpr => ({ kind: "binary", op, left, right });
export const str = (value: string): StringLiteral => ({ kind: "string", value });

export const members = (level: Expr): PropertyAccess => prop(level, "Members");
export const crossjoin = (...sets: Expr[]): Expr => (sets.length === 1 ? sets[0] : call("Crossjoin", sets));
export const hierarchize = (s: Expr): FunctionCall => call("Hierarchize", [s]);
export const drilldownLevel = (s: Expr): FunctionCall => call("DrilldownLevel", [s]);
export const drilldownMember = (s: Expr, which: Expr, recursive = false): FunctionCall =>
  call("DrilldownMember", [s, which], recursive ? ["RECURSIVE"] : undefined);
export const topCount = (s: Expr, count: number, by: Expr): FunctionCall => call("TopCount", [s, num(count), by]);
export const bottomCount = (s: Expr, count: number, by: Expr): FunctionCall => call("BottomCount", [s, num(count), by]);

/**
 * Parses a server unique name (`[Time].[Time].[2024]`, `[A]]B].&[1]`) into an identifier,
 * undoing the `]]` escapes. Unbracketed parts (`Measures.Sales`) are accepted too.
 */
export function parseUniqueName(text: string): Identifier {
  const parts: IdentifierPart[] = [];
  let i = 0;
  while (i < text.length) {
    let key = false;
    if (text[i] === "&") {
      key = true;
      i++;
    }
    if (text[i] === "[") {
      let name = "";
      i++;
      for (;;) {
        if (i >= text.length) throw new Error(`Unterminated name in ${text}`);
        if (text[i] === "]") {
          if (text[i + 1] === "]") {
            name += "]";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        name += text[i++];
      }
      parts.push(key ? { name, key } : { name });
    } else {
      const end = text.indexOf(".", i);
      const name = (end < 0 ? text.slice(i) : text.slice(i, end)).trim();
      parts.push(key ? { name, key } : { name });
      i = end < 0 ? text.length : end;
    }
    if (i < text.length) {
      if (text[i] !== ".") throw new Error(`Unexpected '${text[i]}' in ${text}`);
      i++;
    }
  }
  return { kind: "identifier", parts };
}

/** A member, level, hierarchy or measure referenced by its unique name. */
export const ref = (uniqueName: string): Identifier => parseUniqueName(uniqueName);
