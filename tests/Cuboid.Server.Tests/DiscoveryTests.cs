using System.Net;
using System.Text.Json;

namespace Cuboid.Server.Tests;

[Collection(FoodMartCollection.Name)]
public sealed class DiscoveryTests(FoodMartServer foodMart)
{
    private readonly ServedSession _served = foodMart.Served;

    [Fact]
    public async Task HealthNamesTheSessionAndItsCubes()
    {
        var health = await _served.GetJsonAsync("/api/health");
        Assert.True(health.GetProperty("ready").GetBoolean());
        Assert.Equal(JsonValueKind.Null, health.GetProperty("session").ValueKind);   // the fixture's session has no name
        Assert.Equal(["Sales"], health.GetProperty("cubes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("Sales", (await _served.GetJsonAsync("/api/cubes"))[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task CubeListsDimensionsHierarchiesLevelsAndMeasures()
    {
        var cube = await _served.GetJsonAsync("/api/cubes/Sales");
        Assert.Equal("Sales", cube.GetProperty("name").GetString());
        var store = cube.GetProperty("dimensions").EnumerateArray().Single(d => d.GetProperty("name").GetString() == "Store")
            .GetProperty("hierarchies")[0];
        Assert.Equal("[Store]", store.GetProperty("uniqueName").GetString());
        Assert.Equal("All Stores", store.GetProperty("allMemberName").GetString());
        Assert.False(store.GetProperty("slicing").GetBoolean());
        Assert.True(store.GetProperty("visible").GetBoolean());
        var levels = store.GetProperty("levels").EnumerateArray().Select(l => (l.GetProperty("uniqueName").GetString(), l.GetProperty("depth").GetInt32())).ToList();
        Assert.Equal([("[Store].[(All)]", 0), ("[Store].[Store Country]", 1), ("[Store].[Store State]", 2), ("[Store].[Store City]", 3), ("[Store].[Store Name]", 4)], levels);

        var time = cube.GetProperty("dimensions").EnumerateArray().Single(d => d.GetProperty("name").GetString() == "Time")
            .GetProperty("hierarchies").EnumerateArray().Single(h => h.GetProperty("name").GetString() == "Time");
        Assert.True(time.GetProperty("slicing").GetBoolean());
        Assert.Equal(0, time.GetProperty("levels")[0].GetProperty("depth").GetInt32());   // no All level: Year is depth 0

        var profit = cube.GetProperty("measures").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "Profit");
        Assert.Equal("[Measures].[Profit]", profit.GetProperty("uniqueName").GetString());
        Assert.Equal("$#,##0.00", profit.GetProperty("formatter").GetString());
        Assert.True(profit.TryGetProperty("folder", out _));
        Assert.True(profit.TryGetProperty("description", out _));
    }

    [Fact]
    public async Task MembersArePagedInLevelOrder()
    {
        var all = await _served.GetJsonAsync("/api/cubes/Sales/members?level=" + Uri.EscapeDataString("[Store].[Store State]") + "&limit=1000");
        var names = all.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("uniqueName").GetString()).ToList();
        Assert.Equal(all.GetProperty("total").GetInt32(), names.Count);
        Assert.Contains("[Store].[USA].[WA]", names);
        Assert.Contains("[Store].[Canada].[BC]", names);

        var page = await _served.GetJsonAsync("/api/cubes/Sales/members?level=" + Uri.EscapeDataString("[Store].[Store State]") + "&offset=2&limit=3");
        Assert.Equal(names.Count, page.GetProperty("total").GetInt32());
        Assert.Equal(names.Skip(2).Take(3), page.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("uniqueName").GetString()));
    }

    [Fact]
    public async Task MemberSearchIsACaseInsensitiveSubstringOfTheCaption()
    {
        var found = await _served.GetJsonAsync("/api/cubes/Sales/members?level=" + Uri.EscapeDataString("[Store].[Store City]") + "&search=SAN");
        var captions = found.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("caption").GetString()!).ToList();
        Assert.Equal(found.GetProperty("total").GetInt32(), captions.Count);
        Assert.Contains("San Francisco", captions);
        Assert.Contains("San Diego", captions);
        Assert.All(captions, c => Assert.Contains("san", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task UnknownCubeAndLevelAreNotFoundProblems()
    {
        using var cube = await _served.Client.GetAsync(new Uri("/api/cubes/Nope", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, cube.StatusCode);
        Assert.Equal("application/problem+json", cube.Content.Headers.ContentType?.MediaType);
        using var level = await _served.Client.GetAsync(new Uri("/api/cubes/Sales/members?level=[Nope].[Nope]", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, level.StatusCode);
        using var members = await _served.Client.GetAsync(new Uri("/api/cubes/Nope/members?level=[Store].[Store City]", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, members.StatusCode);
    }
}
