import { shell } from "../app/shell";
import { en, type MessageKey, type Messages } from "./en";
import { fr } from "./fr";
import { languageOf, locale } from "./locale";

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

/** The catalogues the app ships; a session adds other languages (or rewords these) through its appStrings. */
const catalogues: Record<string, Messages | undefined> = { en, fr };

/** `{name}` placeholders replaced by their parameters; one without a parameter is left as written. */
export function interpolate(text: string, params?: Params): string {
  return params ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole)) : text;
}

/**
 * The strings of a locale: for the locale, then its language ("fr" for "fr-CA"), then English, the
 * session's override of a string (appStrings) before the app's own catalogue.
 */
export function translator(tag: string, overrides: Record<string, Record<string, string>> = {}): Translate {
  const sources = [...new Set([tag, languageOf(tag), "en"])].flatMap((l) => [overrides[l], catalogues[l]]);
  return (key, params) => interpolate(sources.map((s) => s?.[key]).find((text) => text) ?? en[key], params);
}

/** A string of the app in the page's language. */
export const t: Translate = translator(locale, shell.appStrings);
