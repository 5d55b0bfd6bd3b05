import { useEffect, useState } from "react";
import { currentUser, logout, type CurrentUser } from "../api/auth";
import { DashboardView } from "../dashboards/DashboardView";
import { EmbedView } from "../embed/EmbedView";
import { Home } from "../dashboards/Home";
import { ExtensionNotices } from "../extensions/ExtensionNotices";
import { startExtensions } from "../extensions/host";
import { t } from "../i18n";
import { Login } from "./Login";
import { UserContext } from "./UserBadge";
import { hashOf, useHashRoute } from "./useHashRoute";

/** "checking" until the server says who the page runs as: nothing that reads data renders before that. */
type AuthState =
  { status: "checking" } | { status: "login" } | { status: "ready"; user: CurrentUser } | { status: "error"; message: string };

export function App() {
  const route = useHashRoute();
  const [auth, setAuth] = useState<AuthState>({ status: "checking" });

  useEffect(() => {
    currentUser().then(
      (user) => setAuth(user ? { status: "ready", user } : { status: "login" }),
      (e: unknown) => setAuth({ status: "error", message: e instanceof Error ? e.message : String(e) }),
    );
  }, []);

  // The session's extensions load once the page knows its user (their files are served to logged-in users only), once per page.
  const ready = auth.status === "ready";
  useEffect(() => {
    if (ready) void startExtensions();
  }, [ready]);

  if (auth.status === "checking") return null;
  if (auth.status === "error") return <div className="error">{t("app.cannotReachSession", { message: auth.message })}</div>;
  if (auth.status === "login") return <Login onLoggedIn={(user) => setAuth({ status: "ready", user })} />;
  const signOut = () => void logout().finally(() => setAuth({ status: "login" }));
  return (
    <UserContext.Provider value={{ user: auth.user, logout: signOut }}>
      {route.page === "home" ? (
        <Home />
      ) : route.page === "embed" ? (
        // A new link, a new widget (and a new live query).
        <EmbedView key={hashOf(route)} route={route} />
      ) : (
        <DashboardView key={route.id ?? "new"} id={route.id} present={route.present} />
      )}
      <ExtensionNotices />
    </UserContext.Provider>
  );
}
