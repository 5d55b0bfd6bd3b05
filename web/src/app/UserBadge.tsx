import { createContext, useContext } from "react";
import type { CurrentUser } from "../api/auth";
import { t } from "../i18n";
import { LocalePicker } from "./LocalePicker";

/** The logged-in user and how to log out; null name when the session has no authentication. */
export const UserContext = createContext<{ user: CurrentUser | null; logout: () => void }>({ user: null, logout: () => {} });

/** At the end of the top bar: the language picker, and the user's name and a logout when the session has authentication. */
export function UserBadge() {
  const { user, logout } = useContext(UserContext);
  return (
    <span className="user-badge">
      <LocalePicker />
      {user?.authenticated && (
        <>
          <span data-testid="user-name" title={user.roles.join(", ")}>
            {user.name}
          </span>
          <button data-testid="logout" onClick={logout}>
            {t("user.logout")}
          </button>
        </>
      )}
    </span>
  );
}
