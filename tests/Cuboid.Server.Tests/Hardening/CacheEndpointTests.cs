using System.Net;

namespace Cuboid.Server.Tests.Hardening;

/// <summary>An administrator sees the aggregate cache's size over the API and empties it.</summary>
public sealed class CacheEndpointTests
{
    [Fact]
    public async Task TheCacheSizeIsReportedAndTheCacheCleared()
    {
        var (served, _) = SmallCube.Start(new SessionConfig { AggregateCacheBytes = 1 << 20 });
        using var _ = served;
        var token = TestContext.Current.CancellationToken;
        using (var query = await served.PostMdxAsync("/api/mdx", SmallCube.QuantityByShop)) Assert.Equal(HttpStatusCode.OK, query.StatusCode);

        var size = await served.GetJsonAsync("/api/cubes/Sales/cache");
        Assert.True(size.GetProperty("entries").GetInt32() > 0);
        Assert.True(size.GetProperty("bytes").GetInt64() > 0);
        Assert.Equal(1 << 20, size.GetProperty("capacityBytes").GetInt64());
        Assert.True(size.GetProperty("misses").GetInt64() > 0);

        using var cleared = await served.Client.DeleteAsync(new Uri("/api/cubes/Sales/cache", UriKind.Relative), token);
        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        var empty = await served.GetJsonAsync("/api/cubes/Sales/cache");
        Assert.Equal((0, 0L), (empty.GetProperty("entries").GetInt32(), empty.GetProperty("bytes").GetInt64()));

        using var unknown = await served.Client.DeleteAsync(new Uri("/api/cubes/Nope/cache", UriKind.Relative), token);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
