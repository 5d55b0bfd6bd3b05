using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Cuboid.Server.Tests.Browser;

/// <summary>
/// SessionConfig.Branding in chromium: the login page and the title bar show the session's logos and title, the tab
/// has its title and icon, and the accent colour is what a screenshot of a primary button is painted with.
/// </summary>
public sealed class BrandingBrowserTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>#d9480f.</summary>
    private static readonly int[] s_accent = [217, 72, 15];

    private readonly string _dir = Directory.CreateTempSubdirectory("cuboid-branding-").FullName;

    private string Svg(string name, string fill)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, $"""<svg xmlns="http://www.w3.org/2000/svg" width="64" height="32"><rect width="64" height="32" fill="{fill}"/></svg>""");
        return path;
    }

    [Fact]
    public async Task TheLoginPageAndTheTitleBarWearTheSessionsBranding()
    {
        var branding = new BrandingConfig
        {
            Title = "Acme Analytics",
            Logo = Svg("acme.svg", "#202020"),
            DarkLogo = Svg("acme-dark.svg", "#f0f0f0"),
            Favicon = Svg("icon.svg", "#d9480f"),
            AccentColor = "#d9480f",
        };
        var (served, _) = Security.SecuredSession.Start(new SessionConfig { Branding = branding });
        using var _ = served;
        await BrowserRun.RunAsync(output, async page =>
        {
            await page.GotoAsync(served.Session.Link!);
            await Expect(page.GetByTestId("login-form")).ToBeVisibleAsync();
            Assert.Equal("Acme Analytics", await page.TitleAsync());
            Assert.Equal("/branding/favicon.svg", await page.GetAttributeAsync("link[rel=icon]", "href"));
            var brand = page.GetByTestId("login-form").GetByTestId("brand");
            await Expect(brand).ToHaveTextAsync("Acme Analytics");
            var logo = brand.GetByTestId("brand-logo");
            Assert.Equal("/branding/logo.svg", await logo.GetAttributeAsync("src"));
            await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=brand-logo]').naturalWidth === 64");

            // The accent colour, as painted: the centre of a screenshot of the (enabled) login button.
            await page.GetByTestId("login-user").FillAsync("alice");
            var shot = await page.GetByTestId("login-submit").ScreenshotAsync();
            var button = await CentrePixelAsync(page, shot);
            Assert.Equal(s_accent, button);

            await page.GetByTestId("login-password").FillAsync("secret-a");
            await page.GetByTestId("login-submit").ClickAsync();
            await Expect(page.GetByTestId("new-dashboard")).ToBeVisibleAsync();
            var titleBarLogo = page.Locator("header.topbar").GetByTestId("brand-logo");
            Assert.Equal("/branding/dark-logo.svg", await titleBarLogo.GetAttributeAsync("src"));
            await Expect(page.Locator("header.topbar").GetByTestId("brand")).ToHaveTextAsync("Acme Analytics");
            var titleBarButton = await CentrePixelAsync(page, await page.GetByTestId("new-dashboard").ScreenshotAsync());
            Assert.Equal(s_accent, titleBarButton);
            if (Environment.GetEnvironmentVariable("CUBOID_SCREENSHOTS") is { Length: > 0 })
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserRun.RepoRoot(), "docs", "screenshots", "branding.png") });
            }
        });
    }

    /// <summary>The RGB of the centre pixel of a PNG, decoded by the page's own canvas.</summary>
    private static async Task<int[]> CentrePixelAsync(IPage page, byte[] png) => await page.EvaluateAsync<int[]>("""
        async (data) => {
          const image = new Image();
          image.src = "data:image/png;base64," + data;
          await image.decode();
          const canvas = document.createElement("canvas");
          canvas.width = image.width;
          canvas.height = image.height;
          const context = canvas.getContext("2d");
          context.drawImage(image, 0, 0);
          // Left of the centre, between the label's letters and the border: the button's own fill.
          const [r, g, b] = context.getImageData(4, Math.floor(image.height / 2), 1, 1).data;
          return [r, g, b];
        }
        """, Convert.ToBase64String(png));

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
