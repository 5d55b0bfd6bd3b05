/**
 * The settings the server writes into the page (index.html's #cuboid-shell data block, rendered by the
 * server's AppShell): the session's branding, languages and web app extensions. Read once at start; the defaults apply when
 * the page has no block (the development server).
 */
export interface ShellSettings {
  title: string;
  /** The logo on light backgrounds (the login page). */
  logo: string | null;
  /** The logo on dark backgrounds (the title bar); the light one when the session has no dark one. */
  darkLogo: string | null;
  accentColor: string | null;
  /** The locale of a user whose browser asks for none of `locales`. */
  defaultLocale: string;
  /** The locales the session offers: the app's own (en, fr) and those the deployment adds translations for. */
  locales: string[];
  /** By locale, the session's strings for the app's message keys: rewordings, or a language the app does not ship. */
  appStrings: Record<string, Record<string, string>>;
  /** The extensions the session serves (SessionConfig.AppExtensions): each one's name and entry module, loaded after login (docs/extensions.md). */
  extensions: ShellExtension[];
}

/** An extension of the web app: its name and the URL of its entry module (`/extensions/{name}/index.js`). */
export interface ShellExtension {
  name: string;
  entry: string;
}

const defaults: ShellSettings = {
  title: "Cuboid",
  logo: null,
  darkLogo: null,
  accentColor: null,
  defaultLocale: "en",
  locales: ["en", "fr"],
  appStrings: {},
  extensions: [],
};

/**
 * The block's text over the defaults (a field sent as null keeps its default); the defaults alone when
 * there is none or it does not parse.
 */
export function parseShell(text: string | null | undefined): ShellSettings {
  if (!text) return defaults;
  try {
    const sent = Object.entries(JSON.parse(text) as Partial<ShellSettings>).filter(([, value]) => value !== null);
    const settings: ShellSettings = { ...defaults, ...Object.fromEntries(sent) };
    return { ...settings, extensions: extensionsOf(settings.extensions) };
  } catch {
    return defaults;
  }
}

/**
 * The well-formed entries of the block's extensions: a name and an entry on this origin (a path from the root, as the
 * server writes them); anything else is left out.
 */
function extensionsOf(value: unknown): ShellExtension[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((e: unknown) => {
    const { name, entry } = (e ?? {}) as Partial<Record<keyof ShellExtension, unknown>>;
    return typeof name === "string" && name && typeof entry === "string" && entry.startsWith("/") && !entry.startsWith("//")
      ? [{ name, entry }]
      : [];
  });
}

export const shell = parseShell(typeof document === "undefined" ? null : document.getElementById("cuboid-shell")?.textContent);

/** The CSS variables the accent colour sets: buttons, selections and links take it through them. */
export function accentVariables(settings: ShellSettings): [string, string][] {
  const color = settings.accentColor;
  return color
    ? [
        ["--accent", color],
        ["--accent-soft", `color-mix(in srgb, ${color} 12%, white)`],
      ]
    : [];
}

/** Applies the branding to the page: the accent colour on the root element (the title is in the served page already). */
export function applyShell(settings: ShellSettings = shell) {
  for (const [name, value] of accentVariables(settings)) document.documentElement.style.setProperty(name, value);
}
