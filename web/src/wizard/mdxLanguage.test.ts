import { CompletionContext } from "@codemirror/autocomplete";
import { EditorState } from "@codemirror/state";
import { describe, expect, it } from "vitest";
import { salesCube } from "../test/fixtures";
import { cubeCompletions, mdxCompletions, mdxLanguage } from "./mdxLanguage";

function complete(text: string) {
  const state = EditorState.create({ doc: text, extensions: [mdxLanguage] });
  return mdxCompletions(salesCube)(new CompletionContext(state, text.length, false));
}

describe("MDX completion", () => {
  it("offers the cube's measures, hierarchies and levels for a bracketed name, from its first bracket", () => {
    const labels = cubeCompletions(salesCube).map((c) => c.label);
    expect(labels).toContain("[Measures].[Amount]");
    expect(labels).toContain("[Time].[Time].[Quarter]");
    expect(labels).not.toContain("[Time].[Time].[(All)]");
    const result = complete("SELECT [Time].[Ti");
    expect(result?.from).toBe("SELECT ".length);
    expect(result?.options.map((o) => o.label)).toContain("[Time].[Time].[Year]");
  });

  it("offers keywords and functions for a word", () => {
    const result = complete("SELECT TopC");
    expect(result?.from).toBe("SELECT ".length);
    expect(result?.options.map((o) => o.label)).toContain("TopCount");
    expect(result?.options.map((o) => o.label)).toContain("NON");
  });
});
