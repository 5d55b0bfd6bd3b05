using System.Globalization;
using Cuboid.Tests.Support;
using static Cuboid.Tests.Model.ModelKit;

namespace Cuboid.Tests.Model;

/// <summary>
/// The many-to-many example of <see cref="ManyToManyTests"/> on the other query paths: MDX (members, Aggregate, NON
/// EMPTY, drillthrough), measures that move along a hierarchy, aggregate providers and their updates, a user's
/// restriction on tags, and a scenario whose tags differ.
/// </summary>
public sealed class ManyToManyQueryTests : IDisposable
{
    private readonly Session _session = TestData.NewSession();
    private readonly Cube _cube;
    private readonly Table _sales;
    private readonly Table _tags;

    public ManyToManyQueryTests()
    {
        _sales = Table(_session, "Sales", ["Id"], ("Id", DataType.Int), ("Product", DataType.String), ("Shop", DataType.String), ("Amount", DataType.Double));
        _tags = Table(_session, "Tags", ["Product", "Tag"], ("Product", DataType.String), ("Tag", DataType.String), ("Group", DataType.String));
        _sales.Append([1, "P1", "Paris", 10.0], [2, "P2", "Lyon", 5.0], [3, "P3", "Paris", 1.0]);
        _tags.Append(["P1", "red", "color"], ["P1", "warm", "color"], ["P1", "sale", "promo"], ["P2", "red", "color"], ["P2", "sale", "promo"]);
        _sales.Join(_tags, _sales["Product"] == _tags["Product"]);
        _cube = _session.CreateCube(_sales, "C", CubeMode.Manual);
        _cube.Hierarchies.Remove("Tag");
        _cube.Hierarchies.Remove("Id");
        _cube.Hierarchies.Set("Tags", ("Group", _tags["Group"]), ("Tag", _tags["Tag"]));
        _cube.Measures["Amount"] = Agg.Sum(_sales["Amount"]);
    }

    public void Dispose() => _session.Dispose();

    /// <summary>Each row of an MDX result as "member caption|value|…".</summary>
    private List<string> Mdx(string mdx, QueryOptions? options = null) =>
        Lines(_session.QueryMdx(mdx, options, TestContext.Current.CancellationToken));

    [Fact]
    public void MdxMembersCountEachFactUnderEachOfItsTags()
    {
        Assert.Equal(
            ["N/A|1", "N/A|1", "color|15", "red|15", "warm|10", "promo|15", "sale|15"],
            Mdx("SELECT {[Measures].[Amount]} ON 0, Hierarchize([Tags].[Tags].[Group].Members + [Tags].[Tags].[Tag].Members) ON 1 FROM [C]"));
        Assert.Equal(["16"], Mdx("SELECT {[Measures].[Amount]} ON 0 FROM [C]"));
        Assert.Equal(["15"], Mdx("SELECT {[Measures].[Amount]} ON 0 FROM [C] WHERE [Tags].[Tags].[color].[red]"));
    }

    [Fact]
    public void AggregateCountsAFactOnceAndSumAddsItsMembers()
    {
        const string Set = "{[Tags].[Tags].[color].[red], [Tags].[Tags].[color].[warm]}";
        Assert.Equal(["RW|15|25"], Mdx(
            $"WITH MEMBER [Tags].[Tags].[RW] AS Aggregate({Set}) MEMBER [Measures].[Summed] AS Sum({Set}, [Measures].[Amount]) "
            + "SELECT {[Measures].[Amount], [Measures].[Summed]} ON 0, {[Tags].[Tags].[RW]} ON 1 FROM [C]"));
        // A slicer of two members is their Aggregate too.
        Assert.Equal(["15"], Mdx($"SELECT {{[Measures].[Amount]}} ON 0 FROM [C] WHERE {Set}"));
    }

    [Fact]
    public void NonEmptyCrossJoinsKeepThePairsThatHaveFacts()
    {
        Assert.Equal(
            ["Lyon|color|5", "Lyon|promo|5", "Paris|N/A|1", "Paris|color|10", "Paris|promo|10"],
            Mdx("SELECT {[Measures].[Amount]} ON 0, NON EMPTY [Sales].[Shop].[Shop].Members * [Tags].[Tags].[Group].Members ON 1 FROM [C]"));
    }

    [Fact]
    public void DrillthroughReturnsEachFactOnce()
    {
        var rows = _session.DrillthroughMdx("DRILLTHROUGH SELECT FROM [C] WHERE [Tags].[Tags].[color]", null, TestContext.Current.CancellationToken);
        Assert.Equal([1, 2], rows.Column("Id").Values.Cast<int>().Order());
        var all = _session.DrillthroughMdx("DRILLTHROUGH SELECT FROM [C]", null, TestContext.Current.CancellationToken);
        Assert.Equal(3, all.RowCount);
    }

    [Fact]
    public void DrillthroughColumnsOfTheTagsListAFactsKeptTags()
    {
        const string Mdx = "DRILLTHROUGH SELECT FROM [C] WHERE [Tags].[Tags].[color] RETURN [Sales].[Id], [Tags].[Tags].[Tag], [Tags].[Tags].[Group], [Tags].[Tag]";
        var token = TestContext.Current.CancellationToken;
        // Under color: s1's color tags (red, warm) and s2's (red); the group once.
        Assert.Equal(["1|red, warm|color|red, warm", "2|red|color|red"], Lines(_session.DrillthroughMdx(Mdx, null, token)));
        var all = _session.DrillthroughMdx("DRILLTHROUGH SELECT FROM [C] RETURN [Sales].[Id], [Tags].[Tags].[Tag], [Tags].[Tag]", null, token);
        Assert.Equal(["1|red, warm, sale|red, sale, warm", "2|red, sale|red, sale", "3|N/A|"], Lines(all));   // members in hierarchy order, values in ordinal order
        // A user restricted to the sale tag sees no other tag of a fact.
        _session.Security.Restrictions["ROLE_SALE"] = _tags["Tag"] == "sale";
        _session.Security.IndividualRoles["promoter"] = ["ROLE_SALE"];
        var restricted = _session.DrillthroughMdx("DRILLTHROUGH SELECT FROM [C] RETURN [Sales].[Id], [Tags].[Tags].[Tag], [Tags].[Tag]", new QueryOptions { User = "promoter" }, token);
        Assert.Equal(["1|sale|sale", "2|sale|sale"], Lines(restricted));
    }

    [Fact]
    public void ParentValueAndTotalReadTheDistinctSumsAbove()
    {
        var tags = _cube.Hierarchies["Tags"];
        _cube.Measures["Parent"] = Fn.ParentValue(_cube.Measures["Amount"], tags);
        _cube.Measures["Total"] = Fn.Total(_cube.Measures["Amount"], tags);
        // red's parent is color (15: P1 once), color's parent the total (16): children may add up to more than their parent.
        Assert.Equal(
            ["N/A|N/A|1|1|16", "color|red|15|15|16", "color|warm|10|15|16", "promo|sale|15|15|16"],
            Lines(_cube.Query([_cube.Measures["Amount"], _cube.Measures["Parent"], _cube.Measures["Total"]], [_cube.Levels["Group"], _cube.Levels["Tag"]])));
    }

    [Fact]
    public void ShiftMovesAlongAnotherHierarchyWithinEachTag()
    {
        _cube.Measures["Next shop"] = Fn.Shift(_cube.Measures["Amount"], _cube.Levels["Shop"]);
        // Lyon's next shop is Paris: Paris's value in the same group (color: P1 once, 10).
        Assert.Equal(
            ["Lyon|color|5|10", "Lyon|promo|5|10", "Paris|N/A|1|", "Paris|color|10|", "Paris|promo|10|"],
            Lines(_cube.Query([_cube.Measures["Amount"], _cube.Measures["Next shop"]], [_cube.Levels["Shop"], _cube.Levels["Group"]])));
    }

    [Fact]
    public void AProviderAnswersItsTagCellsButNotTheTotalsAboveThem()
    {
        _cube.AggregateProviders["by shop and tag"] = new AggregateProvider([_cube.Levels["Shop"], _cube.Levels["Tag"]], [_cube.Measures["Amount"]]);
        string Source(string mdx) => string.Join(",", _session.ExplainMdxQuery(mdx).Requests.Select(r => r.Source).Distinct());
        const string ByTag = "SELECT {[Measures].[Amount]} ON 0, [Tags].[Tags].[Tag].Members ON 1 FROM [C]";
        const string ByShop = "SELECT {[Measures].[Amount]} ON 0, [Sales].[Shop].[Shop].Members ON 1 FROM [C]";
        Assert.Equal("provider", Source(ByTag));
        Assert.Equal("scan", Source(ByShop));   // a fact is in several tags' cells: the shop's total is not their sum
        Assert.Equal(["N/A|1", "red|15", "warm|10", "sale|15"], Mdx(ByTag));
        Assert.Equal(["Lyon|5", "Paris|11"], Mdx(ByShop));
        _sales.Append([4, "P2", "Paris", 100.0]);
        Assert.Equal("update", _cube.AggregateProviders.Stores.Single().LastRefresh);
        Assert.Equal(["N/A|1", "red|115", "warm|10", "sale|115"], Mdx(ByTag));
        _tags.Append(["P3", "warm", "color"]);
        Assert.Equal(["N/A|", "red|115", "warm|11", "sale|115"], Mdx(ByTag));   // the N/A member stays, empty
    }

    [Fact]
    public void ARestrictionOnTagsHidesTheFactsAndTagsOutsideIt()
    {
        _session.Security.Restrictions["ROLE_SALE"] = _tags["Tag"] == "sale";
        _session.Security.IndividualRoles["promoter"] = ["ROLE_SALE"];
        var promoter = new QueryOptions { User = "promoter" };
        Assert.Equal(["15"], Mdx("SELECT {[Measures].[Amount]} ON 0 FROM [C]", promoter));
        Assert.Equal(["sale|15"], Mdx("SELECT {[Measures].[Amount]} ON 0, NON EMPTY [Tags].[Tags].[Tag].Members ON 1 FROM [C]", promoter));
        Assert.Equal(["Lyon|5|1", "Paris|10|1"], Lines(_cube.Query([_cube.Measures["Amount"], _cube.Measures["contributors.COUNT"]], [_cube.Levels["Shop"]], user: "promoter")));
        var rows = _session.DrillthroughMdx("DRILLTHROUGH SELECT FROM [C]", promoter, TestContext.Current.CancellationToken);
        Assert.Equal(2, rows.RowCount);
    }

    [Fact]
    public void AProviderThatReadsTheTagsRowByRowFailsWithoutFailingTheCommit()
    {
        _tags.Drop((_tags["Tag"] == "warm") | (_tags["Tag"] == "sale"));   // one tag a product: one-to-one
        _cube.Measures["Tags"] = Agg.Count(_tags["Tag"]);
        _cube.AggregateProviders["tags"] = new AggregateProvider([_cube.Levels["Shop"]], [_cube.Measures["Tags"]]);
        Assert.Equal(["Lyon|1", "Paris|2"], Lines(_cube.Query([_cube.Measures["Tags"]], [_cube.Levels["Shop"]])));
        // A second tag of P1 makes the join many-to-many: the commit stands, the provider gives up, the query says why.
        _tags.Append(["P1", "warm", "color"]);
        Assert.Equal(3, _tags.RowCount);
        Assert.Equal("failed", _cube.AggregateProviders.Stores.Single().LastRefresh);
        var error = Assert.Throws<NotSupportedException>(() => _cube.Query([_cube.Measures["Tags"]], [_cube.Levels["Shop"]]));
        Assert.Contains("'Tags' is joined many-to-many to 'Sales'", error.Message, StringComparison.Ordinal);
        Assert.Equal(["Lyon|5", "Paris|11"], Lines(_cube.Query([_cube.Measures["Amount"]], [_cube.Levels["Shop"]])));
    }

    [Fact]
    public void TwoRolesOnEitherSideOfTheJoinSeeTheirUnion()
    {
        _session.Security.Restrictions["ROLE_SALE"] = _tags["Tag"] == "sale";
        _session.Security.Restrictions["ROLE_PARIS"] = _sales["Shop"] == "Paris";
        _session.Security.IndividualRoles["both"] = ["ROLE_SALE", "ROLE_PARIS"];
        var both = new QueryOptions { User = "both" };
        // Sale pairs (s1, s2) or Paris pairs (s1, s3): every fact, but s2 only under sale.
        Assert.Equal(["16"], Mdx("SELECT {[Measures].[Amount]} ON 0 FROM [C]", both));
        Assert.Equal(["N/A|1", "red|10", "warm|10", "sale|15"], Mdx("SELECT {[Measures].[Amount]} ON 0, NON EMPTY [Tags].[Tags].[Tag].Members ON 1 FROM [C]", both));
    }

    [Fact]
    public void AScenarioWithOtherTagsAnswersFromItsOwnGroups()
    {
        _session.CreateScenario("retag");
        _tags.Scenarios["retag"].Append(["P3", "sale", "promo"]);
        var byGroup = (string? scenario) => Lines(_cube.Query([_cube.Measures["Amount"]], [_cube.Levels["Group"]], includeTotals: true, scenario: scenario));
        Assert.Equal(["|16", "N/A|1", "color|15", "promo|15"], byGroup(null));
        Assert.Equal(["|16", "color|15", "promo|16"], byGroup("retag"));
    }

    /// <summary>Rows of an MDX cell set as "caption|…|value|…" (invariant).</summary>
    private static List<string> Lines(QueryResult result)
    {
        if (result.CellSet is not { } cells) return ModelKit.Lines(result);
        if (cells.Axes.Count < 2) return [.. Enumerable.Range(0, cells.Axes.Count == 0 ? 1 : cells.Axes[0].Positions.Count).Select(c => Text(cells[c].Value))];
        return [.. cells.Axes[1].Positions.Select((p, r) =>
            string.Join("|", p.Members.Select(m => m.Caption).Concat(Enumerable.Range(0, cells.Axes[0].Positions.Count).Select(c => Text(cells[c, r].Value)))))];
    }

    private static string Text(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
}
