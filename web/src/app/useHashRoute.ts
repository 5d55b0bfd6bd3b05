import { useEffect, useState } from "react";

export type Route = { page: "home" } | { page: "dashboard"; id?: string };

export function parseRoute(hash: string): Route {
  const m = /^#\/dashboard(?:\/(.+))?$/.exec(hash);
  if (m) return { page: "dashboard", id: m[1] ? decodeURIComponent(m[1]) : undefined };
  return { page: "home" };
}

export function navigate(route: Route): void {
  window.location.hash = route.page === "home" ? "#/" : "#/dashboard" + (route.id ? "/" + encodeURIComponent(route.id) : "");
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
