using System.Net;
using System.Text.RegularExpressions;

namespace Cuboid.Server.Tests;

public sealed partial class WebAppTests
{
    /// <summary>
    /// The web app is embedded in Cuboid.Server.dll: nothing beside the assemblies is read (the test
    /// binaries' folder has no wwwroot), as for an application referencing the NuGet package.
    /// </summary>
    [Fact]
    public async Task ServesTheEmbeddedAppsFilesAndIndexForClientRoutes()
    {
        Assert.False(Directory.Exists(Path.Combine(AppContext.BaseDirectory, "wwwroot")), "the web app's files are copied beside the assemblies");
        using var served = new ServedSession();
        var token = TestContext.Current.CancellationToken;

        var index = await served.Client.GetStringAsync(new Uri("/", UriKind.Relative), token);
        Assert.Contains("<div id=\"root\">", index, StringComparison.Ordinal);
        var script = ScriptPath().Match(index);
        Assert.True(script.Success, $"no /assets/ script in index.html:\n{index}");

        using var asset = await served.Client.GetAsync(new Uri(script.Groups[1].Value, UriKind.Relative), token);
        Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        Assert.Equal("text/javascript", asset.Content.Headers.ContentType?.MediaType);
        Assert.True((await asset.Content.ReadAsByteArrayAsync(token)).Length > 10_000);

        Assert.Equal(index, await served.Client.GetStringAsync(new Uri("/dashboards/7", UriKind.Relative), token));
        using var missingAsset = await served.Client.GetAsync(new Uri("/assets/none.js", UriKind.Relative), token);
        Assert.Equal(HttpStatusCode.NotFound, missingAsset.StatusCode);   // a client route gets index.html, a missing file does not
        using var api = await served.Client.GetAsync(new Uri("/api/unknown", UriKind.Relative), token);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
    }

    [GeneratedRegex("""<script[^>]+src="\.?(/assets/[^"]+\.js)""")]
    private static partial Regex ScriptPath();
}
