namespace Cuboid.Tests.Mdx.Execution;

/// <summary>
/// WITH MEMBER on the measures compiles to the measure evaluator where its formula allows:
/// computed in bulk per granularity like a C# measure, with MDX's empty-cell rules, and equal to
/// the per-cell evaluation. Cycles among calculated members are refused, naming them.
/// </summary>
[Collection(FoodMartCollection.Name)]
public sealed class CalculatedMeasureTests(FoodMartSession foodMart)
{
    private readonly Session _session = foodMart.Session;

    private const string Margins = """
        WITH MEMBER [Measures].[Margin] AS '[Measures].[Store Sales] - [Measures].[Store Cost]'
             MEMBER [Measures].[Margin %] AS 'IIf([Measures].[Store Sales] = 0, NULL, [Measures].[Margin] / [Measures].[Store Sales])'
             MEMBER [Measures].[Per unit] AS '1 / [Measures].[Unit Sales]'
             MEMBER [Measures].[Big] AS 'IIf([Measures].[Unit Sales] > 500 AND NOT IsEmpty([Measures].[Store Cost]), 1, 0)'
        SELECT {[Measures].[Margin], [Measures].[Margin %], [Measures].[Per unit], [Measures].[Big]} ON 0,
               [Product].[Drink].[Alcoholic Beverages].[Beer and Wine].[Beer].Children * {[Store].[USA].[WA].[Bellingham], [Store].[USA].[WA].[Seattle]} ON 1
        FROM [Sales] WHERE [Time].[1997].[Q4].[12]
        """;

    [Fact]
    public void CompiledMembersAreLoadedInBulkAndAnswerAsCellByCell()
    {
        var compiled = _session.QueryMdx(Margins).CellSet!;
        var cellByCell = _session.QueryMdx(Margins, new QueryOptions { CompileCalculatedMeasures = false }, TestContext.Current.CancellationToken).CellSet!;
        Assert.Equal(cellByCell.Cells.Select(c => c.FormattedValue), compiled.Cells.Select(c => c.FormattedValue));
        Assert.Contains(compiled.Cells, c => c.Value is double d && double.IsPositiveInfinity(d));   // 1 / an empty cell, as Mondrian
        Assert.Contains(compiled.Cells, c => c.Value is null);

        // The plan asks the aggregation for the calculated measures themselves: they are computed with the stored ones.
        var plan = _session.ExplainMdxQuery(Margins);
        var asked = plan.Requests.SelectMany(r => r.Measures).ToHashSet();
        Assert.Contains("[Measures].[Margin]", asked);
        Assert.Contains("[Measures].[Per unit]", asked);
    }

    [Fact]
    public void FormulasWithNavigationStayCellByCell()
    {
        const string mdx = "WITH MEMBER [Measures].[Share] AS '[Measures].[Unit Sales] / ([Measures].[Unit Sales], [Store].CurrentMember.Parent)' " +
            "SELECT {[Measures].[Share]} ON 0, [Store].[USA].Children ON 1 FROM [Sales]";
        var cells = _session.QueryMdx(mdx).CellSet!;
        Assert.Equal(cells.Cells.Select(c => c.FormattedValue), _session.QueryMdx(mdx, new QueryOptions { CompileCalculatedMeasures = false }, TestContext.Current.CancellationToken).CellSet!.Cells.Select(c => c.FormattedValue));
        Assert.DoesNotContain("[Measures].[Share]", _session.ExplainMdxQuery(mdx).Requests.SelectMany(r => r.Measures));
        Assert.Equal(1.0, cells.Cells.Sum(c => (double)c.Value!), 9);   // CA + OR + WA shares of USA
    }

    [Fact]
    public void ACycleIsRefusedNamingItsMembers()
    {
        var error = Assert.Throws<MdxException>(() => _session.QueryMdx(
            "WITH MEMBER [Measures].[A] AS '[Measures].[B] + 1' MEMBER [Measures].[B] AS '[Measures].[C] * 2' MEMBER [Measures].[C] AS '[Measures].[A]' " +
            "SELECT {[Measures].[A]} ON 0 FROM [Sales]"));
        Assert.Equal("MDX0221", error.Diagnostics[0].Code);
        Assert.Contains("[Measures].[A] → [Measures].[B] → [Measures].[C] → [Measures].[A]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownReferenceIsNamed()
    {
        var error = Assert.Throws<MdxException>(() => _session.QueryMdx("WITH MEMBER [Measures].[A] AS '[Measures].[Nope] + 1' SELECT {[Measures].[A]} ON 0 FROM [Sales]"));
        Assert.Contains("Calculated member [Measures].[A] refers to [Measures].[Nope], which cube 'Sales' does not have", error.Message, StringComparison.Ordinal);
        Assert.Equal("MDX0102", error.Diagnostics[0].Code);
    }
}
