using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cuboid.Server.Tests.Browser;

/// <summary>
/// SessionConfig.AppExtensions in chromium with samples/heatmap-extension: its widget type draws the widget's cells
/// coloured by value, its cell menu item copies a value, its title bar button answers; an extension that fails to load
/// is named in a notice while the others work.
/// </summary>
public sealed class ExtensionBrowserTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _broken = Directory.CreateTempSubdirectory("cuboid-broken-extension-").FullName;

    [Fact]
    public async Task TheHeatMapSampleDrawsItsWidgetAndAddsItsMenuItemAndButton()
    {
        File.WriteAllText(Path.Combine(_broken, "index.js"), "export function activate() { throw new Error('boom'); }\n");
        var heatmap = Path.Combine(BrowserRun.RepoRoot(), "samples", "heatmap-extension", "dist");
        var (served, _) = SmallCube.Start(new SessionConfig
        {
            AppExtensions = new Dictionary<string, string> { ["heatmap"] = heatmap, ["broken"] = _broken },
        });
        using var __ = served;
        await BrowserRun.RunAsync(output, async page =>
        {
            await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
            await page.GotoAsync(served.Session.Link!);
            await Expect(page.GetByTestId("extension-error")).ToContainTextAsync("broken");
            await Expect(page.GetByTestId("titlebar-heatmap-about")).ToBeVisibleAsync();

            // A widget of Quantity by shop (Lyon 5, Paris 3), drawn by the extension.
            await page.GetByTestId("new-dashboard").ClickAsync();
            await page.GetByTestId("add-widget-empty").ClickAsync();
            await BrowserRun.DispatchDragAsync(page.GetByTestId("model-level-[Sales].[Shop].[Shop]"), page.GetByTestId("drop-rows"));
            await BrowserRun.DispatchDragAsync(page.GetByTestId("model-measure-[Measures].[Quantity.SUM]"), page.GetByTestId("drop-values"));
            await Expect(page.GetByTestId("pivot-table")).ToBeVisibleAsync();
            await page.GetByTestId("widget-type-heatmap").ClickAsync();
            var cells = page.GetByTestId("extension-widget").GetByTestId("heatmap-cell");
            await Expect(cells).ToHaveCountAsync(2);
            Assert.Equal(["5", "3"], [await cells.Nth(0).GetAttributeAsync("data-value"), await cells.Nth(1).GetAttributeAsync("data-value")]);
            await Expect(cells.Nth(0)).ToHaveCSSAsync("background-color", "rgb(227, 74, 51)");   // the highest value
            await Expect(cells.Nth(1)).ToHaveCSSAsync("background-color", "rgb(255, 247, 188)");   // the lowest
            await Expect(page.GetByTestId("heatmap").Locator("tbody th")).ToHaveTextAsync(["Lyon", "Paris"]);

            // Back to a pivot (the grand total first, then Lyon): the extension's item in a value cell's menu copies the value.
            await page.GetByTestId("widget-type-pivot").ClickAsync();
            await page.GetByTestId("pivot-cell-1-0").ClickAsync(new LocatorClickOptions { Button = MouseButton.Right });
            await page.GetByTestId("cell-menu-copy-value").ClickAsync();
            await Expect(page.GetByTestId("extension-notice").Last).ToHaveTextAsync("Copied 5");
            Assert.Equal("5", await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));

            // The title bar button, with the selection the extension sees.
            await page.GetByTestId("pivot-cell-1-0").ClickAsync();
            await page.GetByTestId("titlebar-heatmap-about").ClickAsync();
            await Expect(page.GetByTestId("extension-notice").Last).ToContainTextAsync("The current selection holds 1 cell.");
        });
    }

    public void Dispose() => Directory.Delete(_broken, recursive: true);
}
