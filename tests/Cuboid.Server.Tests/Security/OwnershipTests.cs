using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Cuboid.Server.Tests.Security.SecuredSession;

namespace Cuboid.Server.Tests.Security;

/// <summary>With authentication, user content belongs to its author, private until shared; custom endpoints know their caller.</summary>
public sealed class OwnershipTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static (ServedSession Served, Table Sales) Start()
    {
        var started = SecuredSession.Start();
        var security = started.Served.Session.Security;
        security.BasicAuthentication.Add("carol", "secret-c");
        security.BasicAuthentication.Add("root", "secret-r");
        security.IndividualRoles["bob"] = ["ROLE_SALES"];
        security.IndividualRoles["root"] = [Roles.Admin];
        return started;
    }

    private static async Task<HttpStatusCode> PutAsync(ServedSession served, string user, string id, object? sharedWith = null, string folder = "/")
    {
        using var response = await served.SendAsync(HttpMethod.Put, $"/api/content/{id}", Basic(user, $"secret-{user[0]}"),
            ServedSession.Json(new { kind = "dashboard", name = id, folder, body = new { pages = Array.Empty<int>() }, sharedWith }));
        return response.StatusCode;
    }

    private static async Task<HttpStatusCode> StatusAsync(ServedSession served, HttpMethod method, string user, string path)
    {
        using var response = await served.SendAsync(method, path, Basic(user, $"secret-{user[0]}"));
        return response.StatusCode;
    }

    private static async Task<string[]> ListAsync(ServedSession served, string user, string path = "/api/content")
    {
        using var response = await served.SendAsync(HttpMethod.Get, path, Basic(user, $"secret-{user[0]}"));
        var items = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        return [.. items.EnumerateArray().Select(i => i.ValueKind == JsonValueKind.String ? i.GetString()! : i.GetProperty("id").GetString()!)];
    }

    [Fact]
    public async Task ADashboardIsItsAuthorsUntilShared()
    {
        var (served, _) = Start();
        using var _ = served;
        Assert.Equal(HttpStatusCode.OK, await PutAsync(served, "alice", "mine", folder: "/Alice"));
        using (var read = await served.SendAsync(HttpMethod.Get, "/api/content/mine", Basic("alice", "secret-a")))
        {
            Assert.Equal("alice", (await read.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("owner").GetString());
        }
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(served, HttpMethod.Get, "bob", "/api/content/mine"));
        Assert.Equal(HttpStatusCode.Forbidden, await PutAsync(served, "bob", "mine"));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(served, HttpMethod.Delete, "bob", "/api/content/mine"));
        Assert.Empty(await ListAsync(served, "bob"));
        Assert.Equal(["/"], await ListAsync(served, "bob", "/api/content/folders"));
        Assert.Equal(["/", "/Alice"], await ListAsync(served, "alice", "/api/content/folders"));

        // Shared with a role, then with a user by name: they read it, only its owner changes it.
        Assert.Equal(HttpStatusCode.OK, await PutAsync(served, "alice", "mine", new { roles = new[] { "ROLE_SALES" } }));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(served, HttpMethod.Get, "bob", "/api/content/mine"));
        Assert.Equal(["mine"], await ListAsync(served, "bob"));
        Assert.Equal(HttpStatusCode.Forbidden, await PutAsync(served, "bob", "mine"));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(served, HttpMethod.Get, "carol", "/api/content/mine"));
        Assert.Equal(HttpStatusCode.OK, await PutAsync(served, "alice", "mine", new { users = new[] { "carol" } }));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(served, HttpMethod.Get, "carol", "/api/content/mine"));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(served, HttpMethod.Get, "bob", "/api/content/mine"));
        // An edit without sharedWith keeps the sharing.
        Assert.Equal(HttpStatusCode.OK, await PutAsync(served, "alice", "mine"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(served, HttpMethod.Get, "carol", "/api/content/mine"));

        // An admin sees and changes everything, and does not take ownership by editing.
        Assert.Equal(["mine"], await ListAsync(served, "root"));
        Assert.Equal(HttpStatusCode.OK, await PutAsync(served, "root", "mine"));
        using (var read = await served.SendAsync(HttpMethod.Get, "/api/content/mine", Basic("alice", "secret-a")))
        {
            Assert.Equal("alice", (await read.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("owner").GetString());
        }
        Assert.Equal(HttpStatusCode.NoContent, await StatusAsync(served, HttpMethod.Delete, "root", "/api/content/mine"));
    }

    [Fact]
    public async Task OwnersAndSharingSurviveARestartAndAnOldFileGainsThem()
    {
        var file = Path.Combine(Path.GetTempPath(), $"cuboid-content-{Guid.NewGuid():N}.db");
        // A file from before owners: its item stays readable by all.
        using (var old = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file}"))
        {
            old.Open();
            using var create = old.CreateCommand();
            create.CommandText = "CREATE TABLE content (id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, folder TEXT NOT NULL, updated TEXT NOT NULL, body TEXT NOT NULL);"
                + "INSERT INTO content VALUES ('legacy', 'dashboard', 'Legacy', '/', '2026-01-01T00:00:00.0000000Z', '{}');";
            create.ExecuteNonQuery();
            Microsoft.Data.Sqlite.SqliteConnection.ClearPool(old);
        }
        for (var start = 0; start < 2; start++)
        {
            var (served, _) = SecuredSession.Start(new SessionConfig { UserContentStorage = file });
            using var _ = served;
            served.Session.Security.IndividualRoles["bob"] = ["ROLE_SALES"];
            if (start == 0)
            {
                Assert.Equal(HttpStatusCode.OK, await PutAsync(served, "alice", "private"));
                Assert.Equal(HttpStatusCode.OK, await PutAsync(served, "alice", "shared", new { roles = new[] { "ROLE_SALES" } }));
            }
            Assert.Equal(["legacy", "shared"], (await ListAsync(served, "bob")).Order(StringComparer.Ordinal));
            Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(served, HttpMethod.Get, "bob", "/api/content/private"));
        }
    }

    [Fact]
    public async Task ContentTheApplicationSavedIsEveryonesToReadAndAdminsToChange()
    {
        var (served, _) = Start();
        using var _ = served;
        served.Session.SaveContent("starter", "dashboard", "{\"pages\":[]}", folder: "/Starters");
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(served, HttpMethod.Get, "bob", "/api/content/starter"));
        Assert.Equal(["/", "/Starters"], await ListAsync(served, "bob", "/api/content/folders"));
        Assert.Equal(HttpStatusCode.Forbidden, await PutAsync(served, "bob", "starter"));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(served, HttpMethod.Delete, "bob", "/api/content/starter"));
        Assert.Equal(HttpStatusCode.OK, await PutAsync(served, "root", "starter"));
    }

    [Fact]
    public async Task ACustomEndpointKnowsItsCallerAndMayRequireARole()
    {
        var (served, _) = Start();
        using var _ = served;
        served.Session.Endpoint("whoami", "GET", request => new { name = request.User.Name, roles = request.User.Roles });
        served.Session.Endpoint("reset", "POST", _ => new { done = true }, roles: [Roles.Admin]);
        using (var whoami = await served.SendAsync(HttpMethod.Get, "/proxy/whoami", Basic("bob", "secret-b")))
        {
            var body = await whoami.Content.ReadFromJsonAsync<JsonElement>(Token);
            Assert.Equal("bob", body.GetProperty("name").GetString());
            Assert.Equal(["ROLE_SALES", Roles.User], body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        }
        using (var refused = await served.SendAsync(HttpMethod.Post, "/proxy/reset", Basic("bob", "secret-b")))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("/proxy/reset needs one of the roles ROLE_ADMIN.", (await refused.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("detail").GetString());
        }
        using var admitted = await served.SendAsync(HttpMethod.Post, "/proxy/reset", Basic("root", "secret-r"));
        Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
    }
}
