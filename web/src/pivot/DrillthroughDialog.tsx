import { useState } from "react";
import type { DrillthroughResult } from "../api/types";
import { t } from "../i18n";
import { pageLabel, showValue } from "./drillthroughTable";

interface Props {
  mdx: string;
  offset: number;
  pageSize: number;
  result?: DrillthroughResult;
  error?: string;
  onPage: (offset: number) => void;
  /** Every row (up to the download's limit), for a CSV file. */
  onDownload: (hidden: Set<string>) => void;
  onClose: () => void;
}

/** The fact rows under a cell: a page at a time (read on the server), columns to choose, numbers formatted, a CSV download. */
export function DrillthroughDialog({ mdx, offset, pageSize, result, error, onPage, onDownload, onClose }: Props) {
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const [choosing, setChoosing] = useState(false);
  const columns = result ? result.columns.map((c, i) => ({ c, i })).filter(({ c }) => !hidden.has(c)) : [];
  const flip = (c: string) => setHidden((h) => (h.has(c) ? new Set([...h].filter((x) => x !== c)) : new Set([...h, c])));
  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div className="modal" data-testid="drillthrough-dialog" onClick={(e) => e.stopPropagation()}>
        <div className="modal-head">
          <strong>{t("drillthrough.title")}</strong>
          <span className="muted" data-testid="drillthrough-count">
            {result ? pageLabel(offset, result.rows.length, result.total) : error ? "" : t("common.loading")}
          </span>
          {result && (
            <>
              <button data-testid="drillthrough-prev" disabled={offset === 0} onClick={() => onPage(Math.max(0, offset - pageSize))}>
                {t("drillthrough.previous")}
              </button>
              <button
                data-testid="drillthrough-next"
                disabled={offset + result.rows.length >= result.total}
                onClick={() => onPage(offset + pageSize)}
              >
                {t("drillthrough.next")}
              </button>
              <button data-testid="drillthrough-columns" onClick={() => setChoosing((x) => !x)}>
                {t("drillthrough.columns")}
              </button>
              <button data-testid="drillthrough-csv" onClick={() => onDownload(hidden)}>
                {t("drillthrough.csv")}
              </button>
            </>
          )}
          <button className="icon-button" data-testid="drillthrough-close" onClick={onClose} title={t("common.close")}>
            ×
          </button>
        </div>
        {choosing && result && (
          <div className="column-chooser" data-testid="drillthrough-chooser">
            {result.columns.map((c) => (
              <label key={c}>
                <input type="checkbox" data-testid={`drillthrough-column-${c}`} checked={!hidden.has(c)} onChange={() => flip(c)} /> {c}
              </label>
            ))}
          </div>
        )}
        <pre className="mdx-preview">{mdx}</pre>
        {error && <div className="error">{error}</div>}
        {result && (
          <div className="drillthrough-table">
            <table>
              <thead>
                <tr>
                  {columns.map(({ c }) => (
                    <th key={c}>{c}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {result.rows.map((row, r) => (
                  <tr key={r}>
                    {columns.map(({ i }) => (
                      <td key={i} className={typeof row[i] === "number" ? "num" : ""}>
                        {showValue(row[i])}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </div>
  );
}
