using Cuboid.Mdx.Syntax;

namespace Cuboid.Tests.Mdx.Syntax;

public sealed class PrinterTests
{
    [Fact]
    public void PrintsOneClausePerLineWithUpperCaseKeywords()
    {
        var result = MdxParser.Parse("""
            with member [Measures].[Foo] as '[Measures].[Unit Sales] * 2', solve_order = 1, format_string = '#,##0'
            set [S] as {[Store].children}
            select non empty {[Measures].[Foo]} on columns, [S] dimension properties member_caption on rows
            from Sales where ([Time].[1997], [Gender].&[F]) cell properties value
            """);
        Assert.Empty(result.Diagnostics);
        Assert.Equal("""
            WITH
              MEMBER [Measures].[Foo] AS '[Measures].[Unit Sales] * 2', SOLVE_ORDER = 1, FORMAT_STRING = "#,##0"
              SET [S] AS {[Store].children}
            SELECT
              NON EMPTY {[Measures].[Foo]} ON COLUMNS,
              [S] DIMENSION PROPERTIES member_caption ON ROWS
            FROM Sales
            WHERE ([Time].[1997], [Gender].&[F])
            CELL PROPERTIES value
            """.ReplaceLineEndings("\n"), MdxPrinter.Print(result.Statement!));
    }

    [Theory]
    [InlineData("select from [Sales]", "SELECT\nFROM [Sales]")]
    [InlineData("select {} on 1, {} on 0 from s", "SELECT\n  {} ON ROWS,\n  {} ON COLUMNS\nFROM s")]
    [InlineData("select a on axis(5) from s", "SELECT\n  a ON AXIS(5)\nFROM s")]
    [InlineData("drillthrough maxrows 5 select from s return a, b", "DRILLTHROUGH MAXROWS 5\nSELECT\nFROM s\nRETURN a, b")]
    public void PrintsStatements(string mdx, string expected) => Assert.Equal(expected, MdxPrinter.Print(MdxParser.Parse(mdx).Statement!));

    [Theory]
    [InlineData("a+b*c", "a + b * c")]
    [InlineData("(a+b)*c", "(a + b) * c")]
    [InlineData("- -1", "- -1")]
    [InlineData("-(-1)", "-(-1)")]
    [InlineData("not not a and b", "NOT NOT a AND b")]
    [InlineData("a is null", "a IS NULL")]
    [InlineData("[a]:[b]", "[a] : [b]")]
    [InlineData("Fn(a,,b)", "Fn(a, , b)")]
    [InlineData("x.Lag( 1 ).Name", "x.Lag(1).Name")]
    [InlineData("case when a then 'x' else \"y\" end", "CASE WHEN a THEN \"x\" ELSE \"y\" END")]
    [InlineData("'it''s' || \"say \"\"hi\"\"\"", "\"it's\" || \"say \"\"hi\"\"\"")]
    [InlineData("[a]]b].&x.&[y z]", "[a]]b].&x.&[y z]")]
    [InlineData("Filter(s as t, t.x)", "Filter(s AS t, t.x)")]
    [InlineData("1.50e+2", "1.50e+2")]
    public void PrintsExpressions(string mdx, string expected) => Assert.Equal(expected, MdxPrinter.Print(MdxParser.ParseExpression(mdx).Expression));

    [Fact]
    public void QuotedFormulasStayQuotedWithQuotesDoubled()
    {
        const string Mdx = "with member [M].[x] as ' \"it''s\" || [a''b] ' select from s";
        var statement = MdxParser.Parse(Mdx).Statement!;
        var printed = MdxPrinter.Print(statement);
        Assert.Contains("AS '\"it''s\" || [a''b]'", printed, StringComparison.Ordinal);
        Assert.True(MdxSyntaxEquality.AreEquivalent(statement, MdxParser.Parse(printed).Statement));
    }

    [Fact]
    public void BracketAllNamesBracketsEverySegment()
    {
        var expression = MdxParser.ParseExpression("Time.[1997].Children.Item(0).Name + [Store].&12").Expression;
        var printed = MdxPrinter.Print(expression, bracketAllNames: true);
        Assert.Equal("[Time].[1997].[Children].Item(0).[Name] + [Store].&[12]", printed);
        var reparsed = MdxParser.ParseExpression(printed).Expression;
        Assert.True(MdxSyntaxEquality.AreEquivalent(expression, reparsed, ignoreQuoting: true));
        Assert.False(MdxSyntaxEquality.AreEquivalent(expression, reparsed));
    }

    [Fact]
    public void BuiltTreesGetTheParenthesesTheirShapeNeeds()
    {
        var span = new TextSpan(0, 0);
        MdxExpression Number(string text) => new NumberLiteral(span, text, double.Parse(text, System.Globalization.CultureInfo.InvariantCulture));
        var sum = new BinaryExpression(span, BinaryOperator.Add, Number("1"), Number("2"));
        var product = new BinaryExpression(span, BinaryOperator.Multiply, sum, Number("3"));
        Assert.Equal("(1 + 2) * 3", MdxPrinter.Print(product));
        var rightNested = new BinaryExpression(span, BinaryOperator.Subtract, Number("1"), sum);
        Assert.Equal("1 - (1 + 2)", MdxPrinter.Print(rightNested));
        var negated = new UnaryExpression(span, UnaryOperator.Minus, sum);
        Assert.Equal("-(1 + 2)", MdxPrinter.Print(negated));
        var reserved = new IdentifierNode(span, [new IdentifierSegment(span, "Select", false, false), new IdentifierSegment(span, "Select", false, false)]);
        Assert.Equal("[Select].Select", MdxPrinter.Print(reserved));
    }

    [Theory]
    [InlineData("a + b", "a+b", true)]
    [InlineData("FILTER(a, b)", "filter(a,b)", true)]
    [InlineData("(a)", "a", false)]
    [InlineData("[a]", "a", false)]
    [InlineData("1.0", "1", true)]
    [InlineData("'x'", "\"x\"", true)]
    [InlineData("a - b - c", "a - (b - c)", false)]
    public void EquivalenceIgnoresSpansAndSpellingButNotShape(string left, string right, bool equivalent) =>
        Assert.Equal(equivalent, MdxSyntaxEquality.AreEquivalent(MdxParser.ParseExpression(left).Expression, MdxParser.ParseExpression(right).Expression));
}
