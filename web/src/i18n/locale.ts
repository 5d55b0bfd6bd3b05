import { shell } from "../app/shell";

/** Where the user's choice of language is kept (this browser, all sessions of the server). */
const STORAGE_KEY = "cuboid.locale";

/** The language of a locale tag, lower case: "fr" of "fr-CA". */
export const languageOf = (tag: string): string => tag.toLowerCase().split("-")[0];

const sameTag = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * The locale to show, among those the session offers: the user's stored choice, else the first of the
 * browser's languages the session offers — exactly, or by its language ("fr-CA" takes "fr") — else the
 * session's default. Pure: the page's inputs are read below.
 */
export function pickLocale(offered: readonly string[], stored: string | null, languages: readonly string[], fallback: string): string {
  const choice = stored ? offered.find((o) => sameTag(o, stored)) : undefined;
  if (choice) return choice;
  for (const language of languages) {
    const match = offered.find((o) => sameTag(o, language)) ?? offered.find((o) => languageOf(o) === languageOf(language));
    if (match) return match;
  }
  return fallback;
}

function storedChoice(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage disabled: the browser's languages decide
  }
}

/**
 * The page's locale, fixed for its lifetime (a change reloads the page). Outside a browser (unit tests)
 * it is the session's default, so tests do not depend on the machine's languages.
 */
export const locale: string =
  typeof window === "undefined"
    ? shell.defaultLocale
    : pickLocale(shell.locales, storedChoice(), navigator.languages ?? [navigator.language], shell.defaultLocale);

if (typeof document !== "undefined") document.documentElement.lang = locale;

/**
 * Keeps the user's choice and reloads the page: every caption the app holds (the cubes' models, results)
 * comes again from the server in the new language.
 */
export function setLocale(next: string): void {
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // storage disabled: the reload falls back to the browser's languages
  }
  window.location.reload();
}

/** A language's name in itself, capitalized ("Français" for "fr"); the code when Intl does not know it. */
export function languageName(code: string): string {
  try {
    const name = new Intl.DisplayNames([code], { type: "language", fallback: "none" }).of(code);
    if (name) return name.charAt(0).toLocaleUpperCase(code) + name.slice(1);
  } catch {
    // not a valid tag
  }
  return code;
}
