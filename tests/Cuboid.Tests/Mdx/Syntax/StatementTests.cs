using Cuboid.Mdx.Syntax;

namespace Cuboid.Tests.Mdx.Syntax;

public sealed class StatementTests
{
    internal static SelectStatement ParseSelect(string mdx)
    {
        var result = MdxParser.Parse(mdx);
        Assert.True(result.Diagnostics.Count == 0, string.Join("; ", result.Diagnostics));
        return Assert.IsType<SelectStatement>(result.Statement);
    }

    [Fact]
    public void SelectWithAxesSlicerAndCube()
    {
        var select = ParseSelect("select {[Measures].[Unit Sales]} on columns, non empty [Store].Children on rows from [Sales] where ([Time].[1997], [Gender].[F])");
        Assert.Empty(select.WithItems);
        Assert.Equal([0, 1], select.Axes.Select(a => a.Ordinal));
        Assert.Equal([false, true], select.Axes.Select(a => a.NonEmpty));
        Assert.Equal("{[Measures].[Unit Sales]}", SyntaxDump.Of(select.Axes[0].Set));
        Assert.Equal("Sales", Assert.Single(select.Cube!.Segments).Name);
        Assert.Equal("(tuple [Time].[1997] [Gender].[F])", SyntaxDump.Of(select.Where!));
    }

    [Theory]
    [InlineData("ON COLUMNS", 0)]
    [InlineData("on rows", 1)]
    [InlineData("ON Pages", 2)]
    [InlineData("ON SECTIONS", 3)]
    [InlineData("ON CHAPTERS", 4)]
    [InlineData("ON 0", 0)]
    [InlineData("ON 7", 7)]
    [InlineData("ON AXIS(1)", 1)]
    [InlineData("on axis(12)", 12)]
    public void AxisNames(string on, int ordinal)
    {
        var axis = Assert.Single(ParseSelect($"SELECT {{}} {on} FROM Sales").Axes);
        Assert.Equal(ordinal, axis.Ordinal);
    }

    [Fact]
    public void EmptySelectAndEmptyAxes()
    {
        var empty = ParseSelect("SELECT FROM [Sales]");
        Assert.Empty(empty.Axes);
        Assert.Null(empty.Where);

        var axes = ParseSelect("SELECT {} ON ROWS, {} ON COLUMNS FROM [Sales] WHERE ([Gender].[F])").Axes;
        Assert.Equal([1, 0], axes.Select(a => a.Ordinal));
        Assert.All(axes, a => Assert.Empty(Assert.IsType<SetLiteral>(a.Set).Elements));
    }

    [Fact]
    public void WithMembersAndSets()
    {
        var select = ParseSelect("""
            WITH MEMBER [Measures].[Profit] AS '[Measures].[Store Sales] - [Measures].[Store Cost]', SOLVE_ORDER = -6, FORMAT_STRING = '#.00%'
                 SET [Top] AS TopCount([Store].Children, 3, [Measures].[Profit])
                 member Measures.X as 1 + 2 format_string = "0" , [My Prop] = 'v'
            SELECT [Top] ON 0 FROM Sales
            """);
        Assert.Equal(3, select.WithItems.Count);

        var profit = Assert.IsType<WithMember>(select.WithItems[0]);
        Assert.True(profit.IsQuoted);
        Assert.Equal("[Measures].[Profit]", SyntaxDump.Of(profit.Name));
        Assert.Equal("(- [Measures].[Store Sales] [Measures].[Store Cost])", SyntaxDump.Of(profit.Expression));
        Assert.Equal(["SOLVE_ORDER", "FORMAT_STRING"], profit.Properties.Select(p => p.Name));
        Assert.Equal("(neg 6)", SyntaxDump.Of(profit.FindProperty("solve_order")!.Value));
        Assert.Equal("\"#.00%\"", SyntaxDump.Of(profit.FindProperty("FORMAT_STRING")!.Value));

        var top = Assert.IsType<WithSet>(select.WithItems[1]);
        Assert.False(top.IsQuoted);
        Assert.Equal("(call TopCount [Store].Children 3 [Measures].[Profit])", SyntaxDump.Of(top.Expression));

        var x = Assert.IsType<WithMember>(select.WithItems[2]);
        Assert.Equal("(+ 1 2)", SyntaxDump.Of(x.Expression));
        Assert.Equal(["format_string", "My Prop"], x.Properties.Select(p => p.Name));
    }

    [Theory]
    [InlineData("with member [Measures].[Foo] as '1 + 2' select from [Sales]", true, "(+ 1 2)")]
    [InlineData("with member [Measures].[Foo] as 1 + 2 select from [Sales]", false, "(+ 1 2)")]
    [InlineData("with member [Measures].[Foo] as \"1 + 2\" select from [Sales]", false, "\"1 + 2\"")]
    [InlineData("with member [Measures].[Foo] as ' \"quoted string with ''apostrophe'' in it\" ' select from [Sales]", true, "\"quoted string with 'apostrophe' in it\"")]
    [InlineData("with member [Measures].[Foo] as ' ''quoted string and ''''apos''''.'' ' select from [Sales]", true, "\"quoted string and 'apos'.\"")]
    [InlineData("with member [Measures].[Foo] as null select from [Sales]", false, "NULL")]
    public void QuotedAndUnquotedFormulas(string mdx, bool quoted, string expected)
    {
        var member = Assert.IsType<WithMember>(Assert.Single(ParseSelect(mdx).WithItems));
        Assert.Equal(quoted, member.IsQuoted);
        Assert.Equal(expected, SyntaxDump.Of(member.Expression));
    }

    [Fact]
    public void DimensionAndCellProperties()
    {
        var select = ParseSelect("""
            SELECT NON EMPTY [Store].Children DIMENSION PROPERTIES MEMBER_CAPTION, [Store].[Store Type] ON COLUMNS,
                   [Product].Children ON ROWS PROPERTIES [Product].[Brand], x,
                   {[Time].[1997]} ON PAGES
            FROM [Sales] WHERE [Measures].[Unit Sales] CELL PROPERTIES VALUE, FORMATTED_VALUE
            """);
        Assert.Equal(["MEMBER_CAPTION", "[Store].[Store Type]"], select.Axes[0].DimensionProperties.Select(SyntaxDump.Of));
        Assert.Equal(["[Product].[Brand]", "x"], select.Axes[1].DimensionProperties.Select(SyntaxDump.Of));
        Assert.Equal(2, select.Axes[2].Ordinal);
        Assert.Equal(["VALUE", "FORMATTED_VALUE"], select.CellProperties.Select(SyntaxDump.Of));
    }

    [Fact]
    public void PropertiesAfterTheAxisNameDoNotSwallowTheNextAxis()
    {
        var select = ParseSelect("SELECT a ON 0 PROPERTIES p, [Store].Members ON 1 FROM s");
        Assert.Equal(["p"], select.Axes[0].DimensionProperties.Select(SyntaxDump.Of));
        Assert.Equal("[Store].Members", SyntaxDump.Of(select.Axes[1].Set));
    }

    [Fact]
    public void Drillthrough()
    {
        var result = MdxParser.Parse("DRILLTHROUGH MAXROWS 10 FIRSTROWSET 5 SELECT ([Time].[1997], [Store].[USA]) ON 0 FROM [Sales] RETURN [Measures].[Unit Sales], Name([Customers].[Name])");
        Assert.Empty(result.Diagnostics);
        var drill = Assert.IsType<DrillthroughStatement>(result.Statement);
        Assert.Equal(10, drill.MaxRows);
        Assert.Equal(5, drill.FirstRowSet);
        Assert.Single(drill.Select.Axes);
        Assert.Equal(["[Measures].[Unit Sales]", "(call Name [Customers].[Name])"], drill.ReturnColumns.Select(SyntaxDump.Of));

        var plain = Assert.IsType<DrillthroughStatement>(MdxParser.Parse("drillthrough select from Sales").Statement);
        Assert.Null(plain.MaxRows);
        Assert.Empty(plain.ReturnColumns);
    }

    [Fact]
    public void KeywordsAreCaseInsensitiveAndReservedWordsWorkAfterDots()
    {
        var select = ParseSelect("sElEcT {[Measures].[ordinal]} On CoLuMnS fRoM Sales wHeRe [Time].Dimension.Members.Item(0)");
        Assert.Equal(0, Assert.Single(select.Axes).Ordinal);
        Assert.Equal("(method Item [Time].Dimension.Members 0)", SyntaxDump.Of(select.Where!));
    }

    [Fact]
    public void CubeNamesWithAndWithoutBrackets()
    {
        Assert.Equal("Sales", SyntaxDump.Of(ParseSelect("SELECT FROM Sales").Cube!));
        Assert.Equal("[Warehouse and Sales]", SyntaxDump.Of(ParseSelect("SELECT FROM [Warehouse and Sales]").Cube!));
    }
}
