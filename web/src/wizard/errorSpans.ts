import type { Diagnostic } from "../api/types";

export interface ErrorSpan {
  start: number;
  end: number;
  message: string;
}

/** The offset of a 1-based line and column in `text`. */
export function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf("\n", offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return Math.min(text.length, offset + Math.max(0, column - 1));
}

/**
 * Where to underline: the diagnostic's offset and length when they fit the text, else its
 * line:column; an empty span is widened to the word there (or one character).
 */
export function errorSpans(text: string, diagnostics: Diagnostic[] | undefined): ErrorSpan[] {
  return (diagnostics ?? []).map((d) => {
    let start = typeof d.offset === "number" && d.offset >= 0 && d.offset <= text.length ? d.offset : offsetOf(text, d.line, d.column);
    let end = start + Math.max(0, d.length ?? 0);
    if (end <= start) {
      const word = /^[\w\][.&]+/.exec(text.slice(start));
      end = start + (word ? word[0].length : 1);
    }
    if (start >= text.length) start = Math.max(0, text.length - 1);
    end = Math.min(Math.max(end, start + 1), Math.max(text.length, start + 1));
    return { start, end, message: d.message };
  });
}
