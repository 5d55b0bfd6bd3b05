import type { DrillthroughResult } from "../api/types";

interface Props {
  mdx: string;
  result?: DrillthroughResult;
  error?: string;
  onClose: () => void;
}

const MAX_SHOWN = 1000;

export function DrillthroughDialog({ mdx, result, error, onClose }: Props) {
  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div className="modal" data-testid="drillthrough-dialog" onClick={(e) => e.stopPropagation()}>
        <div className="modal-head">
          <strong>Drillthrough</strong>
          <span className="muted">{result ? `${result.rows.length} rows` : error ? "" : "Loading…"}</span>
          <button className="icon-button" data-testid="drillthrough-close" onClick={onClose} title="Close">
            ×
          </button>
        </div>
        <pre className="mdx-preview">{mdx}</pre>
        {error && <div className="error">{error}</div>}
        {result && (
          <div className="drillthrough-table">
            <table>
              <thead>
                <tr>
                  {result.columns.map((c) => (
                    <th key={c}>{c}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {result.rows.slice(0, MAX_SHOWN).map((row, i) => (
                  <tr key={i}>
                    {row.map((v, j) => (
                      <td key={j} className={typeof v === "number" ? "num" : ""}>
                        {v === null || v === undefined ? "" : String(v)}
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
