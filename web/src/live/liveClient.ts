import type { CellSet, Diagnostic } from "../api/types";
import { locale } from "../i18n";

/** A live query's result, or its error: the server's message, and the MDX diagnostics when the query is at fault. */
export type LiveMessage =
  { type: "result"; id: string; cellSet: CellSet } | { type: "error"; id: string; message?: string; diagnostics: Diagnostic[] };

type Listener = (message: LiveMessage) => void;

/**
 * One WebSocket to /api/live shared by all live widgets: `register` on subscribe, `update` when
 * the query changes, `stop` on unsubscribe; reconnects (re-registering) after a drop.
 */
export class LiveClient {
  private socket: WebSocket | undefined;
  private readonly queries = new Map<string, { mdx: string; listener: Listener }>();
  private retry = 0;
  private closed = false;

  private readonly url: string;

  constructor(url: string = LiveClient.defaultUrl()) {
    this.url = withLocale(url, locale);
  }

  static defaultUrl(): string {
    const { protocol, host } = window.location;
    return (protocol === "https:" ? "wss://" : "ws://") + host + "/api/live";
  }

  subscribe(id: string, mdx: string, listener: Listener): () => void {
    const known = this.queries.get(id);
    this.queries.set(id, { mdx, listener });
    this.send({ type: known ? "update" : "register", id, mdx });
    return () => {
      if (this.queries.get(id)?.listener !== listener) return;
      this.queries.delete(id);
      this.send({ type: "stop", id });
    };
  }

  private send(message: object): void {
    const socket = this.connect();
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
    // otherwise `open` registers every query
  }

  private connect(): WebSocket {
    if (this.socket && this.socket.readyState <= WebSocket.OPEN) return this.socket;
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onopen = () => {
      this.retry = 0;
      for (const [id, q] of this.queries) socket.send(JSON.stringify({ type: "register", id, mdx: q.mdx }));
    };
    socket.onmessage = (event) => {
      let message: LiveMessage;
      try {
        message = JSON.parse(String(event.data)) as LiveMessage;
      } catch {
        return;
      }
      this.queries.get(message.id)?.listener(message);
    };
    socket.onclose = () => {
      if (this.closed || this.queries.size === 0) return;
      const delay = Math.min(10000, 500 * 2 ** this.retry++);
      setTimeout(() => {
        if (this.queries.size > 0) this.connect();
      }, delay);
    };
    return socket;
  }

  close(): void {
    this.closed = true;
    this.socket?.close();
  }
}

/**
 * The socket's URL with the page's locale as a `locale` parameter (a browser cannot set headers on a
 * WebSocket): the server answers captions and formatted values in it. Other parameters are kept.
 */
export function withLocale(url: string, tag: string): string {
  const u = new URL(url);
  u.searchParams.set("locale", tag);
  return u.toString();
}

let shared: LiveClient | undefined;
export function liveClient(): LiveClient {
  return (shared ??= new LiveClient());
}
