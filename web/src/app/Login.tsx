import { useEffect, useState } from "react";
import { login, loginMethods, type CurrentUser, type LoginMethods } from "../api/auth";
import { ApiError } from "../api/client";
import { t } from "../i18n";
import { Brand } from "./Brand";
import { LocalePicker } from "./LocalePicker";

/** The login page: shown before anything of the session's data is asked for. */
export function Login({ onLoggedIn }: { onLoggedIn: (user: CurrentUser) => void }) {
  const [user, setUser] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [methods, setMethods] = useState<LoginMethods>({ password: true, oidc: null });

  useEffect(() => {
    loginMethods().then(setMethods, () => {});
  }, []);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onLoggedIn(await login(user, password));
    } catch (err) {
      setError(
        err instanceof ApiError && err.status === 401 ? t("login.wrongCredentials") : err instanceof Error ? err.message : String(err),
      );
      setPassword("");
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="login">
      <LocalePicker />
      <form className="login-box" onSubmit={submit} data-testid="login-form">
        <div className="brand">
          <Brand dark={false} />
        </div>
        {methods.oidc && (
          // A navigation: the provider logs the user in and sends the browser back here.
          <a className="primary button" href="/api/auth/oidc/login" data-testid="login-oidc">
            {t("login.withProvider", { provider: methods.oidc })}
          </a>
        )}
        {methods.password && (
          <>
            <label>
              {t("login.name")}
              <input autoFocus autoComplete="username" data-testid="login-user" value={user} onChange={(e) => setUser(e.target.value)} />
            </label>
            <label>
              {t("login.password")}
              <input
                type="password"
                autoComplete="current-password"
                data-testid="login-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </label>
          </>
        )}
        {error && (
          <div className="error" data-testid="login-error">
            {error}
          </div>
        )}
        {methods.password && (
          <button className="primary" type="submit" disabled={busy || user.length === 0} data-testid="login-submit">
            {t("login.submit")}
          </button>
        )}
      </form>
    </div>
  );
}
