import { useEffect, useState } from "react";

/** The app's pages: home, a dashboard (in presentation mode: widgets only, from a #/present/ link). */
export type Route = { page: "home" } | { page: "dashboard"; id?: string; present?: boolean };

export function parseRoute(hash: string): Route {
  const m = /^#\/(dashboard|present)(?:\/(.+))?$/.exec(hash);
  if (m) return { page: "dashboard", id: m[2] ? decodeURIComponent(m[2]) : undefined, ...(m[1] === "present" ? { present: true } : {}) };
  return { page: "home" };
}

/** The hash of a route. */
export function hashOf(route: Route): string {
  if (route.page === "home") return "#/";
  return (route.present ? "#/present" : "#/dashboard") + (route.id ? "/" + encodeURIComponent(route.id) : "");
}

export function navigate(route: Route): void {
  window.location.hash = hashOf(route);
}

export function useHashRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  return route;
}
