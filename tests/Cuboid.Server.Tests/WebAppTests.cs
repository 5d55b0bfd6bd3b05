using System.Net;

namespace Cuboid.Server.Tests;

public sealed class WebAppTests
{
    [Fact]
    public async Task ServesTheBuiltAppsFilesAndIndexForClientRoutes()
    {
        // wwwroot beside the assemblies is where the web app's build lands (copied from src/Cuboid.Server/wwwroot).
        var root = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        Directory.CreateDirectory(root);
        var index = Path.Combine(root, "index.html");
        var ownIndex = !File.Exists(index);
        if (ownIndex) await File.WriteAllTextAsync(index, "<!doctype html><html><body>test app</body></html>", TestContext.Current.CancellationToken);
        var asset = Path.Combine(root, "cuboid-test-asset.js");
        await File.WriteAllTextAsync(asset, "console.log('asset');", TestContext.Current.CancellationToken);
        try
        {
            using var served = new ServedSession();
            var token = TestContext.Current.CancellationToken;
            Assert.Equal("console.log('asset');", await served.Client.GetStringAsync(new Uri("/cuboid-test-asset.js", UriKind.Relative), token));
            var expected = await File.ReadAllTextAsync(index, token);
            Assert.Equal(expected, await served.Client.GetStringAsync(new Uri("/", UriKind.Relative), token));
            Assert.Equal(expected, await served.Client.GetStringAsync(new Uri("/dashboards/7", UriKind.Relative), token));
            using var api = await served.Client.GetAsync(new Uri("/api/unknown", UriKind.Relative), token);
            Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        }
        finally
        {
            File.Delete(asset);
            if (ownIndex) File.Delete(index);
        }
    }
}
