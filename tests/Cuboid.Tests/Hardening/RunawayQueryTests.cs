using Cuboid.Tests.Mdx.Execution;

namespace Cuboid.Tests.Hardening;

/// <summary>
/// Sets too large to hold are refused before they are built (MDX0302), and the time limit stops a
/// crossjoin or a per-tuple loop while it runs (MDX0300): a 152-byte query cannot take the
/// server's memory. Allocation is measured on the query's thread, not timed.
/// </summary>
[Collection(FoodMartCollection.Name)]
public sealed class RunawayQueryTests(FoodMartSession foodMart)
{
    private const string ThreeLevels =
        "SELECT [Measures].[Unit Sales] ON 0, [Customers].[Name].Members * [Product].[Product Name].Members * [Time].[Month].Members ON 1 FROM [Sales]";

    private readonly Session _session = foodMart.Session;

    private static (MdxDiagnostic Diagnostic, long AllocatedMb) Fails(Action query)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<MdxException>(query);
        return (Assert.Single(error.Diagnostics), (GC.GetAllocatedBytesForCurrentThread() - before) >> 20);
    }

    [Fact]
    public void ACrossjoinOfLargeLevelsIsRefusedBeforeItIsBuilt()
    {
        var (diagnostic, allocated) = Fails(() => _session.QueryMdx(ThreeLevels));
        Assert.Equal("MDX0302", diagnostic.Code);
        Assert.Equal("The set would have 16,038,360 tuples, more than the query's limit of 10,000,000 (QueryOptions.MaxSetTuples).", diagnostic.Message);   // 10,281 × 1,560
        Assert.Equal(ThreeLevels.IndexOf("[Customers]", StringComparison.Ordinal) + 1, diagnostic.Column);   // the crossjoin's first operand
        Assert.True(allocated < 50, $"{allocated} MB allocated before refusing");
    }

    [Fact]
    public void TheTimeLimitStopsACrossjoinWhileItIsBuilt()
    {
        var options = new QueryOptions { MaxSetTuples = null, Timeout = TimeSpan.FromMilliseconds(1) };
        var (diagnostic, allocated) = Fails(() => _session.QueryMdx(ThreeLevels, options));
        Assert.Equal("MDX0300", diagnostic.Code);
        Assert.True(allocated < 200, $"{allocated} MB allocated before stopping (the whole crossjoin is over 1,500 MB)");
    }

    [Fact]
    public void TheTimeLimitStopsAPerTupleLoop()
    {
        // Filter evaluates its condition once per tuple (a string comparison cannot be read in bulk).
        var mdx = "SELECT [Measures].[Unit Sales] ON 0, Filter([Customers].[Name].Members * [Gender].[Gender].Members, "
            + "[Customers].CurrentMember.Name + [Gender].CurrentMember.Name <> \"x\") ON 1 FROM [Sales]";
        var (diagnostic, _) = Fails(() => _session.QueryMdx(mdx, new QueryOptions { Timeout = TimeSpan.FromMilliseconds(1) }));
        Assert.Equal("MDX0300", diagnostic.Code);
    }

    [Fact]
    public void AQueryLowersTheSetLimitForEverySetItBuilds()
    {
        var options = new QueryOptions { MaxSetTuples = 100 };   // 109 cities, 13 states
        var small = _session.QueryMdx("SELECT {[Gender].[F], [Gender].[M]} * {[Marital Status].[M], [Marital Status].[S]} ON 0 FROM [Sales]", options, TestContext.Current.CancellationToken);
        Assert.Equal(4, small.CellSet!.Axes[0].Positions.Count);
        Assert.Equal("MDX0302", Fails(() => _session.QueryMdx("SELECT CrossJoin([Customers].[City].Members, [Gender].[Gender].Members) ON 0 FROM [Sales]", options)).Diagnostic.Code);
        Assert.Equal("MDX0302", Fails(() => _session.QueryMdx("SELECT Generate([Customers].[City].Members, {[Gender].[F], [Gender].[M]}, ALL) ON 0 FROM [Sales]", options)).Diagnostic.Code);
        Assert.Equal("MDX0302", Fails(() => _session.QueryMdx("SELECT Union([Customers].[City].Members, [Customers].[State Province].Members, ALL) ON 0 FROM [Sales]", options)).Diagnostic.Code);
    }
}
