import { formatNumber, t } from "../i18n";
import type { Kpi } from "./kpi";

/** A change as a signed percentage with one decimal ("+20.0%"). */
const percentChange = (share: number) =>
  formatNumber(share, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: "exceptZero" });

/** KPI cards: each value large, its measure (and row member) under it, and its change against the comparison. */
export function KpiCards({ kpis }: { kpis: Kpi[] }) {
  if (kpis.length === 0) return <div className="widget-empty">{t("kpi.empty")}</div>;
  return (
    <div className="kpis" data-testid="kpis">
      {kpis.map((k, i) => (
        <div key={k.key} className="kpi" data-testid={`kpi-${i}`}>
          <div className="kpi-value" data-testid={`kpi-value-${i}`}>
            {k.formatted}
          </div>
          {k.comparison && (
            <div
              className={"kpi-delta " + (k.comparison.delta > 0 ? "up" : k.comparison.delta < 0 ? "down" : "flat")}
              data-testid={`kpi-delta-${i}`}
            >
              {k.comparison.delta > 0 ? "▲" : k.comparison.delta < 0 ? "▼" : "■"} {k.comparison.formattedDelta}
              {k.comparison.percent !== null && ` (${percentChange(k.comparison.percent)})`}
              <span className="kpi-delta-label"> {k.comparison.label}</span>
            </div>
          )}
          <div className="kpi-title">{k.title}</div>
          {k.subtitle && <div className="kpi-subtitle">{k.subtitle}</div>}
        </div>
      ))}
    </div>
  );
}
