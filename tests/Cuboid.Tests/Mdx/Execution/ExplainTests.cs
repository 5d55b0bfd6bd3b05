using System.Text.Json;

namespace Cuboid.Tests.Mdx.Execution;

/// <summary>ExplainMdxQuery: the plan lists each aggregation request, where it was answered from, and rounds that needed earlier values.</summary>
[Collection(FoodMartCollection.Name)]
public sealed class ExplainTests(FoodMartSession foodMart)
{
    // Two shapes: the state level (WA) and the country level (USA).
    private const string TwoShapes = "SELECT {[Measures].[Unit Sales], [Measures].[Store Sales]} ON 0, {[Store].[USA], [Store].[USA].[WA]} ON 1 FROM [Sales]";

    private readonly Session _session = foodMart.Session;

    [Fact]
    public void ListsOneRequestPerShapeThenAnswersFromCache()
    {
        foodMart.Cube.ClearCache();
        var first = _session.ExplainMdxQuery(TwoShapes);

        Assert.Equal("SELECT", first.Statement);
        Assert.Equal("Sales", first.Cube);
        Assert.Equal([2, 2], first.AxisPositions);
        Assert.Equal(4, first.CellCount);
        Assert.Single(first.Rounds);
        Assert.Equal(2, first.Requests.Count);
        Assert.Contains(first.Requests, r => r.Granularity.Contains("[Store].[Store].[Store State]"));
        Assert.Contains(first.Requests, r => r.Granularity.Contains("[Store].[Store].[Store Country]"));
        Assert.All(first.Requests, r => Assert.Equal(["[Measures].[Store Sales]", "[Measures].[Unit Sales]"], r.Measures.Order(StringComparer.Ordinal)));
        Assert.All(first.Requests, r => Assert.Contains(r.Source, new[] { "scan", "rollup" }));
        Assert.Contains(first.Requests, r => r.Source == "scan");
        Assert.Single(first.Requests, r => r.Granularity.Contains("[Store].[Store].[Store State]") && r.CellCount == 3);

        var second = _session.ExplainMdxQuery(TwoShapes);
        Assert.Equal(2, second.Requests.Count);
        Assert.All(second.Requests, r => Assert.Equal("cache", r.Source));
    }

    [Fact]
    public void TimingsAddUp()
    {
        var plan = _session.ExplainMdxQuery(TwoShapes);
        var t = plan.Timings;
        Assert.True(t.Total > TimeSpan.Zero);
        Assert.True(t.Parse + t.Bind + t.Axes + t.Cells + t.Loading + t.Rows <= t.Total);
    }

    [Fact]
    public void LaterRoundsDependOnEarlierValues()
    {
        // Round 0 reads the grand total, unknown yet, so IIf takes its 0 branch; once loaded, the
        // round that follows reads Store Sales of women: a shape only values could reveal.
        const string mdx = """
            WITH MEMBER [Measures].[Women Sales] AS IIf(([Measures].[Unit Sales], [Store].[All Stores]) > 0, ([Measures].[Store Sales], [Gender].[F]), 0)
            SELECT {[Measures].[Women Sales]} ON 0 FROM [Sales]
            """;
        var plan = _session.ExplainMdxQuery(mdx);

        Assert.Equal(2, plan.Rounds.Count);
        Assert.Equal([0], plan.Rounds[1].DependsOnRounds);
        var gender = Assert.Single(plan.Requests, r => r.Granularity.Contains("[Gender].[Gender].[Gender]"));
        Assert.Equal(1, gender.Round);
        Assert.Equal(plan.Rounds[0].Requests, gender.DependsOn);
        Assert.Equal(["[Measures].[Store Sales]"], gender.Measures);
    }

    [Fact]
    public void SlicerSetsAreShownAsTheFilter()
    {
        var plan = _session.ExplainMdxQuery("SELECT {[Measures].[Unit Sales]} ON 0 FROM [Sales] WHERE {[Gender].[F], [Gender].[M]}");
        Assert.Equal("{([Gender].[F]), ([Gender].[M])}", Assert.Single(plan.Requests).Filter);
    }

    [Fact]
    public void ToJsonAndToStringShowThePlan()
    {
        _session.QueryMdx(TwoShapes);   // warms the cache, so every request below says "cache"
        var plan = _session.ExplainMdxQuery(TwoShapes);
        using var json = JsonDocument.Parse(plan.ToJson());
        var root = json.RootElement;
        Assert.Equal("Sales", root.GetProperty("cube").GetString());
        Assert.Equal(4, root.GetProperty("cells").GetInt32());
        Assert.Equal(2, root.GetProperty("axes").GetArrayLength());
        Assert.True(root.GetProperty("timings").GetProperty("totalMs").GetDouble() > 0);
        var request = root.GetProperty("requests")[0];
        Assert.Equal(JsonValueKind.Array, request.GetProperty("granularity").ValueKind);
        Assert.Equal("cache", request.GetProperty("source").GetString());
        Assert.Equal(0, request.GetProperty("round").GetInt32());

        var text = plan.ToString();
        Assert.Contains("SELECT on cube Sales", text, StringComparison.Ordinal);
        Assert.Contains("[Store].[Store].[Store State]", text, StringComparison.Ordinal);
        Assert.Contains("cache", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ExplainsADrillthrough()
    {
        var plan = _session.ExplainMdxQuery("DRILLTHROUGH MAXROWS 5 SELECT FROM [Sales] WHERE [Gender].[F]");
        Assert.Equal("DRILLTHROUGH", plan.Statement);
        Assert.Equal(5, plan.RowCount);
        Assert.Empty(plan.Requests);
        Assert.Contains("5 rows", plan.ToString(), StringComparison.Ordinal);
    }
}
