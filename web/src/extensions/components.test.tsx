// The extensions' places in the app, server-rendered (no DOM here): type buttons, the wizard's list, the placeholder
// of a type without its extension, title bar buttons and notices.
import { renderToString } from "react-dom/server";
import { afterEach, describe, expect, it } from "vitest";
import { WidgetTile } from "../dashboards/WidgetTile";
import { widget } from "../test/fixtures";
import { WidgetView } from "../widget/WidgetView";
import { WizardPanel } from "../wizard/WizardPanel";
import type { CuboidExtensionApi } from "./api";
import { ExtensionNotices } from "./ExtensionNotices";
import { notices, registry } from "./host";
import { TitleBarButtons } from "./TitleBarButtons";

const noop = () => undefined;
const owner = { extension: "heatmap", api: {} as CuboidExtensionApi };
const removers: (() => void)[] = [];
const registerHeatmap = () => removers.push(registry.registerWidgetType(owner, { type: "heatmap", label: "Heat map", render: noop }));

afterEach(() => {
  for (const remove of removers.splice(0)) remove();
  for (const n of notices.list()) notices.dismiss(n.id);
});

const tile = (type: string) =>
  renderToString(
    <WidgetTile
      spec={widget({ type, measures: ["[Measures].[Amount]"] })}
      layout={{ w: 6, h: 5 }}
      filters={[]}
      calculated={[]}
      selected={false}
      onSelect={noop}
      onChange={noop}
      onRemove={noop}
      onResize={noop}
      onMoveHere={noop}
      onDiagnostics={noop}
    />,
  );

describe("an extension's widget type", () => {
  it("gets a button on the tile beside the built-in types, and an entry in the wizard", () => {
    expect(tile("pivot")).not.toContain("widget-type-heatmap");
    registerHeatmap();
    const html = tile("heatmap");
    expect(html).toMatch(/data-testid="widget-type-pivot"/);
    expect(html).toMatch(/class="active" data-testid="widget-type-heatmap" data-extension="heatmap"[^>]*>Heat map</);
    const wizard = renderToString(<WizardPanel spec={widget({ type: "heatmap" })} inherited={[]} calculated={[]} onChange={noop} />);
    expect(wizard).toContain('<option value="heatmap" selected="">Heat map</option>');
    expect(wizard).toContain(">Rows<");
    expect(wizard).toContain(">Columns<");
  });

  it("draws in the app's div once registered", () => {
    registerHeatmap();
    const html = renderToString(<WidgetView spec={widget({ type: "heatmap" })} mdx="SELECT FROM [Sales]" filters={[]} onChange={noop} />);
    expect(html).not.toContain("needs the extension");
    expect(html).toContain('data-testid="widget-result"');
  });

  it("shows a placeholder in a saved dashboard whose type's extension is not loaded", () => {
    const html = renderToString(<WidgetView spec={widget({ type: "heatmap" })} mdx="SELECT FROM [Sales]" filters={[]} onChange={noop} />);
    expect(html).toContain('data-testid="widget-extension-missing"');
    expect(html).toContain("The widget type &#x27;heatmap&#x27; needs the extension that provides it");
    // The wizard keeps the type (it is saved with the widget) rather than showing another.
    const wizard = renderToString(<WizardPanel spec={widget({ type: "heatmap" })} inherited={[]} calculated={[]} onChange={noop} />);
    expect(wizard).toContain('<option value="heatmap" selected="">heatmap</option>');
  });
});

describe("title bar buttons and notices", () => {
  it("show the extensions' buttons with their test ids", () => {
    expect(renderToString(<TitleBarButtons context={{ page: "home" }} />)).toBe("");
    removers.push(registry.registerTitleBarButton(owner, { id: "heatmap-about", label: "About heat map", onClick: noop }));
    expect(renderToString(<TitleBarButtons context={{ page: "home" }} />)).toMatch(
      /data-testid="titlebar-heatmap-about"[^>]*>About heat map</,
    );
  });

  it("show a failure naming the extension with a dismiss button, and messages", () => {
    notices.error("broken", "The extension 'broken' could not start: 404");
    notices.info("heatmap", "Copied 1,234");
    const html = renderToString(<ExtensionNotices />);
    expect(html).toMatch(/role="alert" data-testid="extension-error" data-extension="broken"/);
    expect(html).toContain('data-testid="extension-error-dismiss"');
    expect(html).toMatch(/data-testid="extension-notice"[^>]*>Copied 1,234</);
  });
});
