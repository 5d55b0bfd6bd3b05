import { ApiError, json, request, setCsrfToken } from "./client";

/** The user the page runs as; `authenticated` false when the session has no authentication. */
export interface CurrentUser {
  name: string | null;
  roles: string[];
  authenticated: boolean;
}

/**
 * The user of this page, or null when the session wants a login first. A logged-in page also fetches its
 * anti-forgery token, which every write then carries.
 */
export async function currentUser(): Promise<CurrentUser | null> {
  try {
    const user = await json<CurrentUser>("/api/auth/me");
    if (user.authenticated) setCsrfToken((await json<{ token: string }>("/api/auth/csrf")).token);
    return user;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

/** Logs in with a name and password; the server answers a session cookie and a new anti-forgery token. */
export async function login(user: string, password: string): Promise<CurrentUser> {
  setCsrfToken((await json<{ token: string }>("/api/auth/csrf")).token);
  const answer = await json<{ name: string; roles: string[]; csrf: string }>("/api/auth/login", {
    method: "POST",
    body: JSON.stringify({ user, password }),
  });
  setCsrfToken(answer.csrf);
  return { name: answer.name, roles: answer.roles, authenticated: true };
}

export async function logout(): Promise<void> {
  await request("/api/auth/logout", { method: "POST" });
  setCsrfToken(null);
}

/** How this session's users log in: a name and password, an identity provider (its name), or both. */
export interface LoginMethods {
  password: boolean;
  oidc: string | null;
}

export const loginMethods = () => json<LoginMethods>("/api/auth/login-methods");
