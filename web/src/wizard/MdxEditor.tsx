import { useEffect, useRef } from "react";
import { autocompletion, closeBrackets } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { HighlightStyle, bracketMatching, syntaxHighlighting } from "@codemirror/language";
import { EditorState, StateEffect, StateField, type Extension } from "@codemirror/state";
import { Decoration, EditorView, keymap, lineNumbers, type DecorationSet } from "@codemirror/view";
import { tags } from "@lezer/highlight";
import type { CubeModel, Diagnostic } from "../api/types";
import { t } from "../i18n";
import { errorSpans } from "./errorSpans";
import { mdxCompletions, mdxLanguage } from "./mdxLanguage";

interface Props {
  value: string;
  diagnostics?: Diagnostic[];
  model?: CubeModel;
  onChange: (text: string) => void;
  /** Runs the editor's text. */
  onRun: (text: string) => void;
}

const highlight = HighlightStyle.define([
  { tag: tags.keyword, color: "#7c3aed", fontWeight: "600" },
  { tag: tags.function(tags.variableName), color: "#0369a1" },
  { tag: tags.variableName, color: "#b45309" },
  { tag: tags.string, color: "#15803d" },
  { tag: tags.number, color: "#be123c" },
  { tag: tags.comment, color: "#6b7280", fontStyle: "italic" },
]);

/** The server's diagnostics as underlined ranges (wavy red), with their message as a title. */
const setErrors = StateEffect.define<DecorationSet>();
const errors = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update: (value, tr) => {
    for (const e of tr.effects) if (e.is(setErrors)) return e.value;
    return tr.docChanged ? value.map(tr.changes) : value;
  },
  provide: (f) => EditorView.decorations.from(f),
});

function errorDecorations(text: string, diagnostics: Diagnostic[] | undefined): DecorationSet {
  const spans = errorSpans(text, diagnostics).filter((s) => s.start < s.end && s.end <= text.length);
  return Decoration.set(
    spans
      .sort((a, b) => a.start - b.start)
      .map((s) =>
        Decoration.mark({ class: "mdx-error", attributes: { title: s.message, "data-testid": "mdx-error-span" } }).range(s.start, s.end),
      ),
    true,
  );
}

/**
 * The MDX editor (CodeMirror 6): syntax colouring, completion of the cube's names and of MDX's
 * keywords and functions, bracket matching, undo; the server's errors underlined; Ctrl+Enter runs.
 */
export function MdxEditor({ value, diagnostics, model, onChange, onRun }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | undefined>(undefined);
  const callbacks = useRef({ onChange, onRun });
  callbacks.current = { onChange, onRun };

  useEffect(() => {
    const extensions: Extension[] = [
      lineNumbers(),
      history(),
      bracketMatching(),
      closeBrackets(),
      mdxLanguage,
      syntaxHighlighting(highlight),
      autocompletion({ override: [mdxCompletions(model)] }),
      errors,
      keymap.of([
        { key: "Mod-Enter", run: (v) => (callbacks.current.onRun(v.state.doc.toString()), true) },
        ...defaultKeymap,
        ...historyKeymap,
      ]),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ "data-testid": "mdx-editor", "aria-label": t("mdx.editorLabel") }),
      EditorView.updateListener.of((u) => {
        if (u.docChanged) callbacks.current.onChange(u.state.doc.toString());
      }),
    ];
    const v = new EditorView({ state: EditorState.create({ doc: value, extensions }), parent: host.current! });
    view.current = v;
    return () => v.destroy();
    // The editor is made once per model; the text follows `value` below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [model]);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const current = v.state.doc.toString();
    if (current !== value) v.dispatch({ changes: { from: 0, to: current.length, insert: value } });
  }, [value]);

  useEffect(() => {
    const v = view.current;
    if (v) v.dispatch({ effects: setErrors.of(errorDecorations(v.state.doc.toString(), diagnostics)) });
  }, [diagnostics, value]);

  return (
    <div className="mdx-editor">
      <div className="mdx-code" ref={host} />
      {(diagnostics ?? []).map((d, i) => (
        <div key={i} className="error small" data-testid="mdx-diagnostic">
          {d.line}:{d.column} {d.message}
        </div>
      ))}
    </div>
  );
}
