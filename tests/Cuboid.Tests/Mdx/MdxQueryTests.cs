using Cuboid.Tests.Support;

namespace Cuboid.Tests.Mdx;

/// <summary>MDX on the FoodMart cube beyond the Mondrian suite: result tables, errors, slicers, properties.</summary>
public sealed class MdxQueryTests(MdxQueryTests.Fixture fixture) : IClassFixture<MdxQueryTests.Fixture>
{
    public sealed class Fixture : IDisposable
    {
        public Fixture()
        {
            Session = TestData.NewSession();
            FoodMart.Build(Session);
        }

        public Session Session { get; }

        public void Dispose() => Session.Dispose();
    }

    private Session Session => fixture.Session;

    [Fact]
    public void QueryResultHasRowMembersThenOneColumnPerColumnPosition()
    {
        var result = Session.QueryMdx("SELECT {[Measures].[Unit Sales], [Measures].[Store Sales]} ON COLUMNS, [Product].Children ON ROWS FROM [Sales]");
        Assert.Equal(["Product", "Unit Sales", "Store Sales"], result.Columns.Select(c => c.Name));
        Assert.Equal(["Drink", "Food", "Non-Consumable"], result.Column("Product").Values.Cast<string>());
        Assert.Equal([24_597.0, 191_940.0, 50_236.0], result.Column("Unit Sales").Values.Cast<double?>());
        Assert.Equal("[Product].[Food]", result.CellSet!.Axes[1].Positions[1].Members[0].UniqueName);
        Assert.Equal("191,940", result.CellSet[0, 1].FormattedValue);
    }

    [Fact]
    public void CompoundSlicerAggregatesTheSetAndNonEmptyDropsEmptyRows()
    {
        var both = Session.QueryMdx("SELECT {[Measures].[Unit Sales]} ON COLUMNS FROM [Sales] WHERE {[Gender].[F], [Gender].[M]}").CellSet!;
        var all = Session.QueryMdx("SELECT {[Measures].[Unit Sales]} ON COLUMNS, {[Gender].[AllMember], [Gender].[All Gender]} ON ROWS FROM [Sales]").CellSet!;
        Assert.Equal(["[Gender].[All Gender]", "[Gender].[All Gender]"], all.Axes[1].Positions.Select(p => p.ToString()));
        Assert.Equal(266_773.0, both.Cells[0].Value);
        var states = Session.QueryMdx("SELECT {[Measures].[Unit Sales]} ON COLUMNS, NON EMPTY [Store].[Store State].Members ON ROWS FROM [Sales] WHERE {[Store].[CA], [Store].[OR]}").CellSet!;
        Assert.Equal(["[Store].[USA].[CA]", "[Store].[USA].[OR]"], states.Axes[1].Positions.Select(p => p.ToString()));
        Assert.Equal([74_748.0, 67_659.0], states.Cells.Select(c => c.Value));
    }

    [Fact]
    public void AggregateOfADistinctCountCountsTheSetsFactsOnce()
    {
        // Customers who bought in CA or OR: a customer who bought in both counts once, as Mondrian computes it.
        var cells = Session.QueryMdx(
            "WITH MEMBER [Store].[West] AS Aggregate({[Store].[USA].[CA], [Store].[USA].[OR]}) " +
            "SELECT {[Measures].[Customer Count], [Measures].[Unit Sales]} ON COLUMNS, {[Store].[USA].[CA], [Store].[USA].[OR], [Store].[West]} ON ROWS FROM [Sales]").CellSet!;
        var (ca, or, west) = ((double)cells[0, 0].Value!, (double)cells[0, 1].Value!, (double)cells[0, 2].Value!);
        var both = Session.QueryMdx("SELECT {[Measures].[Customer Count]} ON COLUMNS FROM [Sales] WHERE {[Store].[USA].[CA], [Store].[USA].[OR]}").CellSet!;
        Assert.Equal((double)both.Cells[0].Value!, west);   // the same facts as a compound slicer
        Assert.True(west <= ca + or);
        Assert.Equal((double)cells[1, 0].Value! + (double)cells[1, 1].Value!, cells[1, 2].Value);   // a sum still adds up
        // Within a cell's other members: the women among them.
        var women = Session.QueryMdx(
            "WITH MEMBER [Store].[West] AS Aggregate({[Store].[USA].[CA], [Store].[USA].[OR]}) " +
            "SELECT {[Measures].[Customer Count]} ON COLUMNS, {[Store].[West]} ON ROWS FROM [Sales] WHERE [Gender].[F]").CellSet!;
        var womenBoth = Session.QueryMdx("SELECT {[Measures].[Customer Count]} ON COLUMNS FROM [Sales] WHERE {([Store].[USA].[CA], [Gender].[F]), ([Store].[USA].[OR], [Gender].[F])}").CellSet!;
        Assert.Equal(womenBoth.Cells[0].Value, women.Cells[0].Value);
    }

    [Fact]
    public void UnknownNamesAreDiagnosticsWithPositions()
    {
        var error = Assert.Throws<MdxException>(() => Session.QueryMdx("SELECT {[Measures].[Unit Sales]} ON COLUMNS,\n {[Store].[USA].[XX]} ON ROWS FROM [Sales]"));
        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal("MDX0102", diagnostic.Code);
        Assert.Equal((2, 3), (diagnostic.Line, diagnostic.Column));
        Assert.Equal("The member '[Store].[USA].[XX]' was not found in cube 'Sales'.", diagnostic.Message);
        var measure = Assert.Throws<MdxException>(() => Session.QueryMdx("SELECT {[Measures].[Unit Sale]} ON COLUMNS FROM [Sales]"));
        Assert.Equal("Cube 'Sales' has no measure 'Unit Sale'.", measure.Diagnostics[0].Message);
        var cube = Assert.Throws<MdxException>(() => Session.QueryMdx("SELECT FROM [Sails]"));
        Assert.StartsWith("MDX0103", cube.Diagnostics[0].ToString(), StringComparison.Ordinal);
        var syntax = Assert.Throws<MdxException>(() => Session.QueryMdx("SELECT {[Measures].[Unit Sales] ON COLUMNS FROM [Sales]"));
        Assert.Equal("MDX0011", syntax.Diagnostics[0].Code);
    }

    [Fact]
    public void MemberPropertiesReadTheLevelsColumns()
    {
        var result = Session.QueryMdx(
            "WITH MEMBER [Measures].[Manager] AS [Store].CurrentMember.Properties(\"Store Manager\") " +
            "MEMBER [Measures].[Level] AS [Store].CurrentMember.Properties(\"LEVEL_NUMBER\") " +
            "SELECT {[Measures].[Manager], [Measures].[Level]} ON COLUMNS, {[Store].[USA].[WA].[Yakima].[Store 23]} ON ROWS FROM [Sales]").CellSet!;
        Assert.Equal("Johnson", result.Cells[0].Value);
        Assert.Equal(4.0, result.Cells[1].Value);
        var error = Assert.Throws<MdxException>(() => Session.QueryMdx("WITH MEMBER [Measures].[X] AS [Store].CurrentMember.Properties(\"Colour\") SELECT {[Measures].[X]} ON COLUMNS, {[Store].[USA].[WA].[Yakima].[Store 23]} ON ROWS FROM [Sales]"));
        Assert.Contains("has no property 'Colour'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CubeCalculatedMembersAreSeenByEveryQuery()
    {
        var cells = Session.QueryMdx("SELECT {[Measures].[Profit], [Measures].[Profit Growth]} ON COLUMNS, {[Time].[1997].[Q2]} ON ROWS FROM [Sales]").CellSet!;
        // Q2 profit and its growth on Q1, both recomputed from the CSVs: 79,702.05 and (79,702.05 − 83,876.11) / 83,876.11.
        Assert.Equal("$79,702.05", cells.Cells[0].FormattedValue);
        Assert.Equal("-5.0%", cells.Cells[1].FormattedValue);
    }

    [Fact]
    public void ATupleWithAMissingMemberIsEmpty()
    {
        // Q1 has no previous member: (Profit, PrevMember) is empty, so Profit last Period falls back to Profit and growth is 0.
        var cells = Session.QueryMdx("SELECT {[Measures].[Profit Growth]} ON COLUMNS, [Time].[1997].Children ON ROWS FROM [Sales]").CellSet!;
        Assert.Equal(["0.0%", "-5.0%"], cells.Cells.Take(2).Select(c => c.FormattedValue));
    }

    [Fact]
    public void TablesDropTotalsUnlessAskedAndRawModeShowsUniqueNamesAndPlainValues()
    {
        const string mdx = "SELECT {[Measures].[Unit Sales]} ON COLUMNS, {[Gender].[All Gender], [Gender].[F], [Gender].[M]} ON ROWS FROM [Sales]";
        var pretty = Session.QueryMdx(mdx);
        Assert.Equal(["F", "M"], pretty.Column("Gender").Values.Cast<string>());
        Assert.Equal("131,558", pretty.Column("Unit Sales").Format(0));
        var withTotals = Session.QueryMdx(mdx, new QueryOptions { KeepTotals = true }, TestContext.Current.CancellationToken);   // a total row reads "Total", as in the pivot
        Assert.Equal(["Total", "F", "M"], withTotals.Column("Gender").Values.Cast<string>());
        Assert.Equal(266_773.0, withTotals.Column("Unit Sales")[0]);
        var raw = Session.QueryMdx(mdx, new QueryOptions { Mode = QueryMode.Raw }, TestContext.Current.CancellationToken);
        Assert.Equal(["[Gender].[F]", "[Gender].[M]"], raw.Column("Gender").Values.Cast<string>());
        Assert.Equal("131558", raw.Column("Unit Sales").Format(0));
    }

    [Fact]
    public void DimensionPropertiesArriveOnTheAxisMembers()
    {
        var cells = Session.QueryMdx(
            "SELECT {[Measures].[Unit Sales]} ON COLUMNS, {[Store].[USA].[WA].[Yakima].[Store 23], [Store].[USA].[WA]} " +
            "DIMENSION PROPERTIES [Store].[Store Name].[Store Manager], MEMBER_CAPTION ON ROWS FROM [Sales]").CellSet!;
        var store = cells.Axes[1].Positions[0].Members[0];
        Assert.Equal("Johnson", store.Properties["Store Manager"]);
        Assert.Equal("Store 23", store.Properties["MEMBER_CAPTION"]);
        var state = cells.Axes[1].Positions[1].Members[0];
        Assert.False(state.Properties.ContainsKey("Store Manager"));   // the property belongs to the Store Name level
        Assert.Equal("WA", state.Properties["MEMBER_CAPTION"]);
    }
}
