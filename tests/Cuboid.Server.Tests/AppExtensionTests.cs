using System.Net;
using static Cuboid.Server.Tests.Security.SecuredSession;

namespace Cuboid.Server.Tests;

/// <summary>SessionConfig.AppExtensions over HTTP: the page lists the entries, the files are served from their folder only, to logged-in users; bad settings are refused by name.</summary>
public sealed class AppExtensionTests : IDisposable
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private readonly string _root = Directory.CreateTempSubdirectory("cuboid-extensions-").FullName;

    private string Extension(string name)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root, name)).FullName;
        File.WriteAllText(Path.Combine(folder, "index.js"), "import { draw } from './draw.js';\nexport function activate(api) { draw(api); }\n");
        File.WriteAllText(Path.Combine(folder, "draw.js"), "export function draw() {}\n");
        return folder;
    }

    [Fact]
    public async Task ThePageListsTheEntriesAndTheFilesAreServedFromTheirFolderToUsers()
    {
        File.WriteAllText(Path.Combine(_root, "secret.txt"), "outside the extension");
        var (served, _) = Security.SecuredSession.Start(new SessionConfig
        {
            AppExtensions = new Dictionary<string, string> { ["heat-map"] = Extension("heat-map"), ["aaa"] = Extension("aaa") },
        });
        using var _ = served;
        var page = await served.Client.GetStringAsync(new Uri("/", UriKind.Relative), Token);
        Assert.Contains("""
            "extensions":[{"name":"aaa","entry":"/extensions/aaa/index.js"},{"name":"heat-map","entry":"/extensions/heat-map/index.js"}]
            """.Trim(), page, StringComparison.Ordinal);

        using (var anonymous = await served.SendAsync(HttpMethod.Get, "/extensions/heat-map/index.js"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }
        using (var entry = await served.SendAsync(HttpMethod.Get, "/extensions/heat-map/index.js", Basic("alice", "secret-a")))
        {
            Assert.Equal(HttpStatusCode.OK, entry.StatusCode);
            Assert.Equal("text/javascript", entry.Content.Headers.ContentType?.MediaType);
            Assert.StartsWith("import { draw }", await entry.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        }
        using (var beside = await served.SendAsync(HttpMethod.Get, "/extensions/heat-map/draw.js", Basic("alice", "secret-a")))
        {
            Assert.Equal(HttpStatusCode.OK, beside.StatusCode);
        }
        foreach (var escape in new[] { "/extensions/heat-map/..%2Fsecret.txt", "/extensions/heat-map/%2E%2E/secret.txt", "/extensions/nope/index.js" })
        {
            using var refused = await served.SendAsync(HttpMethod.Get, escape, Basic("alice", "secret-a"));
            Assert.True(refused.StatusCode == HttpStatusCode.NotFound, $"{escape} answered {(int)refused.StatusCode}");
            Assert.DoesNotContain("outside the extension", await refused.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void BadSettingsAreRefusedByName()
    {
        Exception Refused(string name, string folder) => Assert.ThrowsAny<Exception>(() =>
            Session.Start(new SessionConfig { Name = null, Port = 0, AppExtensions = new Dictionary<string, string> { [name] = folder } }));

        Assert.Equal("SessionConfig.AppExtensions: 'Heat Map' is not an extension name (lower-case letters, digits and '-', at most 64).", Refused("Heat Map", _root).Message);
        Assert.Equal("SessionConfig.AppExtensions['x']: no folder at '/nowhere'.", Refused("x", "/nowhere").Message);
        Assert.Equal($"SessionConfig.AppExtensions['x']: '{_root}' has no index.js, the ES module the web app imports.", Refused("x", _root).Message);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
