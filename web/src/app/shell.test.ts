import { describe, expect, it } from "vitest";
import { accentVariables, parseShell } from "./shell";

describe("parseShell", () => {
  it("reads the server's block over the defaults", () => {
    const settings = parseShell('{"title":"Acme","logo":"/branding/logo.svg","darkLogo":"/branding/logo.svg","accentColor":"#d9480f"}');
    expect(settings).toEqual({ title: "Acme", logo: "/branding/logo.svg", darkLogo: "/branding/logo.svg", accentColor: "#d9480f" });
  });

  it("falls back to Cuboid's own without a block or with a broken one", () => {
    expect(parseShell(null).title).toBe("Cuboid");
    expect(parseShell("{not json").accentColor).toBeNull();
    expect(parseShell('{"title":"Acme"}')).toEqual({ title: "Acme", logo: null, darkLogo: null, accentColor: null });
  });
});

describe("accentVariables", () => {
  it("sets the accent and its soft tint, and nothing without a colour", () => {
    expect(accentVariables({ title: "t", logo: null, darkLogo: null, accentColor: "#d9480f" })).toEqual([
      ["--accent", "#d9480f"],
      ["--accent-soft", "color-mix(in srgb, #d9480f 12%, white)"],
    ]);
    expect(accentVariables({ title: "t", logo: null, darkLogo: null, accentColor: null })).toEqual([]);
  });
});
