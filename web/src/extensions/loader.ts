// Loads the session's extensions: imports each entry module, calls its activate with its own API. Each extension is
// isolated: one that fails to load, exports no activate, or whose activate throws (or rejects) is reported — and what it
// registered removed — while the others go on.
import type { ShellExtension } from "../app/shell";
import type { ActivateFunction, CuboidExtensionApi, CuboidExtensionModule } from "./api";
import type { ExtensionRegistry } from "./registry";

/** Imports a module by URL: the browser's `import()` in the app, a fake in the tests. */
export type Importer = (entry: string) => Promise<unknown>;

export type ExtensionOutcome = { name: string; status: "active" } | { name: string; status: "failed"; error: unknown };

export interface LoaderOptions {
  importer: Importer;
  registry: Pick<ExtensionRegistry, "removeExtension" | "setLoading">;
  createApi: (name: string) => CuboidExtensionApi;
  /** Told of each failure (after the extension's registrations are removed). */
  onFailure: (name: string, error: unknown) => void;
}

/** The module's `activate`, or its default export when that is a function. */
export function activationOf(module: unknown): ActivateFunction | undefined {
  const m = (module ?? {}) as CuboidExtensionModule;
  if (typeof m.activate === "function") return m.activate;
  if (typeof m.default === "function") return m.default;
  return undefined;
}

/**
 * Imports every entry (at once), then activates them in the given order: the synchronous part of each activate runs
 * before the next one's, so what they register comes in a stable order; an async activate does not hold the others up.
 * Resolves when every extension is active or failed (it never rejects).
 */
export async function loadExtensions(entries: ShellExtension[], options: LoaderOptions): Promise<ExtensionOutcome[]> {
  const { importer, registry, createApi, onFailure } = options;
  registry.setLoading(true);
  try {
    const imported = await Promise.all(
      entries.map((e) =>
        Promise.resolve()
          .then(() => importer(e.entry))
          .then(
            (module) => ({ module }),
            (error: unknown) => ({ error: error ?? new Error("The module failed to load.") }),
          ),
      ),
    );
    const activate = async (name: string, loaded: { module?: unknown; error?: unknown }): Promise<void> => {
      if ("error" in loaded) throw loaded.error;
      const run = activationOf(loaded.module);
      if (!run) throw new Error("The module exports no activate function (a named `activate` or a default export).");
      await run(createApi(name));
    };
    const outcomes = entries.map((e, i) =>
      activate(e.name, imported[i]).then(
        (): ExtensionOutcome => ({ name: e.name, status: "active" }),
        (error: unknown): ExtensionOutcome => {
          registry.removeExtension(e.name);
          try {
            onFailure(e.name, error);
          } catch {
            // reporting must not stop the others
          }
          return { name: e.name, status: "failed", error };
        },
      ),
    );
    return await Promise.all(outcomes);
  } finally {
    registry.setLoading(false);
  }
}
