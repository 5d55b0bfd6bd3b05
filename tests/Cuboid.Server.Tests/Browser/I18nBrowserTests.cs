using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cuboid.Server.Tests.Browser;

/// <summary>
/// SessionConfig.I18n in chromium: a French browser gets the app in French and the cube's captions from the session's
/// translation file; the language picker switches to English, and the choice is kept.
/// </summary>
public sealed class I18nBrowserTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cuboid-i18n-").FullName;

    [Fact]
    public async Task AFrenchBrowserGetsTheAppAndTheCaptionsInFrenchAndMaySwitchToEnglish()
    {
        File.WriteAllText(Path.Combine(_folder, "fr.json"), """
            { "_HIERARCHIES_": { "Shop": "Magasin" }, "_MEASURES_": { "Quantity.SUM": "Quantité vendue" } }
            """);
        var (served, _) = SmallCube.Start(new SessionConfig { I18n = new I18nConfig { Translations = _folder } });
        using var __ = served;
        await BrowserRun.RunAsync(output, async page =>
        {
            await page.GotoAsync(served.Session.Link!);
            await Expect(page.GetByTestId("new-dashboard")).ToHaveTextAsync("Nouveau tableau de bord");
            Assert.Equal("fr", await page.EvaluateAsync<string>("() => document.documentElement.lang"));
            await Expect(page.GetByTestId("locale-picker")).ToHaveValueAsync("fr");

            await page.GetByTestId("new-dashboard").ClickAsync();
            await page.GetByTestId("add-widget-empty").ClickAsync();
            var model = page.GetByTestId("data-model");
            await Expect(model.GetByTestId("model-measure-[Measures].[Quantity.SUM]")).ToContainTextAsync("Quantité vendue");
            await Expect(model).ToContainTextAsync("Magasin");

            // English, chosen: the page reloads in it, and stays in it.
            await page.GetByTestId("locale-picker").First.SelectOptionAsync("en");
            await Expect(page.GetByTestId("locale-picker").First).ToHaveValueAsync("en");
            await page.GotoAsync(served.Session.Link!);
            await Expect(page.GetByTestId("new-dashboard")).ToHaveTextAsync("New dashboard");
            Assert.Equal("en", await page.EvaluateAsync<string>("() => document.documentElement.lang"));
        }, locale: "fr-FR");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
