using Cuboid.Aggregation;
using Cuboid.Mdx.Execution;

namespace Cuboid.Tests.Mdx.Execution;

/// <summary>QueryOptions: a time limit cancels a query (MDX0300), a result-size limit fails it before its cells are computed (MDX0301).</summary>
[Collection(FoodMartCollection.Name)]
public sealed class QueryLimitsTests(FoodMartSession foodMart)
{
    private const string CustomersByProduct =
        "SELECT {[Measures].[Unit Sales]} ON 0, CrossJoin([Customers].[Name].Members, [Product].[Product Department].Members) ON 1 FROM [Sales]";

    private readonly Session _session = foodMart.Session;

    [Fact]
    public void ATimeLimitCancelsAHeavyQuery()
    {
        var error = Assert.Throws<MdxException>(() => _session.QueryMdx(CustomersByProduct, new QueryOptions { Timeout = TimeSpan.FromMilliseconds(1) }, TestContext.Current.CancellationToken));
        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal("MDX0300", diagnostic.Code);
        Assert.Equal("The query ran longer than its 00:00:00.001 time limit and was cancelled.", diagnostic.Message);
    }

    [Fact]
    public void TheTimeLimitIsWrittenAsATime()
    {
        using var query = new QueryContext("SELECT FROM [Sales]", new QueryOptions { Timeout = TimeSpan.FromSeconds(2) });
        Assert.Equal("The query ran longer than its 00:00:02 time limit and was cancelled.", query.TimedOut().Diagnostics[0].Message);
    }

    [Fact]
    public void ScansStopWhenCancelled()
    {
        var cube = foodMart.Cube;
        var snapshot = cube.Snapshot;
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var plan = new ScanPlan(snapshot, [], null, [AggregateSpec.Contributors], cube.TableOf);
        Assert.ThrowsAny<OperationCanceledException>(() => ScanKernel.Run(plan, cancellation: cancelled.Token));
        Assert.Equal(86_837, ScanKernel.Run(plan, cancellation: TestContext.Current.CancellationToken).Leaves[0].Counts[0]);
    }

    [Fact]
    public void AQueryWithinItsLimitsRuns()
    {
        const string mdx = "SELECT {[Measures].[Unit Sales]} ON 0, [Store].[Store State].Members ON 1 FROM [Sales]";
        var limited = _session.QueryMdx(mdx, new QueryOptions { Timeout = TimeSpan.FromMinutes(5), MaxResultCells = 10 }, TestContext.Current.CancellationToken);
        Assert.Equal(_session.QueryMdx(mdx).Rows().Select(r => string.Join("|", r)), limited.Rows().Select(r => string.Join("|", r)));
    }

    [Fact]
    public void TooManyCellsFailBeforeAnyIsComputed()
    {
        var error = Assert.Throws<MdxException>(() => _session.ExplainMdxQuery(CustomersByProduct, new QueryOptions { MaxResultCells = 100_000 }, TestContext.Current.CancellationToken));
        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal("MDX0301", diagnostic.Code);
        Assert.Matches(@"^The query's result would have [\d,]+ cells \(1 × [\d,]+ positions\), more than its limit of 100,000 cells\.$", diagnostic.Message);
    }

    [Fact]
    public void LimitsMustBePositive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _session.QueryMdx("SELECT FROM [Sales]", new QueryOptions { Timeout = TimeSpan.Zero }, TestContext.Current.CancellationToken));
        Assert.Throws<ArgumentOutOfRangeException>(() => _session.QueryMdx("SELECT FROM [Sales]", new QueryOptions { MaxResultCells = 0 }, TestContext.Current.CancellationToken));
    }
}
