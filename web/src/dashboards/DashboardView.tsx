import { Brand } from "../app/Brand";
import { useCallback, useEffect, useState } from "react";
import { api } from "../api/client";
import type { Diagnostic } from "../api/types";
import { UserBadge } from "../app/UserBadge";
import { navigate } from "../app/useHashRoute";
import { t } from "../i18n";
import { DataModelPanel } from "../data-model/DataModelPanel";
import { useCubeList, useCubeModels } from "../data-model/useCubes";
import { FilterBar } from "../filters/FilterBar";
import { dropOn } from "../widget/edit";
import { WizardPanel } from "../wizard/WizardPanel";
import {
  addWidget,
  defineCalculated,
  inheritedFilters,
  newDashboard,
  parseDashboard,
  removeCalculated,
  removeWidget,
  moveWidget,
  resizeWidget,
  updateWidget,
  updatePage,
  BASE_SCENARIO,
  type Dashboard,
} from "./model";
import { PageTabs } from "./PageTabs";
import { useHistory } from "./useHistory";
import { WidgetTile } from "./WidgetTile";
import { SharePopover } from "./SharePopover";
import { TitleBarButtons } from "../extensions/TitleBarButtons";

export function DashboardView({ id, present = false }: { id?: string; present?: boolean }) {
  const history = useHistory<Dashboard>(newDashboard());
  const dashboard = history.value;
  const [loadError, setLoadError] = useState<string>();
  const [loading, setLoading] = useState(!!id);
  const [pageId, setPageId] = useState(dashboard.pages[0].id);
  const [selected, setSelected] = useState<string>();
  const [status, setStatus] = useState<string>();
  // Presentation mode: the widgets alone, full width (a #/present/ link, or the Present button; Escape leaves it).
  const [presenting, setPresenting] = useState(present);
  useEffect(() => setPresenting(present), [present]);
  const [sharing, setSharing] = useState(false);
  // The dashboard as last opened or saved: edits since then are unsaved, and leaving asks first.
  const [savedJson, setSavedJson] = useState(() => JSON.stringify(dashboard));
  const dirty = JSON.stringify(dashboard) !== savedJson;
  const [diagnostics, setDiagnostics] = useState<Record<string, Diagnostic[] | undefined>>({});
  const { cubes, error: cubesError } = useCubeList();
  const [cube, setCube] = useState("");
  const [scenarios, setScenarios] = useState<string[]>([BASE_SCENARIO]);
  // Scenarios come and go on the server: the list is read again whenever the picker is opened.
  const loadScenarios = useCallback(() => {
    api.scenarios().then(
      (list) => setScenarios(list.map((s) => s.name)),
      () => setScenarios([BASE_SCENARIO]),
    );
  }, []);
  useEffect(loadScenarios, [loadScenarios]);

  useEffect(() => {
    if (!id) return;
    api.getContent<unknown>(id).then(
      (item) => {
        const d = parseDashboard(item.id, item.name, item.folder, item.body);
        history.set(d, false);
        setSavedJson(JSON.stringify(d));
        setPageId(d.pages[0].id);
        setLoading(false);
      },
      (e: unknown) => {
        setLoadError(e instanceof Error ? e.message : String(e));
        setLoading(false);
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);

  const page = dashboard.pages.find((p) => p.id === pageId) ?? dashboard.pages[0];
  const widget = page.widgets.find((w) => w.id === selected);
  useEffect(() => {
    if (!cube && cubes.length) setCube(widget?.cube ?? cubes[0].name);
  }, [cube, cubes, widget?.cube]);
  useEffect(() => {
    if (widget && widget.cube !== cube) setCube(widget.cube);
  }, [widget, cube]);

  const models = useCubeModels([cube, ...page.widgets.map((w) => w.cube)]);
  const filters = inheritedFilters(dashboard, page.id);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (target.closest("input, textarea, select")) return;
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "z") {
        e.preventDefault();
        if (e.shiftKey) history.redo();
        else history.undo();
      } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "y") {
        e.preventDefault();
        history.redo();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [history]);

  const onDiagnostics = useCallback(
    (widgetId: string, d: Diagnostic[] | undefined) => setDiagnostics((s) => (s[widgetId] === d ? s : { ...s, [widgetId]: d })),
    [],
  );

  const add = () => {
    const targetCube = cube || cubes[0]?.name || "";
    const { dashboard: next, widget: w } = addWidget(dashboard, page.id, targetCube);
    history.set(next);
    setSelected(w.id);
    return w;
  };

  const save = async (sharedWith?: { roles: string[]; users: string[] }) => {
    setStatus(t("dashboard.saving"));
    try {
      const item = await api.putContent(dashboard.id, {
        kind: "dashboard",
        name: dashboard.name,
        folder: dashboard.folder,
        body: dashboard,
        ...(sharedWith ? { sharedWith } : {}),
      });
      setSavedJson(JSON.stringify(dashboard));
      setStatus(t("dashboard.saved"));
      if (id !== item.id) window.history.replaceState(null, "", "#/dashboard/" + encodeURIComponent(item.id));
      setTimeout(() => setStatus(undefined), 2000);
    } catch (e) {
      setStatus(t("dashboard.saveFailed", { error: e instanceof Error ? e.message : String(e) }));
      if (sharedWith) throw e;
    }
  };

  useEffect(() => {
    if (!presenting) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setPresenting(false);
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [presenting]);

  useEffect(() => {
    if (!dirty) return;
    const onUnload = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", onUnload);
    return () => window.removeEventListener("beforeunload", onUnload);
  }, [dirty]);

  const goHome = () => {
    if (dirty && !window.confirm(t("dashboard.confirmLeave"))) return;
    navigate({ page: "home" });
  };

  if (loading) return <div className="center muted">{t("dashboard.loading")}</div>;
  if (loadError)
    return (
      <div className="center">
        <div className="error">{t("dashboard.cannotOpen", { error: loadError })}</div>
        <button onClick={() => navigate({ page: "home" })}>{t("dashboard.backHome")}</button>
      </div>
    );

  return (
    <div className={"app" + (presenting ? " presenting" : "")} data-testid={presenting ? "presentation" : undefined}>
      {presenting && (
        <header className="topbar presentation-bar">
          <strong data-testid="presentation-title">{dashboard.name}</strong>
          <FilterBar cube={cube} model={models[cube]} filters={dashboard.filters} onChange={() => undefined} readOnly />
          <button data-testid="exit-presentation" onClick={() => setPresenting(false)}>
            {t("dashboard.exitPresentation")}
          </button>
        </header>
      )}
      <header className="topbar">
        <button className="brand" data-testid="go-home" onClick={goHome} title={t("dashboard.home")}>
          <Brand dark />
        </button>
        <input
          className="dashboard-name"
          data-testid="dashboard-name"
          value={dashboard.name}
          onChange={(e) => history.set({ ...dashboard, name: e.target.value }, false)}
        />
        <input
          className="dashboard-folder"
          data-testid="dashboard-folder"
          title={t("dashboard.folder")}
          value={dashboard.folder}
          onChange={(e) => history.set({ ...dashboard, folder: e.target.value || "/" }, false)}
        />
        <select
          className="scenario-picker"
          data-testid="scenario-picker"
          title={t("dashboard.scenario")}
          value={dashboard.scenario ?? BASE_SCENARIO}
          onFocus={loadScenarios}
          onMouseDown={loadScenarios}
          onChange={(e) => history.set({ ...dashboard, scenario: e.target.value })}
        >
          {[...new Set([...scenarios, dashboard.scenario ?? BASE_SCENARIO])].map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <button data-testid="undo" onClick={history.undo} disabled={!history.canUndo} title={t("dashboard.undo")}>
          ↶
        </button>
        <button data-testid="redo" onClick={history.redo} disabled={!history.canRedo} title={t("dashboard.redo")}>
          ↷
        </button>
        <button data-testid="add-widget" onClick={add} disabled={!cube && !cubes.length}>
          {t("dashboard.addWidget")}
        </button>
        <button className="primary" data-testid="save-dashboard" onClick={() => void save()}>
          {t("dashboard.save")}
        </button>
        <button data-testid="share-dashboard" onClick={() => setSharing((x) => !x)} title={t("dashboard.shareTitle")}>
          {t("dashboard.share")}
        </button>
        <button data-testid="present" onClick={() => setPresenting(true)} title={t("dashboard.presentTitle")}>
          {t("dashboard.present")}
        </button>
        {sharing && <SharePopover id={dashboard.id} onShare={(roles, users) => save({ roles, users })} onClose={() => setSharing(false)} />}
        {(status || dirty) && (
          <span className={"status" + (!status ? " unsaved" : "")} data-testid="save-status">
            {status ?? t("dashboard.unsaved")}
          </span>
        )}
        <TitleBarButtons context={{ page: "dashboard", dashboardId: dashboard.id, dashboardName: dashboard.name }} />
        <UserBadge />
      </header>
      <div className="workspace">
        <DataModelPanel
          cubes={cubes}
          cube={cube}
          model={models[cube]}
          onCubeChange={(c) => {
            setCube(c);
            if (widget && widget.rows.length + widget.columns.length + widget.measures.length === 0)
              history.set(updateWidget(dashboard, { ...widget, cube: c }));
          }}
          calculated={dashboard.calculatedMeasures}
          onDefineCalculated={(c) => history.set((d) => defineCalculated(d, c))}
          onRemoveCalculated={(name) => history.set((d) => removeCalculated(d, cube, name))}
          onAdd={(item) => {
            const w = widget ?? add();
            const base = widget ? dashboard : undefined;
            const zone = item.kind === "measure" ? "values" : "rows";
            const next = dropOn(w, zone, item);
            history.set((d) => updateWidget(base ?? d, next));
          }}
        />
        <main className="canvas">
          {cubesError && <div className="error">{t("dashboard.cannotReachServer", { error: cubesError })}</div>}
          <FilterBar
            cube={cube}
            model={models[cube]}
            filters={dashboard.filters}
            onChange={(f) => history.set({ ...dashboard, filters: f })}
          />
          <FilterBar
            scope="page"
            cube={cube}
            model={models[cube]}
            filters={page.filters}
            onChange={(f) => history.set(updatePage(dashboard, page.id, { filters: f }))}
          />
          <PageTabs
            dashboard={dashboard}
            pageId={page.id}
            onSelect={setPageId}
            onChange={(d, p) => {
              history.set(d);
              if (p) setPageId(p);
            }}
          />
          <div
            className="tiles"
            data-testid="dashboard-grid"
            // Only a press on the grid's background deselects: a press in a tile bubbles here after selecting it.
            onMouseDown={(e) => e.target === e.currentTarget && setSelected(undefined)}
          >
            {page.widgets.length === 0 && (
              <div className="empty-page">
                <p>{t("dashboard.emptyPage")}</p>
                <button className="primary" data-testid="add-widget-empty" onClick={add}>
                  {t("dashboard.addFirstWidget")}
                </button>
              </div>
            )}
            {page.widgets.map((w) => (
              <WidgetTile
                key={w.id}
                spec={w}
                layout={page.layout[w.id] ?? { w: 6, h: 5 }}
                model={models[w.cube]}
                filters={filters}
                calculated={dashboard.calculatedMeasures}
                selected={w.id === selected}
                onSelect={() => setSelected(w.id)}
                onChange={(s) => history.set((d) => updateWidget(d, s))}
                onRemove={() => history.set((d) => removeWidget(d, w.id))}
                onResize={(size) => history.set((d) => resizeWidget(d, page.id, w.id, size), false)}
                onMoveHere={(moved) => history.set((d) => moveWidget(d, page.id, moved, w.id))}
                onDiagnostics={(d) => onDiagnostics(w.id, d)}
                presenting={presenting}
              />
            ))}
          </div>
        </main>
        <WizardPanel
          spec={widget}
          model={widget ? models[widget.cube] : undefined}
          inherited={filters}
          calculated={dashboard.calculatedMeasures}
          diagnostics={widget ? diagnostics[widget.id] : undefined}
          onChange={(s) => history.set((d) => updateWidget(d, s))}
        />
      </div>
    </div>
  );
}
