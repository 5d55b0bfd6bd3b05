using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Cuboid.Server.Tests.Security.SecuredSession;

namespace Cuboid.Server.Tests.Security;

/// <summary>The server runs every query as its authenticated user: restricted users get their own numbers, concurrently, and no other's.</summary>
public sealed class RowSecurityTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoUsersQueryingAtOnceGetTheirOwnNumbers()
    {
        var (served, sales) = SecuredSession.Start();
        using var _ = served;
        served.Session.Security.Restrictions["ROLE_PARIS"] = sales["Shop"] == "Paris";
        served.Session.Security.IndividualRoles["alice"] = ["ROLE_PARIS"];
        const string Total = "SELECT [Measures].[Quantity.SUM] ON COLUMNS FROM [Sales]";

        async Task<double> TotalAsync(string user, string password)
        {
            using var response = await served.SendAsync(HttpMethod.Post, "/api/mdx", Basic(user, password), ServedSession.Json(new { mdx = Total }));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("cells")[0].GetProperty("value").GetDouble();
        }

        var expected = new Dictionary<string, double>
        {
            ["alice"] = served.Session.Cubes["Sales"].Query([served.Session.Cubes["Sales"].Measures["Quantity.SUM"]], user: "alice").Column("Quantity.SUM").GetDouble(0)!.Value,
            ["bob"] = served.Session.Cubes["Sales"].Query([served.Session.Cubes["Sales"].Measures["Quantity.SUM"]], user: "bob").Column("Quantity.SUM").GetDouble(0)!.Value,
        };
        Assert.Equal((3d, 8d), (expected["alice"], expected["bob"]));
        var runs = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => i % 2 == 0 ? TotalAsync("alice", "secret-a") : TotalAsync("bob", "secret-b")));
        for (var i = 0; i < runs.Length; i++) Assert.Equal(i % 2 == 0 ? expected["alice"] : expected["bob"], runs[i]);

        // A restricted user's rows: Lyon's shop does not appear in the answer's body.
        using var shops = await served.SendAsync(HttpMethod.Post, "/api/mdx", Basic("alice", "secret-a"),
            ServedSession.Json(new { mdx = "SELECT [Measures].[Quantity.SUM] ON COLUMNS, NON EMPTY [Sales].[Shop].[Shop].Members ON ROWS FROM [Sales]" }));
        var body = await shops.Content.ReadAsStringAsync(Token);
        Assert.Contains("Paris", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Lyon", body, StringComparison.Ordinal);
    }

    /// <summary>Every way the server hands out data, as a restricted user: the other shop's name is in no response body.</summary>
    [Fact]
    public async Task ARestrictedMemberIsInNoResponseBody()
    {
        var (served, sales) = SecuredSession.Start();
        using var _ = served;
        var session = served.Session;
        session.Security.Restrictions["ROLE_PARIS"] = sales["Shop"] == "Paris";
        session.Security.IndividualRoles["alice"] = ["ROLE_PARIS"];
        var cube = session.Cubes["Sales"];
        cube.Measures["Quantity.MEAN"].Roles = ["ROLE_AUDIT"];
        session.Endpoint("total", "GET", request => session.QueryMdx("SELECT [Measures].[Quantity.SUM] ON 0 FROM [Sales]", request.User.RunAs(), Token).CellSet![0].Value);
        const string ByShop = "SELECT [Measures].[Quantity.SUM] ON COLUMNS, [Sales].[Shop].[Shop].Members ON ROWS FROM [Sales]";
        var requests = new (string Name, HttpMethod Method, string Path, object? Body)[]
        {
            ("structure", HttpMethod.Get, "/api/cubes/Sales", null),
            ("members", HttpMethod.Get, "/api/cubes/Sales/members?level=%5BSales%5D.%5BShop%5D.%5BShop%5D", null),
            ("member search", HttpMethod.Get, "/api/cubes/Sales/members?level=%5BSales%5D.%5BShop%5D.%5BShop%5D&search=ly", null),
            ("query", HttpMethod.Post, "/api/mdx", new { mdx = ByShop }),
            ("all members", HttpMethod.Post, "/api/mdx", new { mdx = "SELECT [Measures].[Quantity.SUM] ON COLUMNS, [Sales].[Shop].AllMembers ON ROWS FROM [Sales]" }),
            ("csv", HttpMethod.Post, "/api/mdx/csv", new { mdx = ByShop }),
            ("explain", HttpMethod.Post, "/api/mdx/explain", new { mdx = ByShop }),
            ("drillthrough", HttpMethod.Post, "/api/mdx/drillthrough", new { mdx = "DRILLTHROUGH SELECT FROM [Sales]" }),
            ("custom endpoint", HttpMethod.Get, "/proxy/total", null),
        };
        foreach (var (name, method, path, body) in requests)
        {
            // The test can fail: as bob (unrestricted), the same requests do show Lyon where the data has it.
            using var asBob = await served.SendAsync(method, path, Basic("bob", "secret-b"), body is null ? null : ServedSession.Json(body));
            var bobs = await asBob.Content.ReadAsStringAsync(Token);
            using var asAlice = await served.SendAsync(method, path, Basic("alice", "secret-a"), body is null ? null : ServedSession.Json(body));
            var alices = await asAlice.Content.ReadAsStringAsync(Token);
            Assert.False(alices.Contains("Lyon", StringComparison.Ordinal), $"{name}: {alices}");
            Assert.False(alices.Contains("Quantity.MEAN", StringComparison.Ordinal), $"{name}: {alices}");
            if (name is "members" or "member search" or "query" or "csv") Assert.True(bobs.Contains("Lyon", StringComparison.Ordinal), $"{name} as bob: {bobs}");
        }
        // A restricted member named in a query is as unknown as one that does not exist: the same answer, the name aside.
        async Task<string> AnswerAsync(string shop)
        {
            using var response = await served.SendAsync(HttpMethod.Post, "/api/mdx", Basic("alice", "secret-a"), ServedSession.Json(new { mdx = $"SELECT FROM [Sales] WHERE [Sales].[Shop].[{shop}]" }));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return await response.Content.ReadAsStringAsync(Token);
        }
        Assert.Equal((await AnswerAsync("Lyom")).Replace("Lyom", "Lyon", StringComparison.Ordinal), await AnswerAsync("Lyon"));
        using var total = await served.SendAsync(HttpMethod.Get, "/proxy/total", Basic("alice", "secret-a"));
        var totalBody = await total.Content.ReadAsStringAsync(Token);
        Assert.True(totalBody == "3", totalBody);
        using var all = await served.SendAsync(HttpMethod.Get, "/proxy/total", Basic("bob", "secret-b"));
        Assert.Equal("8", await all.Content.ReadAsStringAsync(Token));

        // A live query: each subscriber's own result.
        using var socket = new System.Net.WebSockets.ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", Basic("alice", "secret-a").ToString());
        await socket.ConnectAsync(served.WebSocketUri("/api/live"), Token);
        await LiveSocket.SendAsync(socket, new { type = "register", id = "w1", mdx = ByShop });
        var live = (await LiveSocket.ReceiveAsync(socket)).GetRawText();
        Assert.Contains("Paris", live, StringComparison.Ordinal);
        Assert.DoesNotContain("Lyon", live, StringComparison.Ordinal);
    }
}
