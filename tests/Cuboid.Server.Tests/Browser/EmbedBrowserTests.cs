using static Microsoft.Playwright.Assertions;

namespace Cuboid.Server.Tests.Browser;

/// <summary>session.Widget's page in chromium: one live widget for the MDX, nothing else, updated by a commit.</summary>
public sealed class EmbedBrowserTests(ITestOutputHelper output)
{
    [Fact]
    public async Task AWidgetShowsItsQueryAloneAndFollowsCommits()
    {
        var (served, sales) = SmallCube.Start();
        using var _ = served;
        var widget = served.Session.Widget(SmallCube.QuantityByShop, title: "Quantity by shop");
        await BrowserRun.RunAsync(output, async page =>
        {
            await page.GotoAsync(widget.Url.AbsoluteUri);
            await Expect(page.GetByTestId("embed-title")).ToHaveTextAsync("Quantity by shop");
            var pivot = page.GetByTestId("embed").GetByTestId("pivot-table");
            await Expect(pivot).ToContainTextAsync("Lyon");
            await Expect(page.GetByTestId("new-dashboard")).ToHaveCountAsync(0);   // no title bar, no dashboard
            await Expect(page.GetByTestId("data-model")).ToHaveCountAsync(0);
            sales.Append([3, "Nice", 7]);
            await Expect(pivot).ToContainTextAsync("Nice");   // the live query's next result
        });
    }
}
