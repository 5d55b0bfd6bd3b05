import { useSyncExternalStore } from "react";
import { notices, registry } from "./host";
import type { Notice } from "./notices";
import type { ExtensionRegistry } from "./registry";

/** The extensions' registrations; the component renders again whenever one comes or goes (they arrive after login). */
export function useExtensions(): ExtensionRegistry {
  useSyncExternalStore(registry.subscribe, registry.version, registry.version);
  return registry;
}

/** The notices to show, up to date. */
export function useNotices(): Notice[] {
  return useSyncExternalStore(notices.subscribe, notices.list, notices.list);
}
