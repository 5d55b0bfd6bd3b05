// MDX for CodeMirror 6: a stream tokenizer (keywords, functions, [bracketed] names, strings,
// numbers, comments) and completion of the cube's names and MDX's functions.
import type { Completion, CompletionContext, CompletionResult } from "@codemirror/autocomplete";
import { StreamLanguage, type StreamParser } from "@codemirror/language";
import type { CubeModel } from "../api/types";

export const KEYWORDS = [
  "SELECT",
  "FROM",
  "WHERE",
  "WITH",
  "MEMBER",
  "SET",
  "AS",
  "ON",
  "COLUMNS",
  "ROWS",
  "PAGES",
  "NON",
  "EMPTY",
  "AND",
  "OR",
  "NOT",
  "XOR",
  "IS",
  "NULL",
  "CASE",
  "WHEN",
  "THEN",
  "ELSE",
  "END",
  "DRILLTHROUGH",
  "MAXROWS",
  "RETURN",
  "DIMENSION",
  "PROPERTIES",
  "CELL",
  "FORMAT_STRING",
  "SOLVE_ORDER",
  "ASC",
  "DESC",
  "BASC",
  "BDESC",
  "EXCLUDEEMPTY",
  "INCLUDEEMPTY",
  "RECURSIVE",
];

/** The MDX functions offered by completion (those Cuboid implements and analysts use most). */
export const FUNCTIONS = [
  "Aggregate",
  "Ancestor",
  "Ancestors",
  "Avg",
  "BottomCount",
  "BottomPercent",
  "BottomSum",
  "Children",
  "ClosingPeriod",
  "CoalesceEmpty",
  "Count",
  "Cousin",
  "Crossjoin",
  "CurrentMember",
  "DefaultMember",
  "Descendants",
  "Distinct",
  "DrilldownLevel",
  "DrilldownMember",
  "Except",
  "Exists",
  "Filter",
  "FirstChild",
  "FirstSibling",
  "Generate",
  "Head",
  "Hierarchize",
  "IIf",
  "Intersect",
  "IsEmpty",
  "Lag",
  "LastChild",
  "LastPeriods",
  "LastSibling",
  "Lead",
  "Max",
  "Median",
  "Members",
  "Min",
  "Mtd",
  "NextMember",
  "NonEmpty",
  "OpeningPeriod",
  "Order",
  "ParallelPeriod",
  "Parent",
  "PeriodsToDate",
  "PrevMember",
  "Qtd",
  "Rank",
  "Siblings",
  "StrToMember",
  "StrToSet",
  "Subset",
  "Sum",
  "Tail",
  "TopCount",
  "TopPercent",
  "TopSum",
  "Union",
  "Ytd",
];

const KEYWORD_SET = new Set(KEYWORDS);
const FUNCTION_SET = new Set(FUNCTIONS.map((f) => f.toUpperCase()));

interface State {
  comment: boolean;
}

const parser: StreamParser<State> = {
  name: "mdx",
  startState: () => ({ comment: false }),
  token(stream, state) {
    if (state.comment) {
      if (stream.skipTo("*/")) {
        stream.pos += 2;
        state.comment = false;
      } else stream.skipToEnd();
      return "comment";
    }
    if (stream.eatSpace()) return null;
    if (stream.match("/*")) {
      state.comment = true;
      return "comment";
    }
    if (stream.match("--") || stream.match("//")) {
      stream.skipToEnd();
      return "comment";
    }
    if (stream.peek() === "[") {
      stream.next();
      for (;;) {
        const ch = stream.next();
        if (ch === undefined) break;
        if (ch === "]") {
          if (stream.peek() === "]") stream.next();
          else break;
        }
      }
      return "variableName";
    }
    if (stream.match(/^"(?:[^"]|"")*"?/) || stream.match(/^'(?:[^']|'')*'?/)) return "string";
    if (stream.match(/^\d+(\.\d+)?([eE][+-]?\d+)?/)) return "number";
    if (stream.match(/^&/)) return "operator";
    const word = stream.match(/^[A-Za-z_][\w$]*/) as RegExpMatchArray | null;
    if (word) {
      const upper = word[0].toUpperCase();
      if (KEYWORD_SET.has(upper)) return "keyword";
      if (FUNCTION_SET.has(upper)) return "function";
      return "name";
    }
    stream.next();
    return "punctuation";
  },
};

export const mdxLanguage = StreamLanguage.define(parser);

/** Everything a query on `cube` can name: measures, dimensions, hierarchies, levels. */
export function cubeCompletions(cube: CubeModel | undefined): Completion[] {
  if (!cube) return [];
  const out: Completion[] = [{ label: "[" + cube.name + "]", type: "namespace", detail: "cube" }];
  for (const m of cube.measures) if (m.visible) out.push({ label: m.uniqueName, type: "variable", detail: "measure" });
  for (const d of cube.dimensions) {
    out.push({ label: "[" + d.name.replaceAll("]", "]]") + "]", type: "namespace", detail: "dimension" });
    for (const h of d.hierarchies) {
      if (!h.visible) continue;
      out.push({ label: h.uniqueName, type: "class", detail: "hierarchy" });
      for (const l of h.levels) if (l.depth > 0 || !h.allMemberName) out.push({ label: l.uniqueName, type: "property", detail: "level" });
    }
  }
  return out;
}

/**
 * Completion at the cursor: a bracketed name (from its opening bracket) among the cube's names, or
 * a word among the keywords and functions; after a dot, the member functions.
 */
export function mdxCompletions(cube: CubeModel | undefined) {
  const names = cubeCompletions(cube);
  const words: Completion[] = [
    ...KEYWORDS.map((k) => ({ label: k, type: "keyword" })),
    ...FUNCTIONS.map((f) => ({ label: f, type: "function" })),
  ];
  return (context: CompletionContext): CompletionResult | null => {
    const bracket = context.matchBefore(/\[[^\]]*(\]\.\[[^\]]*)*$/);
    if (bracket) {
      // From the first bracket of a dotted name ([Geography].[reg…): the names starting so.
      const start = context.state.sliceDoc(0, bracket.from).match(/(\[[^\]]*\]\.)+$/);
      return { from: start ? bracket.from - start[0].length : bracket.from, options: names, validFor: /^[\w\s[\].&]*$/ };
    }
    const word = context.matchBefore(/[A-Za-z_]\w*$/);
    if (!word || (word.from === word.to && !context.explicit)) return null;
    return { from: word.from, options: words, validFor: /^\w*$/ };
  };
}
