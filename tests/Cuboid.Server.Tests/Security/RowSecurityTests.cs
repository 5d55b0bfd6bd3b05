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
}
