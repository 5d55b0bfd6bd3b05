using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Cuboid.Server.Tests;

/// <summary>Scenarios over HTTP: listed, read by an MDX request's "scenario", side by side on the Epoch hierarchy.</summary>
public sealed class ScenarioEndpointTests
{
    [Fact]
    public async Task AQueryReadsTheScenarioItNames()
    {
        var (served, sales) = SmallCube.Start();
        using var _ = served;
        served.Session.CreateScenario("Busy");
        sales.Scenarios["Busy"].Append([3, "Paris", 10]);
        var token = TestContext.Current.CancellationToken;

        var scenarios = await served.GetJsonAsync("/api/scenarios");
        Assert.Equal(["Base", "Busy"], scenarios.EnumerateArray().Select(s => s.GetProperty("name").GetString()));

        async Task<double?[]> Cells(object body)
        {
            using var response = await served.Client.PostAsync(new Uri("/api/mdx", UriKind.Relative), ServedSession.Json(body), token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var json = await response.Content.ReadFromJsonAsync<JsonElement>(token);
            return [.. json.GetProperty("cells").EnumerateArray().Select(c => c.GetProperty("value").ValueKind == JsonValueKind.Null ? (double?)null : c.GetProperty("value").GetDouble())];
        }
        Assert.Equal([5.0, 3.0], await Cells(new { mdx = SmallCube.QuantityByShop }));
        Assert.Equal([5.0, 13.0], await Cells(new { mdx = SmallCube.QuantityByShop, scenario = "Busy" }));
        Assert.Equal([8.0, 18.0], await Cells(new { mdx = "SELECT [Measures].[Quantity.SUM] ON 0, [Epoch].[Epoch].[Branch].Members ON 1 FROM [Sales]" }));

        using var unknown = await served.Client.PostAsync(new Uri("/api/mdx", UriKind.Relative), ServedSession.Json(new { mdx = SmallCube.QuantityByShop, scenario = "Nope" }), token);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("no scenario 'Nope'", await unknown.Content.ReadAsStringAsync(token), StringComparison.Ordinal);
    }
}
