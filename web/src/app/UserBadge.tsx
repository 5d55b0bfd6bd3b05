import { createContext, useContext } from "react";
import type { CurrentUser } from "../api/auth";

/** The logged-in user and how to log out; null name when the session has no authentication. */
export const UserContext = createContext<{ user: CurrentUser | null; logout: () => void }>({ user: null, logout: () => {} });

/** The user's name and a logout, at the end of the top bar; nothing when the session has no authentication. */
export function UserBadge() {
  const { user, logout } = useContext(UserContext);
  if (!user?.authenticated) return null;
  return (
    <span className="user-badge">
      <span data-testid="user-name" title={user.roles.join(", ")}>
        {user.name}
      </span>
      <button data-testid="logout" onClick={logout}>
        Log out
      </button>
    </span>
  );
}
