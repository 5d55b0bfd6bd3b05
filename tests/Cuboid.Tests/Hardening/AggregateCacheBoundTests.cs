using Cuboid.Tests.Support;

namespace Cuboid.Tests.Hardening;

/// <summary>The aggregate cache stays within its budget of bytes, dropping the least recently used results first.</summary>
public sealed class AggregateCacheBoundTests
{
    private static (Session Session, Cube Cube) Build(long cacheBytes)
    {
        var session = Session.Start(new SessionConfig { Name = null, Port = null, AggregateCacheBytes = cacheBytes });
        var sales = session.CreateTable("Sales", new Dictionary<string, DataType> { ["Id"] = DataType.Int, ["Shop"] = DataType.String, ["Day"] = DataType.Int, ["Qty"] = DataType.Double }, keys: ["Id"]);
        sales.Load(Enumerable.Range(0, 20_000).Select(i => new { Id = i, Shop = $"S{i % 500}", Day = i % 365, Qty = (double)(i % 7) }));
        var cube = session.CreateCube(sales, "C", CubeMode.Manual);
        cube.Hierarchies.Set("Shop", sales["Shop"]);
        cube.Hierarchies.Set("Day", sales["Day"]);
        cube.Measures["Qty"] = Agg.Sum(sales["Qty"]);
        return (session, cube);
    }

    /// <summary>Quantity by shop on one day: a distinct request (and cache entry) per day.</summary>
    private static QueryResult OnDay(Cube cube, int day) => cube.Query([cube.Measures["Qty"]], [cube.Levels["Shop"]], filter: cube.Levels["Day"] == day);

    [Fact]
    public void ThousandsOfDistinctQueriesStayWithinTheBudget()
    {
        const long budget = 64 << 10;
        var (session, cube) = Build(budget);
        using var _ = session;
        for (var day = 0; day < 365; day++) OnDay(cube, day);
        var size = cube.CacheSize;
        Assert.Equal(budget, size.CapacityBytes);
        Assert.InRange(size.Bytes, 1, budget);
        Assert.InRange(size.Entries, 2, 364);   // some kept, most dropped
        Assert.Equal(365, size.Misses);
    }

    [Fact]
    public void TheLeastRecentlyUsedResultGoesFirst()
    {
        var (probe, probeCube) = Build(long.MaxValue);
        OnDay(probeCube, 0);
        var oneResult = probeCube.CacheSize.Bytes;   // the days' results are about the same size (about 55 shops each)
        probe.Dispose();

        var (session, cube) = Build(oneResult * 5 / 2);   // room for two results
        using var _ = session;
        OnDay(cube, 0);
        OnDay(cube, 1);
        OnDay(cube, 0);   // day 0 is now the more recent
        OnDay(cube, 2);   // day 1 goes
        var before = cube.CacheSize;
        OnDay(cube, 0);
        Assert.Equal(before.Hits + 1, cube.CacheSize.Hits);
        OnDay(cube, 1);
        Assert.Equal(before.Misses + 1, cube.CacheSize.Misses);
        Assert.True(cube.CacheSize.Bytes <= oneResult * 5 / 2);
    }

    [Fact]
    public void ClearingGivesTheMemoryBackAndAnswersAreUnchanged()
    {
        var (session, cube) = Build(512L << 20);
        using var _ = session;
        var first = OnDay(cube, 3).Rows().ToList();
        Assert.True(cube.CacheSize.Bytes > 0);
        cube.ClearCache();
        Assert.Equal((0, 0L), (cube.CacheSize.Entries, cube.CacheSize.Bytes));
        Assert.Equal(first, OnDay(cube, 3).Rows().ToList());
    }
}
