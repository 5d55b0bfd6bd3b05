import { describe, expect, it } from "vitest";
import { withLocale } from "./liveClient";

describe("withLocale", () => {
  it("adds the locale to the socket's URL, keeping its other parameters", () => {
    expect(withLocale("ws://host/api/live", "fr")).toBe("ws://host/api/live?locale=fr");
    expect(withLocale("wss://host/api/live?token=a&locale=en", "fr-CA")).toBe("wss://host/api/live?token=a&locale=fr-CA");
  });
});
