import { useState } from "react";
import { login, type CurrentUser } from "../api/auth";
import { ApiError } from "../api/client";

/** The login page: shown before anything of the session's data is asked for. */
export function Login({ onLoggedIn }: { onLoggedIn: (user: CurrentUser) => void }) {
  const [user, setUser] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onLoggedIn(await login(user, password));
    } catch (err) {
      setError(
        err instanceof ApiError && err.status === 401
          ? "Wrong name or password."
          : err instanceof Error
            ? err.message
            : String(err),
      );
      setPassword("");
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="login">
      <form className="login-box" onSubmit={submit} data-testid="login-form">
        <div className="brand">◆ Cuboid</div>
        <label>
          Name
          <input autoFocus autoComplete="username" data-testid="login-user" value={user} onChange={(e) => setUser(e.target.value)} />
        </label>
        <label>
          Password
          <input
            type="password"
            autoComplete="current-password"
            data-testid="login-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error && (
          <div className="error" data-testid="login-error">
            {error}
          </div>
        )}
        <button className="primary" type="submit" disabled={busy || user.length === 0} data-testid="login-submit">
          Log in
        </button>
      </form>
    </div>
  );
}
