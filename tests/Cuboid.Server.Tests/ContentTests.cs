using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cuboid.Tests.Support;

namespace Cuboid.Server.Tests;

public sealed class ContentTests
{
    [Fact]
    public async Task InMemoryContentSupportsCrudAndFolders()
    {
        using var served = new ServedSession();
        await CrudAndFoldersAsync(served);
    }

    [Fact]
    public async Task SqliteContentSurvivesARestart()
    {
        var path = Path.Combine(TestData.TempDirectory(), "content.db");
        var config = new SessionConfig { UserContentStorage = path };
        using (var served = new ServedSession(config)) await CrudAndFoldersAsync(served);
        Assert.True(File.Exists(path));

        using var restarted = new ServedSession(config);
        var kept = await restarted.GetJsonAsync("/api/content/d2");
        Assert.Equal("Margins", kept.GetProperty("name").GetString());
        Assert.Equal("/Finance/Q1", kept.GetProperty("folder").GetString());
        Assert.Equal(3, kept.GetProperty("body").GetProperty("widgets")[2].GetInt32());
        Assert.Equal(["/", "/Finance", "/Finance/Q1"], Strings(await restarted.GetJsonAsync("/api/content/folders?kind=dashboard")));
    }

    [Fact]
    public async Task ContentErrorsAreProblems()
    {
        using var served = new ServedSession();
        using var missing = await served.Client.GetAsync(new Uri("/api/content/none", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var noKind = await served.Client.PutAsync(new Uri("/api/content/x", UriKind.Relative), ServedSession.Json(new { name = "x", body = new { } }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, noKind.StatusCode);
        using var delete = await served.Client.DeleteAsync(new Uri("/api/content/none", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ContentSavedFromCodeIsWhatTheWebAppReads(bool sqlite)
    {
        using var served = new ServedSession(new SessionConfig { UserContentStorage = sqlite ? Path.Combine(TestData.TempDirectory(), "content.db") : null });
        Assert.True(served.Session.SaveContent("start", "dashboard", """{ "pages": [{ "name": "Overview" }] }""", name: "Start here", folder: "Samples/"));
        var item = await served.GetJsonAsync("/api/content/start");
        Assert.Equal("Start here", item.GetProperty("name").GetString());
        Assert.Equal("/Samples", item.GetProperty("folder").GetString());
        Assert.Equal("dashboard", item.GetProperty("kind").GetString());
        Assert.Equal("Overview", item.GetProperty("body").GetProperty("pages")[0].GetProperty("name").GetString());

        // A user's version is kept when the application asks not to replace it; replaced otherwise.
        await PutAsync(served, "start", new { kind = "dashboard", name = "Mine", body = new { pages = Array.Empty<int>() } });
        Assert.False(served.Session.SaveContent("start", "dashboard", "{}", replace: false));
        Assert.Equal("Mine", (await served.GetJsonAsync("/api/content/start")).GetProperty("name").GetString());
        Assert.True(served.Session.SaveContent("start", "dashboard", """{ "v": 2 }"""));
        Assert.Equal("""{ "v": 2 }""", served.Session.ReadContent("start"));
        Assert.Equal("start", (await served.GetJsonAsync("/api/content/start")).GetProperty("name").GetString());
        Assert.Null(served.Session.ReadContent("none"));

        var bad = Assert.Throws<ArgumentException>(() => served.Session.SaveContent("x", "dashboard", "{ pages"));
        Assert.StartsWith("The body of content 'x' is not JSON:", bad.Message, StringComparison.Ordinal);
        Assert.Null(served.Session.ReadContent("x"));
    }

    [Fact]
    public void AHeadlessSessionKeepsNoContent()
    {
        using var session = Session.Start(new SessionConfig { Name = "headless-content", Port = null });
        var e = Assert.Throws<InvalidOperationException>(() => session.SaveContent("d", "dashboard", "{}"));
        Assert.Equal("The session 'headless-content' is not served (its SessionConfig.Port is null, or Cuboid.Server is not loaded), so it keeps no user content.", e.Message);
    }

    /// <summary>Leaves d2 (a dashboard in /Finance/Q1) and w1 (a widget in /) stored.</summary>
    private static async Task CrudAndFoldersAsync(ServedSession served)
    {
        var token = TestContext.Current.CancellationToken;
        var d1 = await PutAsync(served, "d1", new { kind = "dashboard", name = "Sales", folder = "/", body = new { widgets = new[] { 1 } } });
        Assert.Equal("d1", d1.GetProperty("id").GetString());
        Assert.Equal("dashboard", d1.GetProperty("kind").GetString());
        Assert.True(d1.GetProperty("updated").GetDateTime() > DateTime.UtcNow.AddMinutes(-5));
        await PutAsync(served, "d2", new { kind = "dashboard", name = "Margins", folder = "Finance/Q1/", body = new { widgets = new[] { 1, 2, 3 } } });
        await PutAsync(served, "w1", new { kind = "widget", name = "Pivot", body = new { mdx = "SELECT FROM [Sales]" } });

        var dashboards = await served.GetJsonAsync("/api/content?kind=dashboard");
        Assert.Equal(["d1", "d2"], dashboards.EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        Assert.False(dashboards[0].TryGetProperty("body", out _));
        Assert.Equal(["d2"], (await served.GetJsonAsync("/api/content?kind=dashboard&folder=/Finance/Q1")).EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        Assert.Equal(["/", "/Finance", "/Finance/Q1"], Strings(await served.GetJsonAsync("/api/content/folders?kind=dashboard")));
        Assert.Equal(["/"], Strings(await served.GetJsonAsync("/api/content/folders?kind=widget")));

        // PUT replaces.
        await PutAsync(served, "d1", new { kind = "dashboard", name = "Sales (renamed)", folder = "/", body = new { widgets = Array.Empty<int>() } });
        var d1Again = await served.GetJsonAsync("/api/content/d1");
        Assert.Equal("Sales (renamed)", d1Again.GetProperty("name").GetString());
        Assert.Equal(0, d1Again.GetProperty("body").GetProperty("widgets").GetArrayLength());

        using var deleted = await served.Client.DeleteAsync(new Uri("/api/content/d1", UriKind.Relative), token);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await served.Client.GetAsync(new Uri("/api/content/d1", UriKind.Relative), token);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(["w1"], (await served.GetJsonAsync("/api/content?folder=/")).EnumerateArray().Select(i => i.GetProperty("id").GetString()));
    }

    private static async Task<JsonElement> PutAsync(ServedSession served, string id, object item)
    {
        using var response = await served.Client.PutAsync(new Uri("/api/content/" + id, UriKind.Relative), ServedSession.Json(item), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
    }

    private static List<string?> Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString())];
}
