import type { TitleBarContext } from "./api";
import { runExtension } from "./host";
import { useExtensions } from "./hooks";

/** The extensions' title bar buttons (registerTitleBarButton), in registration order; data-testid `titlebar-<id>`. */
export function TitleBarButtons({ context }: { context: TitleBarContext }) {
  const buttons = useExtensions().titleBarButtons();
  return buttons.map((b) => (
    <button
      key={b.id}
      className="titlebar-extension"
      data-testid={`titlebar-${b.id}`}
      data-extension={b.extension}
      onClick={() => runExtension(b.extension, () => b.onClick({ ...context }))}
    >
      {b.label}
    </button>
  ));
}
