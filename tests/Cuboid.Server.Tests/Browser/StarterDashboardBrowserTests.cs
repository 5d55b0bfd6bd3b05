using Cuboid.Cli.Demo;
using Cuboid.Samples;
using Microsoft.Playwright;
using static Cuboid.Server.Tests.Browser.BrowserRun;
using static Microsoft.Playwright.Assertions;

namespace Cuboid.Server.Tests.Browser;

/// <summary>
/// The link <c>cuboid demo</c> prints opens its starter dashboard: KPI cards, a pivot of revenue by
/// region × year with subtotals, a chart by month and a dashboard filter, with the cube's numbers.
/// </summary>
public sealed class StarterDashboardBrowserTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "cuboid-starter-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task TheDemoLinkOpensTheStarterDashboardWithTheCubesNumbers()
    {
        using var served = new ServedSession();
        var cube = RetailCube.Build(served.Session, RetailData.WriteCsv(_dataDir, 20_000));
        var link = StarterDashboard.Save(served.Session);
        Assert.Equal($"{served.Session.Link}#/dashboard/{StarterDashboard.Id}", link);

        var (l, m) = (cube.Levels, cube.Measures);
        var (region, country, year) = (l["region"], l["country"], l["Year"]);
        var revenue = m["Revenue"];

        await RunAsync(output, async page =>
        {
            await page.GotoAsync(link, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
            await Expect(page.GetByTestId("dashboard-name")).ToHaveValueAsync(StarterDashboard.Name);
            // The dashboard filter keeps every segment: the figures are the whole cube's.
            await Expect(page.GetByTestId("dashboard-filter-0")).ToContainTextAsync("segment = Consumer, Corporate +2");

            var kpis = page.GetByTestId("kpis");
            var totals = cube.Query([revenue, m["Margin %"], m["Customers"]]);
            for (var i = 0; i < 3; i++) await Expect(kpis.GetByTestId($"kpi-value-{i}")).ToHaveTextAsync(totals.Columns[i].Format(0));
            await Expect(kpis.Locator(".kpi-title")).ToHaveTextAsync(["Revenue", "Margin %", "Customers"]);

            var canvas = page.GetByTestId("chart").Locator("canvas").First;
            await Expect(canvas).ToBeVisibleAsync();
            Assert.True(await canvas.BoundingBoxAsync() is { Width: > 300, Height: > 200 });

            // Revenue by region (Europe expanded into its countries) under the grand total; then a column per year.
            var pivot = page.GetByTestId("pivot-table");
            var byRegion = Expected(cube.Query([revenue], [region]));
            var europe = byRegion.FindIndex(r => r.Caption == "Europe");
            var countries = Expected(cube.Query([revenue], [country], filter: region == "Europe"));
            await ExpectPivotAsync(pivot, [("Total", totals.Columns[0].Format(0)), .. byRegion[..(europe + 1)], .. countries, .. byRegion[(europe + 1)..]]);
            var byYear = cube.Query([revenue], [region, year]);
            var europe2023 = Enumerable.Range(0, byYear.RowCount).Single(r => byYear.Columns[0].Format(r) == "Europe" && byYear.Columns[1].Format(r) == "2023");
            await Expect(pivot.GetByTestId("pivot-col-0-1").Locator(".caption")).ToHaveTextAsync("2023");
            await Expect(pivot.GetByTestId($"pivot-cell-{europe + 1}-1")).ToHaveTextAsync(byYear.Columns[^1].Format(europe2023));

            // The home page lists it with the others.
            await page.GetByTestId("go-home").ClickAsync();
            await Expect(page.GetByTestId($"dashboard-tile-{StarterDashboard.Name}")).ToBeVisibleAsync();
        });

        // Saved again at the next start, it does not replace the user's version.
        Assert.True(served.Session.SaveContent(StarterDashboard.Id, "dashboard", """{ "pages": [] }""", "Edited by a user"));
        StarterDashboard.Save(served.Session);
        Assert.Equal("""{ "pages": [] }""", served.Session.ReadContent(StarterDashboard.Id));
    }

    public void Dispose()
    {
        try { Directory.Delete(_dataDir, recursive: true); }
        catch (IOException) { }
    }
}
