/**
 * The settings the server writes into the page (index.html's #cuboid-shell data block, rendered by the
 * server's AppShell): the session's branding. Read once at start; the defaults apply when the page has
 * no block (the development server).
 */
export interface ShellSettings {
  title: string;
  /** The logo on light backgrounds (the login page). */
  logo: string | null;
  /** The logo on dark backgrounds (the title bar); the light one when the session has no dark one. */
  darkLogo: string | null;
  accentColor: string | null;
}

const defaults: ShellSettings = { title: "Cuboid", logo: null, darkLogo: null, accentColor: null };

/** The block's text over the defaults; the defaults alone when there is none or it does not parse. */
export function parseShell(text: string | null | undefined): ShellSettings {
  if (!text) return defaults;
  try {
    return { ...defaults, ...(JSON.parse(text) as Partial<ShellSettings>) };
  } catch {
    return defaults;
  }
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
