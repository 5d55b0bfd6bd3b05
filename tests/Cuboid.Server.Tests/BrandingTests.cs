using System.Net;

namespace Cuboid.Server.Tests;

/// <summary>SessionConfig.Branding over HTTP: the page carries it (escaped), its files are served inert, bad settings are refused by name.</summary>
public sealed class BrandingTests : IDisposable
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>A 1×1 PNG.</summary>
    private static readonly byte[] s_png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private readonly string _dir = Directory.CreateTempSubdirectory("cuboid-branding-").FullName;

    private string File(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public async Task ThePageCarriesTheTitleEscapedAndTheFilesAreServedInert()
    {
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"u8.ToArray();
        using var served = new ServedSession(new SessionConfig
        {
            Branding = new BrandingConfig { Title = "Q&A </script><b>", Logo = File("logo.png", s_png), DarkLogo = File("dark.svg", svg), AccentColor = "#d9480f" },
        });
        var page = await served.Client.GetStringAsync(new Uri("/", UriKind.Relative), Token);
        Assert.Contains("<title>Q&amp;A &lt;/script&gt;&lt;b&gt;</title>", page, StringComparison.Ordinal);
        var block = page[page.IndexOf("<script id=\"cuboid-shell\"", StringComparison.Ordinal)..];
        block = block[..(block.IndexOf("</script>", StringComparison.Ordinal) + 9)];
        Assert.DoesNotContain("</script><b>", block, StringComparison.Ordinal);   // the title cannot close the block
        var settings = System.Text.Json.JsonDocument.Parse(block[(block.IndexOf('>') + 1)..^9]).RootElement;
        Assert.Equal("Q&A </script><b>", settings.GetProperty("title").GetString());
        Assert.Equal("/branding/logo.png", settings.GetProperty("logo").GetString());
        Assert.Equal("/branding/dark-logo.svg", settings.GetProperty("darkLogo").GetString());
        Assert.Equal("#d9480f", settings.GetProperty("accentColor").GetString());

        using var png = await served.Client.GetAsync(new Uri("/branding/logo.png", UriKind.Relative), Token);
        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
        Assert.Equal(s_png, await png.Content.ReadAsByteArrayAsync(Token));
        using var dark = await served.Client.GetAsync(new Uri("/branding/dark-logo.svg", UriKind.Relative), Token);
        Assert.Equal("image/svg+xml", dark.Content.Headers.ContentType?.MediaType);
        Assert.Contains("sandbox", dark.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);   // its script never runs
        using var missing = await served.Client.GetAsync(new Uri("/branding/favicon.ico", UriKind.Relative), Token);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task WithoutBrandingThePageIsCuboids()
    {
        using var served = new ServedSession();
        var page = await served.Client.GetStringAsync(new Uri("/", UriKind.Relative), Token);
        Assert.Contains("<title>Cuboid</title>", page, StringComparison.Ordinal);
        Assert.Contains("""{"title":"Cuboid","logo":null,"darkLogo":null,"accentColor":null,"defaultLocale":"en","locales":["en","fr"],"appStrings":{},"extensions":[]}""", page, StringComparison.Ordinal);
    }

    [Fact]
    public void BadSettingsAreRefusedByName()
    {
        static Exception Refused(BrandingConfig branding) =>
            Assert.ThrowsAny<Exception>(() => Session.Start(new SessionConfig { Name = null, Port = 0, Branding = branding }));

        Assert.Equal("BrandingConfig.AccentColor 'red; background: url(x)' is not a CSS colour: give #rrggbb, #rgb, rgb(…) or hsl(…).",
            Refused(new BrandingConfig { AccentColor = "red; background: url(x)" }).Message);
        var absent = Path.Combine(_dir, "absent.svg");
        Assert.Equal($"BrandingConfig.Logo: no file at '{absent}'.", Assert.IsType<FileNotFoundException>(Refused(new BrandingConfig { Logo = absent })).Message);
        var gif = File("logo.gif", [0x47, 0x49, 0x46]);
        Assert.Equal($"BrandingConfig.Favicon '{gif}' is not a .svg or .png or .ico file.", Refused(new BrandingConfig { Favicon = gif }).Message);
        var huge = File("huge.png", new byte[BrandingConfig.MaxFileBytes + 1]);
        Assert.Contains("holds 1,048,577 bytes", Refused(new BrandingConfig { DarkLogo = huge }).Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
