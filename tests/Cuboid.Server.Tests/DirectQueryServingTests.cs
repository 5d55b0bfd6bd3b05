using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using Cuboid.Tests.Support;
using DuckDB.NET.Data;

using static Cuboid.Server.Tests.LiveSocket;

namespace Cuboid.Server.Tests;

/// <summary>A served cube whose facts stay in a DuckDB file: the HTTP API answers from the database, and a live query updates when the database is refreshed.</summary>
public sealed class DirectQueryServingTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private const string QuantityByShop = "SELECT [Measures].[Quantity.SUM] ON COLUMNS, [Shop].[Shop].[Shop].Members ON ROWS FROM [Sales]";

    private static void Execute(string path, string sql)
    {
        using var connection = new DuckDBConnection($"Data Source={path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [Fact]
    public async Task TheApiAnswersFromTheDatabaseAndLiveQueriesFollowARefresh()
    {
        var path = Path.Combine(TestData.TempDirectory(), "sales.duckdb");
        Execute(path, "CREATE TABLE shops (shop VARCHAR PRIMARY KEY, city VARCHAR); INSERT INTO shops VALUES ('Lyon', 'Lyon'), ('Paris', 'Paris'), ('Nice', 'Nice');"
            + "CREATE TABLE sales (id INTEGER, shop VARCHAR, quantity INTEGER); INSERT INTO sales VALUES (1, 'Paris', 3), (2, 'Lyon', 5);");
        using var served = new ServedSession();
        using var database = served.Session.ConnectToExternalDatabase(new DuckDbConnectionInfo(path));
        var sales = served.Session.AddExternalTable(database.Tables["sales"]);
        var shops = served.Session.AddExternalTable(database.Tables["shops"], keys: ["shop"]);
        sales.Join(shops);
        var cube = served.Session.CreateCube(sales, "Sales", CubeMode.Manual);
        foreach (var hierarchy in cube.Hierarchies.ToList()) cube.Hierarchies.Remove(hierarchy.Name);
        cube.Hierarchies.Set(("Shop", "Shop"), ("Shop", shops["shop"]));
        cube.Measures["Quantity.SUM"] = Agg.Sum(sales["quantity"]);

        using (var response = await served.PostMdxAsync("/api/mdx", "SELECT [Measures].[Quantity.SUM] ON COLUMNS FROM [Sales]"))
        {
            var json = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
            Assert.Equal(8.0, json.GetProperty("cells")[0].GetProperty("value").GetDouble());
        }

        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(served.WebSocketUri("/api/live"), Token);
        await SendAsync(socket, new { type = "register", id = "w1", mdx = QuantityByShop });
        var first = await ReceiveAsync(socket);
        Assert.True(first.GetProperty("type").GetString() == "result", first.ToString());
        Assert.Equal([5.0, 3.0], Values(first));

        Execute(path, "INSERT INTO sales VALUES (3, 'Nice', 7)");
        database.Refresh();
        var second = await ReceiveAsync(socket);
        Assert.Equal("result", second.GetProperty("type").GetString());
        Assert.Equal([5.0, 7.0, 3.0], Values(second));
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, Token);
    }

    private static double[] Values(JsonElement result) =>
        [.. result.GetProperty("cellSet").GetProperty("cells").EnumerateArray().Where(c => c.GetProperty("value").ValueKind == JsonValueKind.Number).Select(c => c.GetProperty("value").GetDouble())];
}
