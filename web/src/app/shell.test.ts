import { describe, expect, it } from "vitest";
import { accentVariables, parseShell } from "./shell";

const languages = { defaultLocale: "en", locales: ["en", "fr"], appStrings: {} };
const none = { extensions: [] };

describe("parseShell", () => {
  it("reads the server's block over the defaults", () => {
    const settings = parseShell('{"title":"Acme","logo":"/branding/logo.svg","darkLogo":"/branding/logo.svg","accentColor":"#d9480f"}');
    expect(settings).toEqual({
      title: "Acme",
      logo: "/branding/logo.svg",
      darkLogo: "/branding/logo.svg",
      accentColor: "#d9480f",
      ...languages,
      ...none,
    });
  });

  it("falls back to Cuboid's own without a block or with a broken one", () => {
    expect(parseShell(null).title).toBe("Cuboid");
    expect(parseShell("{not json").accentColor).toBeNull();
    expect(parseShell('{"title":"Acme"}')).toEqual({ title: "Acme", logo: null, darkLogo: null, accentColor: null, ...languages, ...none });
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

describe("parseShell's extensions", () => {
  it("reads each extension's name and entry module, none by default", () => {
    expect(parseShell(null).extensions).toEqual([]);
    expect(parseShell('{"extensions":[]}').extensions).toEqual([]);
    expect(parseShell('{"extensions":null}').extensions).toEqual([]);
    const settings = parseShell(
      '{"extensions":[{"name":"heatmap","entry":"/extensions/heatmap/index.js"},{"name":"notes","entry":"/extensions/notes/index.js"}]}',
    );
    expect(settings.extensions).toEqual([
      { name: "heatmap", entry: "/extensions/heatmap/index.js" },
      { name: "notes", entry: "/extensions/notes/index.js" },
    ]);
  });

  it("leaves out malformed entries and entries off this origin", () => {
    const settings = parseShell(
      JSON.stringify({
        extensions: [
          { name: "ok", entry: "/extensions/ok/index.js" },
          { name: "", entry: "/extensions/x/index.js" },
          { name: "no-entry" },
          { name: "elsewhere", entry: "https://cdn.example.com/index.js" },
          { name: "protocol-relative", entry: "//cdn.example.com/index.js" },
          "heatmap",
          null,
        ],
      }),
    );
    expect(settings.extensions).toEqual([{ name: "ok", entry: "/extensions/ok/index.js" }]);
    expect(parseShell('{"extensions":{"name":"heatmap"}}').extensions).toEqual([]);
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
