using System.Diagnostics;
using Cuboid.Samples;
using Microsoft.Playwright;
using static Cuboid.Server.Tests.Browser.BrowserRun;
using static Microsoft.Playwright.Assertions;

namespace Cuboid.Server.Tests.Browser;

/// <summary>
/// Drives the built web app in Debian's headless chromium (Playwright) against a served retail cube:
/// builds a pivot by drag and drop, checks its numbers against <see cref="Cube.Query"/>, expands a
/// member, switches to a chart, defines a calculated measure, reads a scenario, filters, saves the
/// dashboard and opens it again from the home page.
/// With CUBOID_SCREENSHOTS set, writes the main views to docs/screenshots/.
/// </summary>
public sealed class WebAppBrowserTests(ITestOutputHelper output) : IDisposable
{
    private const string DashboardName = "Retail by region";

    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "cuboid-browser-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task BuildsFiltersSavesAndReopensAPivotInChromium()
    {
        using var served = new ServedSession();
        var cube = RetailCube.Build(served.Session, RetailData.WriteCsv(_dataDir, 20_000));
        await BrowserRun.RunAsync(output, page => RunAsync(page, served, cube));
    }

    private async Task RunAsync(IPage page, ServedSession served, Cube cube)
    {
        var (l, m) = (cube.Levels, cube.Measures);
        var region = l["region"];
        var country = l["country"];
        var category = l["category"];
        var subcategory = l["subcategory"];
        var revenue = m["Revenue"];
        // The data model's test ids carry the MDX unique names of discovery ([Geography].[region]).
        var names = await MdxLevelNamesAsync(served, cube.Name);

        // Home, then a new dashboard with one widget.
        var watch = Stopwatch.StartNew();
        await page.GotoAsync(served.Session.Link!, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        await Expect(page.GetByTestId("new-dashboard")).ToBeVisibleAsync();
        output.WriteLine($"home page loaded in {watch.ElapsedMilliseconds} ms");
        await page.GetByTestId("new-dashboard").ClickAsync();
        await page.GetByTestId("add-widget-empty").ClickAsync();
        await Expect(page.GetByTestId("wizard")).ToBeVisibleAsync();
        await page.GetByTestId("dashboard-name").FillAsync(DashboardName);

        // Widen the tile to the whole grid and make it taller with its resize handle (pointer events).
        var tile = page.Locator(".tile").First;
        var before = (await tile.BoundingBoxAsync())!;
        var handle = (await page.GetByTestId("widget-resize").BoundingBoxAsync())!;
        var grid = (await page.GetByTestId("dashboard-grid").BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(handle.X + handle.Width / 2, handle.Y + handle.Height / 2);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(grid.X + grid.Width - 2, before.Y + before.Height + 80, new MouseMoveOptions { Steps = 5 });
        await page.Mouse.UpAsync();
        await page.WaitForFunctionAsync("width => document.querySelector('.tile').getBoundingClientRect().width > width", before.Width * 1.5);

        // Region on rows, Revenue on values, by drag and drop from the data model.
        await DragAsync(page, page.GetByTestId($"model-level-{names[region.Name]}"), page.GetByTestId("drop-rows"));
        await Expect(page.GetByTestId("zone-item-rows-0")).ToContainTextAsync("region");
        await DragAsync(page, page.GetByTestId($"model-measure-{revenue.UniqueName}"), page.GetByTestId("drop-values"));
        await Expect(page.GetByTestId("zone-item-values-0")).ToContainTextAsync("Revenue");

        // A new widget has totals, as Excel and Atoti: the grand total first; then without them.
        var byRegion = Expected(cube.Query([revenue], [region]));
        await ExpectPivotAsync(page.GetByTestId("pivot-table"), [("Total", cube.Query([revenue]).Columns[0].Format(0)), .. byRegion]);
        await page.GetByTestId("option-totals").UncheckAsync();
        await ExpectPivotAsync(page.GetByTestId("pivot-table"), byRegion);

        // Expand the first region: its countries appear under it.
        var countries = Expected(cube.Query([revenue], [country], filter: region == byRegion[0].Caption));
        await page.GetByTestId("pivot-expand-0-0").ClickAsync();
        await ExpectPivotAsync(page.GetByTestId("pivot-table"), [byRegion[0], .. countries, .. byRegion.Skip(1)]);
        await page.GetByTestId("pivot-expand-0-0").ClickAsync();
        await ExpectPivotAsync(page.GetByTestId("pivot-table"), byRegion);

        // The MDX the widget runs, in the wizard's editor.
        await page.GetByTestId("wizard-tab-mdx").ClickAsync();
        await Expect(page.GetByTestId("mdx-editor")).ToContainTextAsync(names[region.Name]);
        await ScreenshotAsync(output, page, "mdx-editor");
        await page.GetByTestId("wizard-tab-fields").ClickAsync();

        // As a chart: ECharts draws on a canvas.
        await page.GetByTestId("widget-type-chart").ClickAsync();
        var canvas = page.GetByTestId("chart").Locator("canvas");
        await Expect(canvas.First).ToBeVisibleAsync();
        var box = await canvas.First.BoundingBoxAsync();
        Assert.True(box is { Width: > 100, Height: > 100 }, $"the chart canvas is too small: {box?.Width}x{box?.Height}");
        await ScreenshotAsync(output, page, "dashboard-chart");
        await page.GetByTestId("widget-type-pivot").ClickAsync();
        await ExpectPivotAsync(page.GetByTestId("pivot-table"), byRegion);

        // A calculated measure defined in the data model (saved with the dashboard): revenue per unit.
        await page.GetByTestId("calc-new").ClickAsync();
        await page.GetByTestId("calc-name").FillAsync("Revenue per unit");
        await page.GetByTestId("calc-left").SelectOptionAsync(revenue.UniqueName);
        await page.GetByTestId("calc-operator").SelectOptionAsync("/");
        await page.GetByTestId("calc-right").SelectOptionAsync(m["Quantity"].UniqueName);
        await page.GetByTestId("calc-format").SelectOptionAsync("#,##0.00");
        await page.GetByTestId("calc-save").ClickAsync();
        var perUnit = page.GetByTestId("model-measure-[Measures].[Revenue per unit]");
        await DragAsync(page, perUnit, page.GetByTestId("drop-values"));
        await Expect(page.GetByTestId("zone-item-values-1")).ToContainTextAsync("Revenue per unit");
        var prices = cube.Query([revenue, m["Quantity"]], [region]);
        for (var r = 0; r < prices.RowCount; r++)
        {
            var expected = prices.Column("Revenue").GetDouble(r)!.Value / prices.Column("Quantity").GetDouble(r)!.Value;
            await Expect(page.GetByTestId("pivot-table").GetByTestId($"pivot-cell-{r}-1")).ToHaveTextAsync(expected.ToString("#,##0.00", System.Globalization.CultureInfo.InvariantCulture));
        }
        await page.GetByTestId("zone-remove-values-1").ClickAsync();
        await ExpectPivotAsync(page.GetByTestId("pivot-table"), byRegion);

        // A scenario made on the server (fewer stores), chosen in the top bar: the pivot reads its data.
        served.Session.CreateScenario("Fewer stores");
        var salesTable = served.Session.Tables["Sales"];
        salesTable.Scenarios["Fewer stores"].Drop(salesTable["store_id"] < 200);
        var picker = page.GetByTestId("scenario-picker");
        await picker.FocusAsync();
        await Expect(picker.Locator("option", new LocatorLocatorOptions { HasText = "Fewer stores" })).ToHaveCountAsync(1);
        await picker.SelectOptionAsync("Fewer stores");
        var fewer = Expected(cube.Query([revenue], [region], scenario: "Fewer stores"));
        Assert.NotEqual(byRegion.Select(r => r.Value), fewer.Select(r => r.Value));
        await ExpectPivotAsync(page.GetByTestId("pivot-table"), fewer);
        await picker.SelectOptionAsync("Base");
        await ExpectPivotAsync(page.GetByTestId("pivot-table"), byRegion);

        // A dashboard filter on one category, chosen in the member picker.
        var chosen = (string)cube.Query([revenue], [category])[0, category.Name]!;
        await DragAsync(page, page.GetByTestId($"model-level-{names[category.Name]}"), page.GetByTestId("drop-dashboard-filters"));
        var editor = page.GetByTestId("filter-editor");
        await Expect(editor).ToBeVisibleAsync();
        await editor.GetByTestId("member-search").FillAsync(chosen);
        var member = editor.GetByTestId("member-list").Locator("label", new LocatorLocatorOptions { HasText = chosen }).Locator("input[type=checkbox]");
        await member.CheckAsync();
        await editor.GetByTestId("filter-apply").ClickAsync();
        await Expect(page.GetByTestId("dashboard-filter-0")).ToContainTextAsync(chosen);
        var filtered = Expected(cube.Query([revenue], [region], filter: category == chosen));
        Assert.NotEqual(byRegion.Select(r => r.Value), filtered.Select(r => r.Value));
        await ExpectPivotAsync(page.GetByTestId("pivot-table"), filtered);

        // Save, reload, and open the dashboard again from the home page.
        await page.GetByTestId("save-dashboard").ClickAsync();
        await Expect(page.GetByTestId("save-status")).ToHaveTextAsync("Saved");
        await page.ReloadAsync(new PageReloadOptions { WaitUntil = WaitUntilState.NetworkIdle });
        await ExpectPivotAsync(page.GetByTestId("pivot-table"), filtered);
        await page.GetByTestId("go-home").ClickAsync();
        var saved = page.GetByTestId($"dashboard-tile-{DashboardName}");
        await Expect(saved).ToBeVisibleAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await ScreenshotAsync(output, page, "home");

        watch.Restart();
        await saved.ClickAsync();
        await ExpectPivotAsync(page.GetByTestId("pivot-table"), filtered);
        output.WriteLine($"saved dashboard rendered in {watch.ElapsedMilliseconds} ms (from the click on its tile to the pivot's numbers)");
        await Expect(page.GetByTestId("dashboard-name")).ToHaveValueAsync(DashboardName);
        await Expect(page.GetByTestId("dashboard-filter-0")).ToContainTextAsync(chosen);
        await Expect(perUnit).ToBeVisibleAsync();   // the calculated measure came back with the dashboard

        // The reopened widget is edited further: no filter, categories on columns, the first region expanded.
        await page.GetByTestId("dashboard-filter-0").Locator(".chip-remove").ClickAsync();
        await ExpectPivotAsync(page.GetByTestId("pivot-table"), byRegion);
        await page.GetByTestId("widget-title").ClickAsync();
        await DragAsync(page, page.GetByTestId($"model-level-{names[category.Name]}"), page.GetByTestId("drop-columns"));
        var byCategory = cube.Query([revenue], [region, category]);
        var firstCategory = byCategory.Columns[1].Format(0);
        await Expect(page.GetByTestId("pivot-col-0-0").Locator(".caption")).ToHaveTextAsync(firstCategory);
        await Expect(page.GetByTestId("pivot-cell-0-0")).ToHaveTextAsync(byCategory.Columns[^1].Format(0));

        // Expand the first category on columns: its subcategories follow it; collapse it again.
        var firstSubcategory = cube.Query([revenue], [subcategory], filter: category == firstCategory).Columns[0].Format(0);
        var inFirstRegion = cube.Query([revenue], filter: (subcategory == firstSubcategory) & (region == byRegion[0].Caption));
        await page.GetByTestId("pivot-col-expand-0-0").ClickAsync();
        await Expect(page.GetByTestId("pivot-col-0-1").Locator(".caption")).ToHaveTextAsync(firstSubcategory);
        await Expect(page.GetByTestId("pivot-cell-0-1")).ToHaveTextAsync(inFirstRegion.RowCount == 0 ? "" : inFirstRegion.Columns[^1].Format(0));
        await page.GetByTestId("pivot-col-expand-0-0").ClickAsync();
        await Expect(page.GetByTestId("pivot-col-0-1").Locator(".caption")).ToHaveTextAsync(byCategory.Columns[1].Format(1));
        await page.GetByTestId("pivot-expand-0-0").ClickAsync();
        var firstCountry = cube.Query([revenue], filter: (country == countries[0].Caption) & (category == firstCategory));
        await Expect(page.GetByTestId("pivot-row-1-0").Locator(".caption")).ToHaveTextAsync(countries[0].Caption);
        await Expect(page.GetByTestId("pivot-cell-1-0")).ToHaveTextAsync(firstCountry.RowCount == 0 ? "" : firstCountry.Columns[^1].Format(0));
        await ScreenshotAsync(output, page, "dashboard-pivot");

        // The same widget as KPI cards: a card per row member — the regions, and the countries of the
        // expanded first region — with the category columns left out; then back to the table.
        await page.GetByTestId("widget-type-kpi").ClickAsync();
        await Expect(page.GetByTestId("kpi-0").Locator(".kpi-subtitle")).ToHaveTextAsync(byRegion[0].Caption);
        await Expect(page.GetByTestId("kpi-value-0")).ToHaveTextAsync(byRegion[0].Value);
        await Expect(page.GetByTestId("kpis").Locator(".kpi")).ToHaveCountAsync(byRegion.Count + countries.Count);
        await ScreenshotAsync(output, page, "dashboard-kpi");

        // As a flat table: the leaf rows only (the expansion does not apply), nothing to expand.
        await page.GetByTestId("widget-type-select").SelectOptionAsync("table");
        await Expect(page.GetByTestId("pivot-row-1-0").Locator(".caption")).ToHaveTextAsync(byRegion[1].Caption);
        await Expect(page.Locator("[data-testid^='pivot-expand-']")).ToHaveCountAsync(0);
        await page.GetByTestId("widget-type-pivot").ClickAsync();
        await Expect(page.GetByTestId("pivot-col-0-0").Locator(".caption")).ToHaveTextAsync(firstCategory);

        // A second widget, dragged by its grip onto the first: it takes the first place.
        await page.GetByTestId("add-widget").ClickAsync();
        var tiles = page.Locator(".tile");
        await Expect(tiles).ToHaveCountAsync(2);
        await tiles.Nth(1).GetByTestId("widget-title").FillAsync("Second");
        await DragAsync(page, tiles.Nth(1).GetByTestId("widget-grip"), tiles.Nth(0));
        await Expect(tiles.Nth(0).GetByTestId("widget-title")).ToHaveValueAsync("Second");
        await Expect(tiles.Nth(1).GetByTestId("pivot-col-0-0").Locator(".caption")).ToHaveTextAsync(firstCategory);
    }

    /// <summary>Level name → MDX unique name, from <c>GET /api/cubes/{cube}</c>.</summary>
    private static async Task<Dictionary<string, string>> MdxLevelNamesAsync(ServedSession served, string cube)
    {
        var model = await served.GetJsonAsync($"/api/cubes/{Uri.EscapeDataString(cube)}");
        var names = new Dictionary<string, string>();
        foreach (var dimension in model.GetProperty("dimensions").EnumerateArray())
        {
            foreach (var hierarchy in dimension.GetProperty("hierarchies").EnumerateArray())
            {
                foreach (var level in hierarchy.GetProperty("levels").EnumerateArray())
                {
                    names.TryAdd(level.GetProperty("name").GetString()!, level.GetProperty("uniqueName").GetString()!);
                }
            }
        }
        return names;
    }

    /// <summary>
    /// HTML5 drag and drop: Playwright's mouse drag, and, when headless chromium does not turn it
    /// into drag events, dragstart/dragover/drop dispatched with one DataTransfer.
    /// </summary>
    private async Task DragAsync(IPage page, ILocator source, ILocator target)
    {
        await source.ScrollIntoViewIfNeededAsync();
        await target.EvaluateAsync("""
            el => { window.__cuboidDropped = false; el.addEventListener("drop", () => { window.__cuboidDropped = true; }, { once: true, capture: true }); }
            """);
        await source.DragToAsync(target);
        if (await page.EvaluateAsync<bool>("() => window.__cuboidDropped === true")) return;
        output.WriteLine("DragToAsync fired no drop: dispatching the drag events");
        await DispatchDragAsync(source, target);
    }

    public void Dispose()
    {
        try { Directory.Delete(_dataDir, recursive: true); }
        catch (IOException) { }
    }
}
