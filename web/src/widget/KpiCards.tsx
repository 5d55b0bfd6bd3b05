import type { Kpi } from "./kpi";

/** KPI cards: each value large, its measure (and row member) under it. */
export function KpiCards({ kpis }: { kpis: Kpi[] }) {
  if (kpis.length === 0) return <div className="widget-empty">Drop measures onto Values.</div>;
  return (
    <div className="kpis" data-testid="kpis">
      {kpis.map((k, i) => (
        <div key={k.key} className="kpi" data-testid={`kpi-${i}`}>
          <div className="kpi-value" data-testid={`kpi-value-${i}`}>
            {k.formatted}
          </div>
          <div className="kpi-title">{k.title}</div>
          {k.subtitle && <div className="kpi-subtitle">{k.subtitle}</div>}
        </div>
      ))}
    </div>
  );
}
