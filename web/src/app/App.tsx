import { DashboardView } from "../dashboards/DashboardView";
import { Home } from "../dashboards/Home";
import { useHashRoute } from "./useHashRoute";

export function App() {
  const route = useHashRoute();
  return route.page === "home" ? <Home /> : <DashboardView key={route.id ?? "new"} id={route.id} />;
}
