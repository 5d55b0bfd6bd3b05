import { Brand } from "../app/Brand";
import { UserBadge } from "../app/UserBadge";
import { useEffect, useState } from "react";
import { api } from "../api/client";
import type { ContentSummary } from "../api/types";
import { navigate } from "../app/useHashRoute";
import { formatDate, t } from "../i18n";
import { matchesSearch } from "./model";
import { TitleBarButtons } from "../extensions/TitleBarButtons";

/** Saved dashboards as tiles grouped by folder, a search box and "New dashboard". */
export function Home() {
  const [items, setItems] = useState<ContentSummary[]>();
  const [error, setError] = useState<string>();
  const [search, setSearch] = useState("");

  const load = () =>
    api.listContent("dashboard").then(
      (list) => {
        setItems(list);
        setError(undefined);
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  useEffect(() => {
    load();
  }, []);

  const shown = (items ?? []).filter((i) => matchesSearch(i, search));
  const folders = [...new Set(shown.map((i) => i.folder || "/"))].sort();

  return (
    <div className="home">
      <header className="topbar">
        <span className="brand">
          <Brand dark />
        </span>
        <input
          className="search home-search"
          type="search"
          placeholder={t("home.search")}
          data-testid="home-search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <button className="primary" data-testid="new-dashboard" onClick={() => navigate({ page: "dashboard" })}>
          {t("home.newDashboard")}
        </button>
        <TitleBarButtons context={{ page: "home" }} />
        <UserBadge />
      </header>
      <div className="home-body">
        {error && <div className="error">{t("home.cannotList", { error })}</div>}
        {!items && !error && <div className="muted">{t("common.loading")}</div>}
        {items && shown.length === 0 && <div className="muted">{t(items.length ? "home.noMatch" : "home.empty")}</div>}
        {folders.map((folder) => (
          <section key={folder}>
            <h3 className="folder-title">{folder}</h3>
            <div className="dashboard-tiles">
              {shown
                .filter((i) => (i.folder || "/") === folder)
                .map((i) => (
                  <div
                    key={i.id}
                    className="dashboard-tile"
                    data-testid={`dashboard-tile-${i.name}`}
                    onClick={() => navigate({ page: "dashboard", id: i.id })}
                  >
                    <div className="dashboard-tile-name">{i.name}</div>
                    <div className="muted small">{i.updated ? formatDate(i.updated) : ""}</div>
                    <button
                      className="icon-button tile-delete"
                      title={t("home.delete")}
                      data-testid={`dashboard-delete-${i.name}`}
                      onClick={(e) => {
                        e.stopPropagation();
                        if (confirm(t("home.confirmDelete", { name: i.name })))
                          api.deleteContent(i.id).then(load, (err: unknown) => setError(String(err)));
                      }}
                    >
                      ×
                    </button>
                  </div>
                ))}
            </div>
          </section>
        ))}
      </div>
    </div>
  );
}
