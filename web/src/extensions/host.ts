// The page's extension host: the registry, notices and selection the app's components share, and the start of the
// session's extensions (once per page, after login: App.tsx).
import { api as client } from "../api/client";
import { shell, type ShellExtension } from "../app/shell";
import { t } from "../i18n";
import { createExtensionApi, guarded, messageOf, type ExtensionServices } from "./createApi";
import { loadExtensions, type ExtensionOutcome, type Importer } from "./loader";
import { createNotices } from "./notices";
import { createRegistry } from "./registry";
import { createSelectionStore } from "./selection";

/** Until the extensions are loaded, a widget of a type the app does not know waits for them (when the session has any). */
export const registry = createRegistry({ loading: shell.extensions.length > 0 });
export const notices = createNotices();
export const selection = createSelectionStore();

const services: ExtensionServices = {
  registry,
  selection,
  notices,
  query: (mdx) => client.mdx(mdx),
  cubes: () => client.cubes(),
};

/** Runs an extension's callback, its failures logged and shown rather than thrown (see guarded). */
export const runExtension = (extension: string, run: () => unknown) => guarded(notices, extension, run);

/** The browser's module loader; the comment keeps Vite from resolving the URL at build time (it is the session's). */
const browserImport: Importer = (entry) => import(/* @vite-ignore */ entry);

let started: Promise<ExtensionOutcome[]> | undefined;

/** Loads the session's extensions, the first time only: later calls (a second login) get the same outcome. */
export function startExtensions(entries: ShellExtension[] = shell.extensions, importer: Importer = browserImport) {
  started ??= loadExtensions(entries, {
    importer,
    registry,
    createApi: (name) => createExtensionApi(name, services),
    onFailure: (name, error) => {
      console.error(`Cuboid extension "${name}" could not start:`, error);
      notices.error(name, t("extensions.failed", { name, error: messageOf(error) }));
    },
  });
  return started;
}
