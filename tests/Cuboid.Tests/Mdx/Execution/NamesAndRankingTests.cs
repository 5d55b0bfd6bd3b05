using Cuboid.Tests.Support;

namespace Cuboid.Tests.Mdx.Execution;

/// <summary>
/// Member names found through the level's name index (repeated names under different parents,
/// case, keys), and the ranking functions (TopCount, BottomCount, Order) with ties, on a small cube.
/// </summary>
public sealed class NamesAndRankingTests : IDisposable
{
    private readonly Session _session = TestData.NewSession();

    public NamesAndRankingTests()
    {
        var sales = _session.CreateTable("Sales", new Dictionary<string, DataType> { ["state"] = DataType.String, ["city"] = DataType.String, ["amount"] = DataType.Double });
        sales.Append(
            ["IL", "Springfield", 10.0], ["IL", "Chicago", 30.0], ["MO", "Springfield", 20.0], ["MO", "Kansas City", 30.0],
            ["OR", "Portland", 5.0], ["OR", "Salem", 30.0]);
        var cube = _session.CreateCube(sales, "Sales", CubeMode.Manual);
        cube.Hierarchies.Set(("Geo", "Geo"), sales["state"], sales["city"]);
        cube.Measures["Amount"] = Agg.Sum(sales["amount"]);
    }

    public void Dispose() => _session.Dispose();

    private List<string> Rows(string set, string measure = "[Measures].[Amount]", string with = "") =>
        [.. _session.QueryMdx($"{with} SELECT {{{measure}}} ON COLUMNS, {set} ON ROWS FROM [Sales]").CellSet!.Axes[1].Positions.Select(p => p.ToString())];

    [Fact]
    public void ARepeatedNameIsFoundUnderItsOwnParent()
    {
        Assert.Equal(["[Geo].[MO].[Springfield]"], Rows("{[Geo].[MO].[Springfield]}"));   // the first Springfield in order is IL's
        Assert.Equal(["[Geo].[IL].[Springfield]"], Rows("{[Geo].[IL].[springfield]}"));   // case is ignored when no exact match
        Assert.Equal(["[Geo].[MO]"], Rows("{[Geo].&[MO]}"));
        Assert.Equal(["[Geo].[IL].[Springfield]"], Rows("{[Geo].[Springfield]}"));   // a member named under the hierarchy: the first level that has it
        var missing = Assert.Throws<MdxException>(() => Rows("{[Geo].[OR].[Springfield]}"));
        Assert.Equal("The member '[Geo].[OR].[Springfield]' was not found in cube 'Sales'.", missing.Diagnostics[0].Message);
    }

    [Fact]
    public void TopAndBottomCountKeepTheSetOrderBetweenTies()
    {
        Assert.Equal(["[Geo].[IL].[Chicago]", "[Geo].[MO].[Kansas City]", "[Geo].[OR].[Salem]", "[Geo].[MO].[Springfield]"],
            Rows("TopCount([Geo].[city].Members, 4, [Measures].[Amount])"));
        Assert.Equal(["[Geo].[OR].[Portland]", "[Geo].[IL].[Springfield]"], Rows("BottomCount([Geo].[city].Members, 2, [Measures].[Amount])"));
        Assert.Empty(Rows("TopCount([Geo].[city].Members, 0, [Measures].[Amount])"));
        Assert.Equal(6, Rows("TopCount([Geo].[city].Members, 10, [Measures].[Amount])").Count);
        Assert.Equal(["[Geo].[MO]", "[Geo].[IL]"], Rows("TopCount([Geo].[state].Members, 2, [Measures].[Amount])"));
    }

    [Fact]
    public void RankingByACalculatedMeasureOrAnExpressionGivesTheSameOrder()
    {
        const string with = "WITH MEMBER [Measures].[Double] AS [Measures].[Amount] * 2";
        var byMeasure = Rows("TopCount([Geo].[city].Members, 3, [Measures].[Amount])");
        Assert.Equal(byMeasure, Rows("TopCount([Geo].[city].Members, 3, [Measures].[Double])", with: with));
        Assert.Equal(byMeasure, Rows("TopCount([Geo].[city].Members, 3, [Measures].[Amount] + 1)"));
        Assert.Equal(["[Geo].[OR].[Portland]", "[Geo].[IL].[Springfield]", "[Geo].[MO].[Springfield]"],
            Rows("Head(Order([Geo].[city].Members, [Measures].[Amount], BASC), 3)"));
    }

    [Fact]
    public void FilterOnAMeasureAgainstANumberReadsTheCellsOnce()
    {
        Assert.Equal(["[Geo].[IL].[Chicago]", "[Geo].[MO].[Kansas City]", "[Geo].[OR].[Salem]"], Rows("Filter([Geo].[city].Members, [Measures].[Amount] >= 30)"));
        Assert.Equal(["[Geo].[IL].[Springfield]", "[Geo].[OR].[Portland]"], Rows("Filter([Geo].[city].Members, 15 > [Measures].[Amount])"));
        Assert.Equal(["[Geo].[MO].[Springfield]"], Rows("Filter([Geo].[city].Members, [Measures].[Amount] = 20)"));
        // A calculated measure, and an expression that needs a context per tuple, give the same kind of answer.
        Assert.Equal(["[Geo].[IL].[Springfield]", "[Geo].[OR].[Portland]"],
            Rows("Filter([Geo].[city].Members, [Measures].[Double] < 30)", with: "WITH MEMBER [Measures].[Double] AS [Measures].[Amount] * 2"));
        Assert.Equal(["[Geo].[IL].[Springfield]", "[Geo].[OR].[Portland]"], Rows("Filter([Geo].[city].Members, [Measures].[Amount] * 2 < 30)"));
        Assert.Equal(["[Geo].[OR].[Portland]"], Rows("Filter([Geo].[city].Members, [Measures].[Amount] < -(-6))"));
    }
}
