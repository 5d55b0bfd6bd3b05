// The app's internationalization: its strings (t), the page's locale and its choice, and locale-aware formatting.
export { en, type MessageKey, type Messages } from "./en";
export { decimalSeparator, formatDate, formatNumber } from "./format";
export { languageName, languageOf, locale, pickLocale, setLocale } from "./locale";
export { interpolate, t, translator, type Params, type Translate } from "./messages";
