import { t } from "../i18n";
import { notices } from "./host";
import { useNotices } from "./hooks";

/**
 * The extensions' messages, at the bottom right of the page: their own (api.notify), which go after a few seconds, and
 * their failures, which name the extension and stay until dismissed.
 */
export function ExtensionNotices() {
  const list = useNotices();
  if (!list.length) return null;
  return (
    <div className="extension-notices">
      {list.map((n) =>
        n.kind === "error" ? (
          <div key={n.id} className="extension-notice error" role="alert" data-testid="extension-error" data-extension={n.extension}>
            <span>{n.text}</span>
            <button
              className="icon-button"
              data-testid="extension-error-dismiss"
              title={t("extensions.dismiss")}
              aria-label={t("extensions.dismiss")}
              onClick={() => notices.dismiss(n.id)}
            >
              ×
            </button>
          </div>
        ) : (
          <div key={n.id} className="extension-notice" role="status" data-testid="extension-notice" data-extension={n.extension}>
            {n.text}
          </div>
        ),
      )}
    </div>
  );
}
