using System.Globalization;
using System.Text.Json;
using Cuboid.Samples;
using Microsoft.Playwright;
using static Cuboid.Server.Tests.Browser.BrowserRun;
using static Microsoft.Playwright.Assertions;

namespace Cuboid.Server.Tests.Browser;

/// <summary>
/// What an analyst hits in the first hour (issue 15), each reproduced in chromium on a dashboard saved on the server,
/// the numbers checked against <see cref="Cube.Query"/>: columns that fit and resize, drillthrough with a filter of
/// several members and on a calculated measure, Top N with totals, the range filter, dated captions, the flat table's
/// level columns, a stale result under an error, the scenario picker, and unsaved changes.
/// </summary>
public sealed class AnalystBrowserTests(ITestOutputHelper output) : IDisposable
{
    private const string Id = "analyst";
    private static readonly CultureInfo s_invariant = CultureInfo.InvariantCulture;
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "cuboid-analyst-" + Guid.NewGuid().ToString("N"));

    private static object Level(string hierarchy, string level, string caption) => new { hierarchy, level, caption };

    private static object Widget(string id, string type, object[] rows, string[] measures, object[]? filters = null, bool totals = false, object[]? columns = null) => new
    {
        id,
        title = id,
        type,
        cube = "Sales",
        rows,
        columns = columns ?? [],
        measures,
        filters = filters ?? [],
        expanded = Array.Empty<object>(),
        totals,
        nonEmpty = true,
    };

    /// <summary>Saves a one-page dashboard of <paramref name="widgets"/> and returns its link.</summary>
    private static string Save(ServedSession served, object[] widgets, object[]? calculated = null)
    {
        var layout = widgets.ToDictionary(w => (string)w.GetType().GetProperty("id")!.GetValue(w)!, _ => new { w = 12, h = 6 });
        var body = JsonSerializer.Serialize(new
        {
            pages = new[] { new { id = "p1", name = "Page 1", filters = Array.Empty<object>(), widgets, layout } },
            filters = Array.Empty<object>(),
            calculatedMeasures = calculated ?? [],
        });
        Assert.True(served.Session.SaveContent(Id, "dashboard", body, "Analyst", folder: "/"));
        return $"{served.Session.Link}#/dashboard/{Id}";
    }

    private (ServedSession Served, Cube Cube) Start()
    {
        var served = new ServedSession();
        return (served, RetailCube.Build(served.Session, RetailData.WriteCsv(_dataDir, 20_000)));
    }

    [Fact]
    public async Task ColumnsFitTheirNumbersAndKeepAWidthDraggedByTheUser()
    {
        var (served, cube) = Start();
        using var _ = served;
        var link = Save(served, [Widget("w1", "pivot", [Level("[Customer].[Segment]", "[Customer].[Segment].[segment]", "segment")], ["[Measures].[Revenue]", "[Measures].[Margin %]"], totals: true)]);
        await RunAsync(output, async page =>
        {
            await page.GotoAsync(link, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
            var pivot = page.GetByTestId("pivot-table");
            var total = cube.Query([cube.Measures["Revenue"]]).Columns[0].Format(0);
            await Expect(pivot.GetByTestId("pivot-cell-0-0")).ToHaveTextAsync(total);
            // Nothing is cut: every value cell and row header shows its whole text.
            var cut = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('.pivot-cell, .pivot-row-head, .pivot-col-head')].filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent)");
            Assert.True(cut.Length == 0, "cut: " + string.Join(" | ", cut));
            await Expect(pivot.Locator(".pivot-row-head .caption", new LocatorLocatorOptions { HasText = "Small Business" })).ToHaveCountAsync(1);

            // Dragging a column's edge widens it; the width is saved with the widget.
            var before = (await pivot.GetByTestId("pivot-cell-0-0").BoundingBoxAsync())!.Width;
            var handle = (await pivot.GetByTestId("pivot-col-resize-0").BoundingBoxAsync())!;
            await page.Mouse.MoveAsync(handle.X + handle.Width / 2, handle.Y + handle.Height / 2);
            await page.Mouse.DownAsync();
            await page.Mouse.MoveAsync(handle.X + handle.Width / 2 + 80, handle.Y + handle.Height / 2, new MouseMoveOptions { Steps = 4 });
            await page.Mouse.UpAsync();
            var after = (await pivot.GetByTestId("pivot-cell-0-0").BoundingBoxAsync())!.Width;
            Assert.InRange(after - before, 70, 90);
            await ScreenshotAsync(output, page, "pivot-totals");
            await Expect(page.GetByTestId("save-status")).ToHaveTextAsync("Unsaved changes");
            await page.GetByTestId("save-dashboard").ClickAsync();
            await Expect(page.GetByTestId("save-status")).ToHaveTextAsync("Saved");
            await page.ReloadAsync(new PageReloadOptions { WaitUntil = WaitUntilState.NetworkIdle });
            await Expect(pivot.GetByTestId("pivot-cell-0-0")).ToHaveTextAsync(total);
            Assert.InRange((await pivot.GetByTestId("pivot-cell-0-0").BoundingBoxAsync())!.Width, after - 1, after + 1);
        });
    }

    [Fact]
    public async Task DrillthroughWorksWithAFilterOfSeveralMembersAndOnACalculatedMeasure()
    {
        var (served, cube) = Start();
        using var _ = served;
        var segments = new[] { "Consumer", "Corporate" };
        var filter = new
        {
            kind = "members",
            hierarchy = "[Customer].[Segment]",
            level = "[Customer].[Segment].[segment]",
            members = segments.Select(s => new { uniqueName = $"[Customer].[Segment].[{s}]", caption = s }).ToArray(),
        };
        var calculated = new
        {
            cube = "Sales",
            name = "Avg price",
            @operator = "/",
            format = "#,##0.00",
            left = new { kind = "measure", uniqueName = "[Measures].[Revenue]" },
            right = new { kind = "measure", uniqueName = "[Measures].[Quantity]" },
        };
        var link = Save(served, [Widget("w1", "pivot", [Level("[Geography]", "[Geography].[region]", "region")], ["[Measures].[Revenue]", "[Measures].[Avg price]"], [filter])], [calculated]);
        var region = (string)cube.Query([cube.Measures["Revenue"]], [cube.Levels["region"]])[0, "region"]!;
        var session = served.Session;
        var expected = session.DrillthroughMdx($"DRILLTHROUGH SELECT {{[Geography].[{region}]}} ON 0 FROM [Sales] WHERE {{[Customer].[Segment].[Consumer], [Customer].[Segment].[Corporate]}}").RowCount;
        Assert.True(expected > 0);
        await RunAsync(output, async page =>
        {
            await page.GotoAsync(link, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
            var pivot = page.GetByTestId("pivot-table");
            await Expect(pivot.GetByTestId("pivot-row-0-0").Locator(".caption")).ToHaveTextAsync(region);
            foreach (var column in new[] { 0, 1 })   // Revenue, then the calculated measure
            {
                await pivot.GetByTestId($"pivot-cell-0-{column}").DblClickAsync();
                var dialog = page.GetByTestId("drillthrough-dialog");
                await Expect(dialog.GetByTestId("drillthrough-count")).ToHaveTextAsync($"Rows 1–{Math.Min(1000, expected):N0} of {expected:N0}");
                await Expect(dialog.Locator(".error")).ToHaveCountAsync(0);
                await page.GetByTestId("drillthrough-close").ClickAsync();
            }
        });
    }

    [Fact]
    public async Task ALongDrillthroughPagesOnTheServerChoosesColumnsAndDownloadsCsv()
    {
        var (served, cube) = Start();
        using var _ = served;
        var link = Save(served, [Widget("w1", "pivot", [Level("[Geography]", "[Geography].[region]", "region")], ["[Measures].[Revenue]"])]);
        var region = (string)cube.Query([cube.Measures["Revenue"]], [cube.Levels["region"]])[0, "region"]!;
        var total = served.Session.DrillthroughMdx($"DRILLTHROUGH SELECT {{[Geography].[{region}]}} ON 0 FROM [Sales]").RowCount;
        Assert.True(total > 1000, $"{total} rows");
        await RunAsync(output, async page =>
        {
            await page.GotoAsync(link, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
            await page.GetByTestId("pivot-cell-0-0").DblClickAsync();
            var dialog = page.GetByTestId("drillthrough-dialog");
            await Expect(dialog.GetByTestId("drillthrough-count")).ToHaveTextAsync($"Rows 1–1,000 of {total:N0}");
            await dialog.GetByTestId("drillthrough-next").ClickAsync();
            await Expect(dialog.GetByTestId("drillthrough-count")).ToHaveTextAsync($"Rows 1,001–{Math.Min(2000, total):N0} of {total:N0}");
            await Expect(dialog.Locator("tbody tr")).ToHaveCountAsync(Math.Min(1000, total - 1000));
            // Numbers are grouped: a quantity times a price shows as 1,234.56, not 1234.5600000001.
            Assert.DoesNotMatch(@"\d\.\d{3,}", await dialog.Locator("tbody").InnerTextAsync());

            // Columns: hide one; the CSV download has the others.
            await dialog.GetByTestId("drillthrough-columns").ClickAsync();
            await dialog.GetByTestId("drillthrough-column-sale_id").UncheckAsync();
            await Expect(dialog.Locator("th", new LocatorLocatorOptions { HasTextString = "sale_id" })).ToHaveCountAsync(0);
            var download = await page.RunAndWaitForDownloadAsync(() => dialog.GetByTestId("drillthrough-csv").ClickAsync());
            var path = await download.PathAsync();
            var lines = await File.ReadAllLinesAsync(path);
            Assert.DoesNotContain("sale_id", lines[0], StringComparison.Ordinal);
            Assert.Contains("quantity", lines[0], StringComparison.Ordinal);
            Assert.Equal(total + 1, lines.Length);
        });
    }

    [Fact]
    public async Task TopNWithTotalsRanksTheMembersAndKeepsTheTotal()
    {
        var (served, cube) = Start();
        using var _ = served;
        var topN = new { kind = "topN", direction = "top", count = 5, measure = "[Measures].[Revenue]" };
        var bottomN = new { kind = "topN", direction = "bottom", count = 3, measure = "[Measures].[Revenue]" };
        var country = Level("[Geography]", "[Geography].[country]", "country");
        var link = Save(served, [Widget("top", "pivot", [country], ["[Measures].[Revenue]"], [topN], totals: true), Widget("bottom", "pivot", [country], ["[Measures].[Revenue]"], [bottomN], totals: true)]);
        var revenue = cube.Measures["Revenue"];
        var byCountry = cube.Query([revenue], [cube.Levels["country"]]);
        var ranked = Enumerable.Range(0, byCountry.RowCount).Select(r => (Caption: byCountry.Columns[0].Format(r), Value: byCountry.Column("Revenue").GetDouble(r)!.Value, Text: byCountry.Columns[^1].Format(r))).ToList();
        var total = cube.Query([revenue]).Columns[0].Format(0);
        await RunAsync(output, async page =>
        {
            await page.GotoAsync(link, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
            var tiles = page.Locator(".tile");
            await ExpectPivotAsync(tiles.Nth(0).GetByTestId("pivot-table"), [("Total", total), .. ranked.OrderByDescending(r => r.Value).Take(5).Select(r => (r.Caption, r.Text))]);
            await Expect(tiles.Nth(0).Locator(".pivot-row-head")).ToHaveCountAsync(6);
            await ExpectPivotAsync(tiles.Nth(1).GetByTestId("pivot-table"), [("Total", total), .. ranked.OrderBy(r => r.Value).Take(3).Select(r => (r.Caption, r.Text))]);
        });
    }

    [Fact]
    public async Task RangeWaitsForBothEndsDatesShowTheirYearAndTheFlatTableHasAColumnPerLevel()
    {
        var (served, cube) = Start();
        using var _ = served;
        var quarters = Widget("quarters", "pivot", [Level("[Time].[Calendar]", "[Time].[Calendar].[Quarter]", "Quarter")], ["[Measures].[Revenue]"]);
        var flat = Widget("flat", "table", [Level("[Geography]", "[Geography].[region]", "region"), Level("[Geography]", "[Geography].[country]", "country")], ["[Measures].[Revenue]"]);
        var link = Save(served, [quarters, flat]);
        var revenue = cube.Measures["Revenue"];
        var byQuarter = cube.Query([revenue], [cube.Levels["Year"], cube.Levels["Quarter"]]);
        var byCountry = cube.Query([revenue], [cube.Levels["region"], cube.Levels["country"]]);
        await RunAsync(output, async page =>
        {
            await page.GotoAsync(link, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
            var tiles = page.Locator(".tile");
            // Quarters with their year: "2023 Q1", not "1".
            var firstQuarter = $"{byQuarter.Columns[0].Format(0)} Q{byQuarter.Columns[1].Format(0)}";
            await Expect(tiles.Nth(0).GetByTestId("pivot-row-0-0").Locator(".caption")).ToHaveTextAsync(firstQuarter);
            await Expect(tiles.Nth(0).GetByTestId("pivot-cell-0-0")).ToHaveTextAsync(byQuarter.Columns[^1].Format(0));

            // The flat table: region and country columns, named by level.
            var table = tiles.Nth(1);
            await Expect(table.Locator(".pivot-corner-title")).ToHaveTextAsync(["region", "country"]);
            await Expect(table.GetByTestId("pivot-row-0-0")).ToHaveTextAsync(byCountry.Columns[0].Format(0));
            await Expect(table.GetByTestId("pivot-row-0-1")).ToHaveTextAsync(byCountry.Columns[1].Format(0));
            await Expect(table.GetByTestId("pivot-cell-0-0")).ToHaveTextAsync(byCountry.Columns[^1].Format(0));

            // A dashboard filter on months switched to Range applies nothing until both ends are chosen.
            await page.GetByTestId("widget-title").First.ClickAsync();
            await page.EvaluateAsync("() => 0");
            var month = page.GetByTestId("model-level-[Time].[Calendar].[Month]");
            await DragToFiltersAsync(page, month);
            await page.GetByTestId("filter-kind-range").ClickAsync();
            await Expect(page.GetByTestId("range-from")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("widget-error")).ToHaveCountAsync(0);
            await Expect(tiles.Nth(0).GetByTestId("pivot-cell-0-0")).ToHaveTextAsync(byQuarter.Columns[^1].Format(0));
            // The months of the picker carry their year too.
            await Expect(page.GetByTestId("range-from").Locator("option").Nth(1)).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d{4}-\d{2}$"));
        });
    }

    [Fact]
    public async Task AStaleResultIsDimmedThePickerIsReadableAndLeavingUnsavedChangesAsks()
    {
        var (served, cube) = Start();
        using var _ = served;
        var link = Save(served, [Widget("w1", "pivot", [Level("[Geography]", "[Geography].[region]", "region")], ["[Measures].[Revenue]"])]);
        await RunAsync(output, async page =>
        {
            await page.GotoAsync(link, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
            await Expect(page.GetByTestId("pivot-cell-0-0")).ToHaveTextAsync(cube.Query([cube.Measures["Revenue"]], [cube.Levels["region"]]).Columns[^1].Format(0));
            await Expect(page.GetByTestId("save-status")).ToHaveCountAsync(0);   // just opened: nothing unsaved

            // The scenario picker's text is not the colour of its box.
            var colours = await page.GetByTestId("scenario-picker").EvaluateAsync<string[]>("e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]");
            Assert.NotEqual(colours[0], colours[1]);

            // A query that fails: the error shows, the previous numbers are dimmed under it.
            await page.GetByTestId("widget-title").ClickAsync();
            await page.GetByTestId("wizard-tab-mdx").ClickAsync();
            // The editor colours MDX and completes the cube's names.
            var editor = page.GetByTestId("mdx-editor");
            var keyword = editor.Locator("span", new LocatorLocatorOptions { HasTextString = "SELECT" }).First;
            Assert.Equal("rgb(124, 58, 237)", await keyword.EvaluateAsync<string>("e => getComputedStyle(e).color"));
            await editor.FillAsync("SELECT {[Measures].[Rev");
            await editor.PressAsync("Control+Space");
            await Expect(page.Locator(".cm-tooltip-autocomplete")).ToContainTextAsync("[Measures].[Revenue]");
            await editor.PressAsync("Escape");
            await editor.FillAsync("SELECT {[Measures].[Nope]} ON 0 FROM [Sales]");
            await editor.PressAsync("Control+Enter");
            await Expect(page.GetByTestId("widget-error")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("widget-result")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("stale"));
            var opacity = await page.GetByTestId("widget-result").EvaluateAsync<string>("e => getComputedStyle(e).opacity");
            Assert.True(double.Parse(opacity, s_invariant) < 0.5, $"opacity {opacity}");

            // Unsaved: marked, and leaving asks first (dismissed: the dashboard stays; accepted: home).
            await Expect(page.GetByTestId("save-status")).ToHaveTextAsync("Unsaved changes");
            var asked = 0;
            void Dismiss(object? sender, IDialog dialog) { asked++; dialog.DismissAsync(); }
            page.Dialog += Dismiss;
            await page.GetByTestId("go-home").ClickAsync();
            await Expect(page.GetByTestId("dashboard-name")).ToBeVisibleAsync();
            Assert.Equal(1, asked);
            page.Dialog -= Dismiss;
            page.Dialog += (_, dialog) => dialog.AcceptAsync();
            await page.GetByTestId("go-home").ClickAsync();
            await Expect(page.GetByTestId("new-dashboard")).ToBeVisibleAsync();
        });
    }

    [Fact]
    public async Task ChartTooltipsShowTheMeasuresFormats()
    {
        var (served, cube) = Start();
        using var _ = served;
        var link = Save(served, [Widget("w1", "combo", [Level("[Time].[Calendar]", "[Time].[Calendar].[Year]", "Year")], ["[Measures].[Revenue]", "[Measures].[Margin %]"])]);
        var margins = cube.Query([cube.Measures["Margin %"]], [cube.Levels["Year"]]);
        var shown = Enumerable.Range(0, margins.RowCount).Select(r => margins.Columns[^1].Format(r)).ToList();
        await RunAsync(output, async page =>
        {
            await page.GotoAsync(link, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
            var canvas = page.GetByTestId("chart").Locator("canvas").First;
            await Expect(canvas).ToBeVisibleAsync();
            var box = (await canvas.BoundingBoxAsync())!;
            // Over the middle of the plot: the axis tooltip of one year, its values as the measures format them.
            await page.Mouse.MoveAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
            await page.Mouse.MoveAsync(box.X + box.Width / 2 + 3, box.Y + box.Height / 2, new MouseMoveOptions { Steps = 3 });
            var tooltip = page.GetByTestId("chart").Locator("div", new LocatorLocatorOptions { HasText = "Margin %:" }).Last;
            await Expect(tooltip).ToBeVisibleAsync();
            var text = await tooltip.InnerTextAsync();
            Assert.Contains(shown, s => text.Contains(s, StringComparison.Ordinal));
            Assert.DoesNotMatch(@"\d\.\d{5,}", text);
            await ScreenshotAsync(output, page, "chart-tooltip", keepPointer: true);
        });
    }

    [Fact]
    public async Task TheContextMenuKeepsRemovesExpandsAndSortsAndASelectionCopiesAsTabSeparatedText()
    {
        var (served, cube) = Start();
        using var _ = served;
        var link = Save(served, [Widget("w1", "pivot", [Level("[Geography]", "[Geography].[region]", "region")], ["[Measures].[Revenue]", "[Measures].[Quantity]"])]);
        var (revenue, quantity) = (cube.Measures["Revenue"], cube.Measures["Quantity"]);
        var (region, country) = (cube.Levels["region"], cube.Levels["country"]);
        var byRegion = Expected(cube.Query([revenue], [region]));
        await RunAsync(output, async page =>
        {
            await page.GotoAsync(link, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
            var pivot = page.GetByTestId("pivot-table");
            await ExpectPivotAsync(pivot, byRegion);

            // Select two rows × two columns by Shift+click, copy with Ctrl+C: tab-separated, headers first.
            await page.EvaluateAsync("() => window.addEventListener('copy', e => { window.__copied = e.clipboardData.getData('text/plain'); })");
            await pivot.GetByTestId("pivot-cell-0-0").ClickAsync();
            await pivot.GetByTestId("pivot-cell-1-1").ClickAsync(new LocatorClickOptions { Modifiers = [KeyboardModifier.Shift] });
            await pivot.PressAsync("Control+c");
            var both = cube.Query([revenue, quantity], [region]);
            var expectedTsv = string.Join("\n", ["Geography\tRevenue\tQuantity", .. Enumerable.Range(0, 2).Select(r => $"{both.Columns[0].Format(r)}\t{both.Columns[1].Format(r)}\t{both.Columns[2].Format(r)}")]);
            Assert.Equal(expectedTsv, await page.EvaluateAsync<string>("() => window.__copied"));
            // Arrows move the selection; Enter expands the row's member.
            await pivot.PressAsync("ArrowDown");
            await Expect(pivot.GetByTestId("pivot-cell-2-1")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("selected"));

            // Keep only the first region, then all regions but it (Remove).
            await pivot.GetByTestId("pivot-row-0-0").ClickAsync(new LocatorClickOptions { Button = MouseButton.Right });
            await page.GetByTestId("pivot-menu-keep-only").ClickAsync();
            await ExpectPivotAsync(pivot, [byRegion[0]]);
            await Expect(pivot.Locator(".pivot-row-head")).ToHaveCountAsync(1);
            await page.Keyboard.PressAsync("Control+z");
            await ExpectPivotAsync(pivot, byRegion);
            await pivot.GetByTestId("pivot-cell-0-0").ClickAsync(new LocatorClickOptions { Button = MouseButton.Right });
            await page.GetByTestId("pivot-menu-remove").ClickAsync();
            await ExpectPivotAsync(pivot, byRegion[1..]);
            await page.Keyboard.PressAsync("Control+z");
            await ExpectPivotAsync(pivot, byRegion);

            // Expand all below: every region followed by its countries.
            await pivot.GetByTestId("pivot-row-0-0").ClickAsync(new LocatorClickOptions { Button = MouseButton.Right });
            await page.GetByTestId("pivot-menu-expand-all").ClickAsync();
            var expanded = byRegion.SelectMany(r => new[] { r }.Concat(Expected(cube.Query([revenue], [country], filter: region == r.Caption)))).ToList();
            for (var r = 0; r < 8; r++)   // the rows in view (the table is virtualized)
            {
                await Expect(pivot.GetByTestId($"pivot-row-{r}-0").Locator(".caption")).ToHaveTextAsync(expanded[r].Caption);
                await Expect(pivot.GetByTestId($"pivot-cell-{r}-0")).ToHaveTextAsync(expanded[r].Value);
            }
            await pivot.GetByTestId("pivot-row-0-0").ClickAsync(new LocatorClickOptions { Button = MouseButton.Right });
            await page.GetByTestId("pivot-menu-collapse-all").ClickAsync();
            await ExpectPivotAsync(pivot, byRegion);

            // Sort descending by Revenue from a cell's menu.
            await pivot.GetByTestId("pivot-cell-0-0").ClickAsync(new LocatorClickOptions { Button = MouseButton.Right });
            await page.GetByTestId("pivot-menu-sort-desc").ClickAsync();
            var values = cube.Query([revenue], [region]);
            await ExpectPivotAsync(pivot, [.. byRegion.Select((r, i) => (r, v: values.Column("Revenue").GetDouble(i)!.Value)).OrderByDescending(x => x.v).Select(x => x.r)]);
        });
    }

    [Fact]
    public async Task TheStyleTabFormatsMeasuresAndColoursCellsByRules()
    {
        var (served, cube) = Start();
        using var _ = served;
        var link = Save(served, [Widget("w1", "pivot", [Level("[Geography]", "[Geography].[region]", "region")], ["[Measures].[Revenue]", "[Measures].[Quantity]"])]);
        var byRegion = cube.Query([cube.Measures["Revenue"], cube.Measures["Quantity"]], [cube.Levels["region"]]);
        var revenues = Enumerable.Range(0, byRegion.RowCount).Select(r => byRegion.Column("Revenue").GetDouble(r)!.Value).ToList();
        var threshold = Math.Round(revenues.Order().ElementAt(revenues.Count / 2));
        await RunAsync(output, async page =>
        {
            await page.GotoAsync(link, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
            var pivot = page.GetByTestId("pivot-table");
            await Expect(pivot.GetByTestId("pivot-cell-0-0")).ToHaveTextAsync(byRegion.Columns[1].Format(0));
            await page.GetByTestId("widget-title").ClickAsync();
            await page.GetByTestId("wizard-tab-style").ClickAsync();

            // Revenue in compact units (Intl's "1.2M").
            await page.GetByTestId("style-format-[Measures].[Revenue]").SelectOptionAsync(new SelectOptionValue { Label = "1.2M" });
            await Expect(pivot.GetByTestId("pivot-cell-0-0")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^[\d.]+[KMB]$"));

            // A rule: Revenue at or above the median in green; the others keep the default colour.
            await page.GetByTestId("style-add-rule").ClickAsync();
            await page.GetByTestId("style-rule-op-0").SelectOptionAsync(">=");
            await page.GetByTestId("style-rule-value-0").FillAsync(threshold.ToString(s_invariant));
            await page.GetByTestId("style-rule-color-0").EvaluateAsync("(e) => { const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set; set.call(e, '#16a34a'); e.dispatchEvent(new Event('input', { bubbles: true })); }");
            for (var r = 0; r < revenues.Count; r++)
            {
                var colour = await pivot.GetByTestId($"pivot-cell-{r}-0").EvaluateAsync<string>("e => getComputedStyle(e).color");
                Assert.True((colour == "rgb(22, 163, 74)") == (revenues[r] >= threshold), $"row {r}: {revenues[r]} vs {threshold}: {colour}");
            }

            // Data bars on Quantity.
            await page.GetByTestId("style-add-rule").ClickAsync();
            await page.GetByTestId("style-rule-kind-1").SelectOptionAsync("bars");
            await page.GetByTestId("style-rule-measure-1").SelectOptionAsync("[Measures].[Quantity]");
            var bar = await pivot.GetByTestId("pivot-cell-0-1").EvaluateAsync<string>("e => getComputedStyle(e).backgroundImage");
            Assert.Contains("linear-gradient", bar, StringComparison.Ordinal);
            await ScreenshotAsync(output, page, "conditional-formatting");
        });
    }

    [Fact]
    public async Task KpiCardsCompareWithThePreviousPeriod()
    {
        var (served, cube) = Start();
        using var _ = served;
        var year2025 = new { kind = "members", hierarchy = "[Time].[Calendar]", level = "[Time].[Calendar].[Year]", members = new[] { new { uniqueName = "[Time].[Calendar].[2025]", caption = "2025" } } };
        var kpi = new
        {
            id = "k",
            title = "k",
            type = "kpi",
            cube = "Sales",
            rows = Array.Empty<object>(),
            columns = Array.Empty<object>(),
            measures = new[] { "[Measures].[Revenue]" },
            filters = new object[] { year2025 },
            expanded = Array.Empty<object>(),
            totals = false,
            nonEmpty = true,
            kpi = new { compare = new { kind = "previous", hierarchy = "[Time].[Calendar]" }, compact = true },
        };
        var link = Save(served, [kpi]);
        var byYear = cube.Query([cube.Measures["Revenue"]], [cube.Levels["Year"]]);
        double Revenue(int year) => Enumerable.Range(0, byYear.RowCount).Where(r => byYear.Columns[0].Format(r) == year.ToString(s_invariant)).Select(r => byYear.Column("Revenue").GetDouble(r)!.Value).Single();
        var change = (Revenue(2025) - Revenue(2024)) / Revenue(2024);
        await RunAsync(output, async page =>
        {
            await page.GotoAsync(link, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
            await Expect(page.GetByTestId("kpi-value-0")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^[\d.]+[KMB]$"));
            var delta = page.GetByTestId("kpi-delta-0");
            await Expect(delta).ToContainTextAsync($"({(change > 0 ? "+" : "")}{(change * 100).ToString("F1", s_invariant)}%)");
            await Expect(delta).ToContainTextAsync(change > 0 ? "▲" : "▼");
            await Expect(delta).ToContainTextAsync("vs previous period");
            await Expect(page.Locator(".kpi")).ToHaveCountAsync(1);   // the previous period is no card of its own
            await ScreenshotAsync(output, page, "kpi-comparison");
        });
    }

    [Fact]
    public async Task PageFiltersWidgetFiltersOnTilesSharingAndPresentation()
    {
        var (served, cube) = Start();
        using var _ = served;
        var segment = new { kind = "members", hierarchy = "[Customer].[Segment]", level = "[Customer].[Segment].[segment]", members = new[] { new { uniqueName = "[Customer].[Segment].[Consumer]", caption = "Consumer" } } };
        var link = Save(served, [Widget("w1", "pivot", [Level("[Geography]", "[Geography].[region]", "region")], ["[Measures].[Revenue]"], [segment])]);
        var (revenue, region, category) = (cube.Measures["Revenue"], cube.Levels["region"], cube.Levels["category"]);
        var consumers = cube.Levels["segment"] == "Consumer";
        var chosen = (string)cube.Query([revenue], [category])[0, category.Name]!;
        await RunAsync(output, async page =>
        {
            await page.GotoAsync(link, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
            await ExpectPivotAsync(page.GetByTestId("pivot-table"), Expected(cube.Query([revenue], [region], filter: consumers)));
            // The widget's own filter shows on its tile.
            await Expect(page.GetByTestId("tile-filters")).ToContainTextAsync("Consumer");

            // A page filter: dropped, its member picker opens at once; the page's widgets follow it.
            await DispatchDragAsync(page.GetByTestId("model-level-[Product].[category]"), page.GetByTestId("drop-page-filters"));
            var editor = page.GetByTestId("filter-editor");
            await Expect(editor).ToBeVisibleAsync();
            await editor.GetByTestId("member-search").FillAsync(chosen);
            await editor.GetByTestId("member-list").Locator("label", new LocatorLocatorOptions { HasText = chosen }).Locator("input").CheckAsync();
            await editor.GetByTestId("filter-apply").ClickAsync();
            await Expect(page.GetByTestId("page-filter-0")).ToContainTextAsync(chosen);
            await ExpectPivotAsync(page.GetByTestId("pivot-table"), Expected(cube.Query([revenue], [region], filter: consumers & (category == chosen))));

            // A filter dropped on the widget's Filters zone opens its picker too.
            await page.GetByTestId("widget-title").ClickAsync();
            await DispatchDragAsync(page.GetByTestId("model-level-[Product].[subcategory]"), page.GetByTestId("drop-filters"));
            await Expect(page.GetByTestId("filter-editor")).ToBeVisibleAsync();
            await page.GetByTestId("filter-editor").Locator("button[title=Close]").ClickAsync();

            // Share: the link, to edit or to present.
            await page.GetByTestId("share-dashboard").ClickAsync();
            await Expect(page.GetByTestId("share-link")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("#/dashboard/analyst$"));
            await page.GetByTestId("share-present").CheckAsync();
            var presentLink = await page.GetByTestId("share-link").InputValueAsync();
            Assert.EndsWith("#/present/analyst", presentLink, StringComparison.Ordinal);
            await page.GetByTestId("share-apply").ClickAsync();
            await Expect(page.GetByTestId("share-status")).ToHaveTextAsync("Shared");

            // Presentation mode from the link: the widgets alone; Escape leaves it.
            await page.GotoAsync(presentLink, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
            await Expect(page.GetByTestId("presentation")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("presentation-title")).ToHaveTextAsync("Analyst");
            await Expect(page.GetByTestId("pivot-table")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("wizard")).ToBeHiddenAsync();
            await Expect(page.GetByTestId("save-dashboard")).ToBeHiddenAsync();
            await page.Keyboard.PressAsync("Escape");
            await Expect(page.GetByTestId("save-dashboard")).ToBeVisibleAsync();
        });
    }

    [Fact]
    public async Task HundredPercentStacksWaterfallsAndTreemapsDraw()
    {
        var (served, _) = Start();
        using var _ = served;
        var link = Save(served, [Widget("w1", "stacked-column-100", [Level("[Geography]", "[Geography].[region]", "region")], ["[Measures].[Revenue]"],
            columns: [Level("[Customer].[Segment]", "[Customer].[Segment].[segment]", "segment")])]);
        await RunAsync(output, async page =>
        {
            await page.GotoAsync(link, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
            await page.GetByTestId("widget-title").ClickAsync();
            foreach (var type in new[] { "stacked-column-100", "stacked-bar-100", "stacked-area-100", "waterfall", "treemap" })
            {
                await page.GetByTestId("widget-type-select").SelectOptionAsync(type);
                var canvas = page.GetByTestId("chart").Locator("canvas").First;
                await Expect(canvas).ToBeVisibleAsync();
                Assert.True(await canvas.BoundingBoxAsync() is { Width: > 200, Height: > 100 }, type);
                await Expect(page.GetByTestId("widget-error")).ToHaveCountAsync(0);
            }
        });
    }

    [Fact]
    public async Task ATreeTableNestsHierarchiesAndAChartSlicesIntoSmallMultiples()
    {
        var (served, cube) = Start();
        using var _ = served;
        var tree = Widget("tree", "tree", [Level("[Geography]", "[Geography].[region]", "region"), Level("[Customer].[Segment]", "[Customer].[Segment].[segment]", "segment")], ["[Measures].[Revenue]"], totals: true);
        var sliced = new
        {
            id = "sliced",
            title = "sliced",
            type = "column",
            cube = "Sales",
            rows = new[] { Level("[Time].[Calendar]", "[Time].[Calendar].[Year]", "Year") },
            columns = Array.Empty<object>(),
            measures = new[] { "[Measures].[Revenue]" },
            filters = Array.Empty<object>(),
            expanded = Array.Empty<object>(),
            totals = false,
            nonEmpty = true,
            sliceBy = Level("[Customer].[Segment]", "[Customer].[Segment].[segment]", "segment"),
        };
        var link = Save(served, [tree, sliced]);
        var revenue = cube.Measures["Revenue"];
        var (region, segment) = (cube.Levels["region"], cube.Levels["segment"]);
        var regions = cube.Query([revenue], [region]);
        var first = regions.Columns[0].Format(0);
        var segments = cube.Query([revenue], [segment], filter: region == first);
        await RunAsync(output, async page =>
        {
            await page.GotoAsync(link, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
            var table = page.Locator(".tile").Nth(0);
            // One column: the total, the first region (its subtotal), its segments indented under it.
            await Expect(table.Locator(".pivot-corner-title")).ToHaveTextAsync(["Geography / Segment"]);
            await Expect(table.GetByTestId("pivot-row-0-0").Locator(".caption")).ToHaveTextAsync("Total");
            await Expect(table.GetByTestId("pivot-row-1-0").Locator(".caption")).ToHaveTextAsync(first);
            await Expect(table.GetByTestId("pivot-cell-1-0")).ToHaveTextAsync(regions.Columns[^1].Format(0));
            await Expect(table.GetByTestId("pivot-row-2-0").Locator(".caption")).ToHaveTextAsync(segments.Columns[0].Format(0));
            await Expect(table.GetByTestId("pivot-cell-2-0")).ToHaveTextAsync(segments.Columns[^1].Format(0));
            await Expect(table.GetByTestId("pivot-row-0-1")).ToHaveCountAsync(0);

            // A chart per segment.
            var multiples = page.Locator(".tile").Nth(1).GetByTestId("small-multiple");
            await Expect(multiples).ToHaveCountAsync(4);
            await Expect(multiples.Locator(".small-multiple-title")).ToHaveTextAsync(["Consumer", "Corporate", "Home Office", "Small Business"]);
            await Expect(multiples.Nth(3).Locator("canvas").First).ToBeVisibleAsync();
        });
    }

    /// <summary>
    /// The interactions an analyst waits for, timed from the action to the numbers on screen: the first pivot, an
    /// expansion, a switch to a chart, a drillthrough. On CUBOID_BROWSER_ROWS sales rows (20,000 by default; the figures
    /// in docs/benchmarks.md are a run on the demo's 1,000,000). Printed, not asserted: machines are shared and noisy.
    /// </summary>
    [Fact]
    public async Task InteractionTimings()
    {
        var rows = int.TryParse(Environment.GetEnvironmentVariable("CUBOID_BROWSER_ROWS"), out var n) ? n : 20_000;
        using var served = new ServedSession();
        var cube = RetailCube.Build(served.Session, RetailData.WriteCsv(_dataDir, rows));
        var link = Save(served, [Widget("w1", "pivot", [Level("[Geography]", "[Geography].[region]", "region")], ["[Measures].[Revenue]"], totals: true, columns: [Level("[Time].[Calendar]", "[Time].[Calendar].[Year]", "Year")])]);
        var revenue = cube.Measures["Revenue"];
        var (region, country) = (cube.Levels["region"], cube.Levels["country"]);
        var byRegion = cube.Query([revenue], [region]);
        var first = byRegion.Columns[0].Format(0);
        var firstCountry = cube.Query([revenue], [country], filter: region == first).Columns[0].Format(0);
        var timings = new List<(string What, double Ms)>();
        await RunAsync(output, async page =>
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            await page.GotoAsync(link);
            await Expect(page.GetByTestId("pivot-row-0-0").Locator(".caption")).ToHaveTextAsync("Total");
            timings.Add(("first pivot (open the dashboard → numbers)", watch.Elapsed.TotalMilliseconds));

            watch.Restart();
            await page.GetByTestId("pivot-expand-1-0").ClickAsync();
            await Expect(page.GetByTestId("pivot-row-2-0").Locator(".caption")).ToHaveTextAsync(firstCountry);
            timings.Add(("expand a region (click → its countries)", watch.Elapsed.TotalMilliseconds));

            watch.Restart();
            await page.GetByTestId("widget-type-chart").ClickAsync();
            await Expect(page.GetByTestId("chart").Locator("canvas").First).ToBeVisibleAsync();
            timings.Add(("switch to a chart (click → drawn)", watch.Elapsed.TotalMilliseconds));
            await page.GetByTestId("widget-type-pivot").ClickAsync();

            watch.Restart();
            await page.GetByTestId("pivot-cell-1-0").DblClickAsync();
            await Expect(page.GetByTestId("drillthrough-count")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Rows "));
            timings.Add(("drillthrough (double-click → first page)", watch.Elapsed.TotalMilliseconds));
        });
        output.WriteLine($"{rows:N0} sales rows, headless chromium 1440×900:");
        foreach (var (what, ms) in timings) output.WriteLine($"  {what}: {ms:F0} ms");
        Assert.Equal(4, timings.Count);
    }

    /// <summary>Drops a level of the data model on the dashboard's filters (HTML5 drag events, as WebAppBrowserTests does).</summary>
    private static Task DragToFiltersAsync(IPage page, ILocator source) => DispatchDragAsync(source, page.GetByTestId("drop-dashboard-filters"));

    public void Dispose()
    {
        try { Directory.Delete(_dataDir, recursive: true); }
        catch (IOException) { }
    }
}
