import type { DrillthroughResult } from "../api/types";
import { formatNumber, t } from "../i18n";

/** A drillthrough value as the dialog shows it: numbers grouped in the page's locale (two decimals at most), nothing for null. */
export function showValue(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return formatNumber(v, { maximumFractionDigits: 2 });
  return String(v);
}

/** "Rows 1,001–2,000 of 12,345": the page shown. */
export function pageLabel(offset: number, shown: number, total: number): string {
  if (total === 0) return t("drillthrough.noRows");
  return t("drillthrough.rows", { from: formatNumber(offset + 1), to: formatNumber(offset + shown), total: formatNumber(total) });
}

/** The chosen columns of drillthrough rows as CSV (RFC 4180 quoting, raw numbers), for a download. */
export function drillthroughCsv(result: DrillthroughResult, hidden: Set<string>): string {
  const keep = result.columns.map((c, i) => ({ c, i })).filter(({ c }) => !hidden.has(c));
  const quote = (text: string) => (/[",\r\n]/.test(text) ? '"' + text.replaceAll('"', '""') + '"' : text);
  const cell = (v: unknown) => (v === null || v === undefined ? "" : quote(String(v)));
  return (
    [keep.map(({ c }) => quote(c)).join(","), ...result.rows.map((row) => keep.map(({ i }) => cell(row[i])).join(","))].join("\r\n") +
    "\r\n"
  );
}
