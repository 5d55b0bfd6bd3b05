import { describe, expect, it } from "vitest";
import { accentVariables, parseShell } from "./shell";

const languages = { defaultLocale: "en", locales: ["en", "fr"], appStrings: {} };

describe("parseShell", () => {
  it("reads the server's block over the defaults", () => {
    const settings = parseShell('{"title":"Acme","logo":"/branding/logo.svg","darkLogo":"/branding/logo.svg","accentColor":"#d9480f"}');
    expect(settings).toEqual({
      title: "Acme",
      logo: "/branding/logo.svg",
      darkLogo: "/branding/logo.svg",
      accentColor: "#d9480f",
      ...languages,
    });
  });

  it("falls back to Cuboid's own without a block or with a broken one", () => {
    expect(parseShell(null).title).toBe("Cuboid");
    expect(parseShell("{not json").accentColor).toBeNull();
    expect(parseShell('{"title":"Acme"}')).toEqual({ title: "Acme", logo: null, darkLogo: null, accentColor: null, ...languages });
  });

  it("reads the session's languages, English and French by default", () => {
    expect(parseShell(null)).toMatchObject(languages);
    const settings = parseShell(
      '{"defaultLocale":"fr","locales":["en","fr","de"],"appStrings":{"de":{"home.newDashboard":"Neues Dashboard"}}}',
    );
    expect(settings.defaultLocale).toBe("fr");
    expect(settings.locales).toEqual(["en", "fr", "de"]);
    expect(settings.appStrings).toEqual({ de: { "home.newDashboard": "Neues Dashboard" } });
    expect(parseShell('{"locales":null,"appStrings":null}')).toMatchObject(languages);
  });
});

describe("accentVariables", () => {
  it("sets the accent and its soft tint, and nothing without a colour", () => {
    expect(accentVariables({ ...parseShell(null), accentColor: "#d9480f" })).toEqual([
      ["--accent", "#d9480f"],
      ["--accent-soft", "color-mix(in srgb, #d9480f 12%, white)"],
    ]);
    expect(accentVariables(parseShell(null))).toEqual([]);
  });
});
