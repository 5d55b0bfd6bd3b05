import { useState } from "react";
import { hashOf } from "../app/useHashRoute";
import { t } from "../i18n";

interface Props {
  id: string;
  /** Shares the saved dashboard with roles and users (read only for them). */
  onShare: (roles: string[], users: string[]) => Promise<void>;
  onClose: () => void;
}

const list = (text: string) =>
  text
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);

/** Share a dashboard: its link (to edit, or to present), and the roles and users it is shared with. */
export function SharePopover({ id, onShare, onClose }: Props) {
  const base = window.location.href.split("#")[0];
  const [present, setPresent] = useState(false);
  const [roles, setRoles] = useState("");
  const [users, setUsers] = useState("");
  const [status, setStatus] = useState<string>();
  const link = base + hashOf({ page: "dashboard", id, present });
  return (
    <div className="popover share-popover" data-testid="share-popover" onMouseDown={(e) => e.stopPropagation()}>
      <div className="popover-head">
        <strong>{t("share.title")}</strong>
        <button className="icon-button" onClick={onClose} title={t("common.close")}>
          ×
        </button>
      </div>
      <label className="small">
        <input type="checkbox" data-testid="share-present" checked={present} onChange={(e) => setPresent(e.target.checked)} />{" "}
        {t("share.present")}
      </label>
      <div className="row gap">
        <input readOnly className="grow" data-testid="share-link" value={link} onFocus={(e) => e.target.select()} />
        <button
          data-testid="share-copy"
          onClick={() => {
            void navigator.clipboard?.writeText(link).then(
              () => setStatus(t("share.copied")),
              () => setStatus(t("share.copyManually")),
            );
          }}
        >
          {t("common.copy")}
        </button>
      </div>
      <label className="col small">
        {t("share.roles")}
        <input data-testid="share-roles" value={roles} onChange={(e) => setRoles(e.target.value)} placeholder="ROLE_SALES" />
      </label>
      <label className="col small">
        {t("share.users")}
        <input data-testid="share-users" value={users} onChange={(e) => setUsers(e.target.value)} placeholder="carol, dave" />
      </label>
      <button
        className="primary"
        data-testid="share-apply"
        onClick={() =>
          onShare(list(roles), list(users)).then(
            () => setStatus(t("share.shared")),
            (e: unknown) => setStatus(t("share.notShared", { error: e instanceof Error ? e.message : String(e) })),
          )
        }
      >
        {t("share.apply")}
      </button>
      {status && (
        <div className="small muted" data-testid="share-status">
          {status}
        </div>
      )}
    </div>
  );
}
