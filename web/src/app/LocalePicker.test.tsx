import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { UserBadge } from "./UserBadge";

describe("the language picker", () => {
  it("is in the title bar, without authentication too, offering the session's languages by their own names", () => {
    const html = renderToString(<UserBadge />);
    expect(html).toContain('data-testid="locale-picker"');
    expect(html).toMatch(/<option value="en"[^>]*selected=""[^>]*>English<\/option>/);
    expect(html).toMatch(/<option value="fr"[^>]*>Français<\/option>/);
    expect(html).not.toContain('data-testid="logout"');
  });
});
