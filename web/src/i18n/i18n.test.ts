import { describe, expect, it } from "vitest";
import { en, type MessageKey } from "./en";
import { fr } from "./fr";
import { decimalSeparator, formatDate, formatNumber } from "./format";
import { languageName, pickLocale } from "./locale";
import { t, translator } from "./messages";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("the catalogues", () => {
  it("French has exactly the English keys, with the same placeholders", () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as MessageKey[]) expect([key, placeholders(fr[key])]).toEqual([key, placeholders(en[key])]);
  });

  it("have no empty string", () => {
    for (const catalogue of [en, fr]) expect(Object.entries(catalogue).filter(([, text]) => text.trim() === "")).toEqual([]);
  });
});

describe("translator", () => {
  it("takes the session's string, then the app's catalogue, then English", () => {
    const fr2 = translator("fr", { fr: { "home.newDashboard": "Créer un tableau" } });
    expect(fr2("home.newDashboard")).toBe("Créer un tableau");
    expect(fr2("login.submit")).toBe("Se connecter");
    // A language the app does not ship: what the session gives, English for the rest.
    const de = translator("de", { de: { "login.submit": "Anmelden" } });
    expect(de("login.submit")).toBe("Anmelden");
    expect(de("user.logout")).toBe("Log out");
  });

  it("falls back from a regional locale to its language", () => {
    expect(translator("fr-CA")("login.submit")).toBe("Se connecter");
    expect(translator("fr-CA", { "fr-CA": { "login.submit": "Connexion" } })("login.submit")).toBe("Connexion");
  });

  it("substitutes placeholders, keeping one without a parameter", () => {
    expect(translator("en")("home.confirmDelete", { name: "Sales" })).toBe('Delete "Sales"?');
    expect(translator("fr")("dashboard.page", { number: 2 })).toBe("Page 2");
    expect(translator("en")("drillthrough.rows", { from: 1 })).toBe("Rows 1–{to} of {total}");
  });

  it("is English outside a browser (the session's default)", () => {
    expect(t("login.submit")).toBe("Log in");
  });
});

describe("pickLocale", () => {
  const offered = ["en", "fr", "de"];

  it("keeps the user's choice when the session offers it", () => {
    expect(pickLocale(offered, "de", ["fr-FR"], "en")).toBe("de");
    expect(pickLocale(offered, "it", ["fr-FR"], "en")).toBe("fr");
  });

  it("takes the first of the browser's languages offered, exactly or by its language", () => {
    expect(pickLocale(offered, null, ["fr-CA", "en-US"], "en")).toBe("fr");
    expect(pickLocale(offered, null, ["it", "DE"], "en")).toBe("de");
    expect(pickLocale(["en", "fr", "fr-CA"], null, ["fr-CA"], "en")).toBe("fr-CA");
  });

  it("falls back to the session's default", () => {
    expect(pickLocale(offered, null, ["it", "es"], "fr")).toBe("fr");
    expect(pickLocale(offered, null, [], "en")).toBe("en");
  });
});

describe("formatting", () => {
  it("writes numbers as the locale does", () => {
    expect(formatNumber(1234.5, {}, "en")).toBe("1,234.5");
    expect(formatNumber(1234.5, {}, "fr")).toBe("1\u202f234,5");
    expect(formatNumber(0.35, { style: "percent" }, "fr")).toBe("35\u00a0%");
    expect(formatNumber(1234.5)).toBe("1,234.5"); // the page's locale: English here
    expect([decimalSeparator("en"), decimalSeparator("fr")]).toEqual([".", ","]);
  });

  it("writes dates as the locale does, and leaves what is not a date as it is", () => {
    const date = new Date(2024, 2, 5, 14, 30);
    expect(formatDate(date, { dateStyle: "short" }, "en")).toBe("3/5/24");
    expect(formatDate(date, { dateStyle: "short" }, "fr")).toBe("05/03/2024");
    expect(formatDate("not a date")).toBe("not a date");
  });

  it("names each language in itself", () => {
    expect(languageName("en")).toBe("English");
    expect(languageName("fr")).toBe("Français");
    expect(languageName("de")).toBe("Deutsch");
    expect(languageName("not a tag")).toBe("not a tag");
  });
});
