// Numbers and dates for display, in the page's locale (or one given). Values that go into MDX or files
// (CSV, literals) are written with String(), never through these.
import { locale } from "./locale";

const numberFormats = new Map<string, Intl.NumberFormat>();

/** A number as the locale writes it: its grouping and decimal separators, percent and compact forms. */
export function formatNumber(value: number, options: Intl.NumberFormatOptions = {}, tag: string = locale): string {
  const key = tag + JSON.stringify(options);
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(tag, options)));
  return format.format(value);
}

/** A date (and by default its time) as the locale writes it; the text itself when it is not a date. */
export function formatDate(
  value: Date | string | number,
  options: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short" },
  tag: string = locale,
): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : new Intl.DateTimeFormat(tag, options).format(date);
}

/** The locale's decimal separator: to read numbers the server formatted for it ("1 234,50" in French). */
export function decimalSeparator(tag: string = locale): string {
  return new Intl.NumberFormat(tag).formatToParts(1.5).find((p) => p.type === "decimal")?.value ?? ".";
}
