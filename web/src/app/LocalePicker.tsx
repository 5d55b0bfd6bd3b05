import { languageName, locale, setLocale, t } from "../i18n";
import { shell } from "./shell";

/** The languages the session offers, each in its own name; choosing one reloads the page in it. */
export function LocalePicker() {
  return (
    <select
      className="locale-picker"
      data-testid="locale-picker"
      aria-label={t("locale.label")}
      title={t("locale.label")}
      value={locale}
      onChange={(e) => setLocale(e.target.value)}
    >
      {shell.locales.map((code) => (
        <option key={code} value={code} lang={code}>
          {languageName(code)}
        </option>
      ))}
    </select>
  );
}
