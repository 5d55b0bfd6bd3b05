// The API object an extension's activate receives (api.ts' CuboidExtensionApi), over the app's services.
import type { CellSet, CubeSummary } from "../api/types";
import { t } from "../i18n";
import { API_VERSION, type CuboidExtensionApi } from "./api";
import type { Notices } from "./notices";
import type { ExtensionRegistry } from "./registry";
import type { SelectionStore } from "./selection";

/** What the API is made of: the registry, the focused pivot's selection, the notices and the app's API client. */
export interface ExtensionServices {
  registry: ExtensionRegistry;
  selection: SelectionStore;
  notices: Notices;
  query(mdx: string): Promise<CellSet>;
  cubes(): Promise<CubeSummary[]>;
}

export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Runs an extension's code (a click handler, a listener, a cleanup) so that a throw or a rejected promise does not
 * reach the app: it is logged to the console and shown as a notice naming the extension.
 */
export function guarded(notices: Notices, extension: string, run: () => unknown): void {
  const fail = (error: unknown) => {
    console.error(`Cuboid extension "${extension}" failed:`, error);
    notices.error(extension, t("extensions.actionFailed", { name: extension, error: messageOf(error) }));
  };
  try {
    const result = run();
    if (result && typeof (result as PromiseLike<unknown>).then === "function") (result as Promise<unknown>).then(undefined, fail);
  } catch (error) {
    fail(error);
  }
}

/** The API handed to the extension named `extension` (frozen: an extension cannot change what another one gets). */
export function createExtensionApi(extension: string, services: ExtensionServices): CuboidExtensionApi {
  const { registry, selection, notices } = services;
  const owner = () => ({ extension, api });
  const api: CuboidExtensionApi = Object.freeze({
    apiVersion: API_VERSION,
    registerWidgetType: (widgetType) => registry.registerWidgetType(owner(), widgetType),
    registerCellMenuItem: (item) => registry.registerCellMenuItem(owner(), item),
    registerTitleBarButton: (button) => registry.registerTitleBarButton(owner(), button),
    query: (mdx) => (typeof mdx === "string" ? services.query(mdx) : Promise.reject(new TypeError("query(mdx): mdx must be a string."))),
    cubes: () => services.cubes(),
    selection: () => selection.get(),
    onSelectionChange: (listener) => {
      if (typeof listener !== "function") throw new TypeError("onSelectionChange(listener): listener must be a function.");
      return selection.subscribe((s) => guarded(notices, extension, () => listener(s)));
    },
    notify: (message) => notices.info(extension, String(message)),
  } satisfies CuboidExtensionApi);
  return api;
}
