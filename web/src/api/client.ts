import { locale, t } from "../i18n";
import type {
  CellSet,
  ContentItem,
  ContentSummary,
  CubeModel,
  CubeSummary,
  DrillthroughResult,
  MembersPage,
  ProblemDetails,
} from "./types";

/** An error answered by the server as RFC 7807 problem details. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: ProblemDetails;

  constructor(status: number, problem: ProblemDetails) {
    super(problem.detail || problem.title || t("error.requestFailed", { status }));
    this.status = status;
    this.problem = problem;
  }
}

/** The anti-forgery token the server gave this page (with authentication on): sent with every write. */
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

export async function request(path: string, init?: RequestInit): Promise<Response> {
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    // Tells the server this is the web app: an anonymous call gets a bare 401 (the login page), not a password prompt.
    "X-Cuboid-Client": "web",
    // The server answers captions, formatted values and messages in the page's language.
    "Accept-Language": locale,
    ...((init?.headers as Record<string, string> | undefined) ?? {}),
  };
  if (csrfToken && init?.method && init.method !== "GET") headers["X-CSRF-TOKEN"] = csrfToken;
  const response = await fetch(path, { ...init, headers });
  if (!response.ok) {
    let problem: ProblemDetails = { status: response.status, title: response.statusText };
    try {
      const text = await response.text();
      problem = text ? { status: response.status, ...JSON.parse(text) } : problem;
    } catch {
      // not JSON: keep the status line
    }
    throw new ApiError(response.status, problem);
  }
  return response;
}

export async function json<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await request(path, init);
  return (await response.json()) as T;
}

const enc = encodeURIComponent;

export const api = {
  cubes: () => json<CubeSummary[]>("/api/cubes"),
  scenarios: () => json<{ name: string }[]>("/api/scenarios"),
  cube: (cube: string) => json<CubeModel>(`/api/cubes/${enc(cube)}`),
  members: (cube: string, level: string, search = "", offset = 0, limit = 100) =>
    json<MembersPage>(`/api/cubes/${enc(cube)}/members?level=${enc(level)}&search=${enc(search)}&offset=${offset}&limit=${limit}`),
  mdx: (mdx: string, signal?: AbortSignal) =>
    json<CellSet>("/api/mdx", {
      method: "POST",
      body: JSON.stringify({ mdx, timeoutMs: 30000, maxCells: 1000000 }),
      signal,
    }),
  /** A page of a drillthrough's rows: MAXROWS of them from `offset`, and their total. */
  drillthrough: (mdx: string, offset = 0) =>
    json<DrillthroughResult>("/api/mdx/drillthrough", { method: "POST", body: JSON.stringify({ mdx, offset }) }),
  csv: async (mdx: string) => (await request("/api/mdx/csv", { method: "POST", body: JSON.stringify({ mdx }) })).text(),
  listContent: (kind: string) => json<ContentSummary[]>(`/api/content?kind=${enc(kind)}`),
  getContent: <T>(id: string) => json<ContentItem<T>>(`/api/content/${enc(id)}`),
  putContent: <T>(
    id: string,
    item: { kind: string; name: string; folder: string; body: T; sharedWith?: { roles: string[]; users: string[] } },
  ) => json<ContentItem<T>>(`/api/content/${enc(id)}`, { method: "PUT", body: JSON.stringify(item) }),
  deleteContent: async (id: string) => {
    await request(`/api/content/${enc(id)}`, { method: "DELETE" });
  },
};
