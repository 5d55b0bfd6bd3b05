// The messages about extensions the page shows (ExtensionNotices.tsx): an extension's own (api.notify), which go away
// after a few seconds, and its failures, which stay until dismissed.

export interface Notice {
  id: number;
  /** "info": an extension's message (api.notify); "error": an extension failed (to start, to draw, in a click). */
  kind: "info" | "error";
  /** The extension's name. */
  extension: string;
  text: string;
}

export interface Notices {
  list(): Notice[];
  info(extension: string, text: string): void;
  error(extension: string, text: string): void;
  dismiss(id: number): void;
  subscribe(listener: () => void): () => void;
  version(): number;
}

/** How long an extension's message stays. */
export const INFO_MS = 5000;

/** The most messages of extensions shown at once: the oldest go first (an extension calling notify in a loop cannot fill the page); failures all stay. */
const MAX_INFO = 3;

export function createNotices(timer: (run: () => void, ms: number) => unknown = setTimeout): Notices {
  let notices: Notice[] = [];
  let next = 1;
  let version = 0;
  const listeners = new Set<() => void>();
  const set = (list: Notice[]) => {
    notices = list;
    version++;
    for (const listener of [...listeners]) listener();
  };
  const push = (kind: Notice["kind"], extension: string, text: string) => {
    const notice: Notice = { id: next++, kind, extension, text: String(text) };
    const list = [...notices, notice];
    const infos = list.filter((n) => n.kind === "info");
    const dropped = new Set(infos.slice(0, Math.max(0, infos.length - MAX_INFO)));
    set(list.filter((n) => !dropped.has(n)));
    return notice.id;
  };
  const dismiss = (id: number) => {
    if (notices.some((n) => n.id === id)) set(notices.filter((n) => n.id !== id));
  };
  return {
    list: () => notices,
    info(extension, text) {
      const id = push("info", extension, text);
      timer(() => dismiss(id), INFO_MS);
    },
    error(extension, text) {
      push("error", extension, text);
    },
    dismiss,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    version: () => version,
  };
}
