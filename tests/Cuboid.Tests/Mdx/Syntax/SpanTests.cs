using Cuboid.Mdx.Syntax;

namespace Cuboid.Tests.Mdx.Syntax;

public sealed class SpanTests
{
    private const string Query = "SELECT {[Measures].[Unit Sales]} ON COLUMNS,\n  Filter([Store].Children, [Measures].[Unit Sales] > 100).Item(0) ON ROWS\nFROM [Sales]\nWHERE ([Time].[1997])";

    [Fact]
    public void EveryNodeSpansItsOwnText()
    {
        var result = MdxParser.Parse(Query);
        var select = Assert.IsType<SelectStatement>(result.Statement);
        var source = result.Source;

        Assert.Equal(Query, source[select.Span]);
        Assert.Equal("{[Measures].[Unit Sales]} ON COLUMNS", source[select.Axes[0].Span]);
        Assert.Equal("COLUMNS", source[select.Axes[0].AxisNameSpan]);
        var method = Assert.IsType<MethodCall>(select.Axes[1].Set);
        Assert.Equal("Filter([Store].Children, [Measures].[Unit Sales] > 100).Item(0)", source[method.Span]);
        Assert.Equal("Item", source[method.NameSpan]);
        var filter = Assert.IsType<FunctionCall>(method.Target);
        Assert.Equal("Filter([Store].Children, [Measures].[Unit Sales] > 100)", source[filter.Span]);
        Assert.Equal("[Store].Children", source[filter.Arguments[0].Span]);
        var comparison = Assert.IsType<BinaryExpression>(filter.Arguments[1]);
        Assert.Equal("[Measures].[Unit Sales] > 100", source[comparison.Span]);
        var measure = Assert.IsType<IdentifierNode>(comparison.Left);
        Assert.Equal(["[Measures]", "[Unit Sales]"], measure.Segments.Select(s => source[s.Span]));
        Assert.Equal("[Sales]", source[select.Cube!.Span]);
        Assert.Equal("([Time].[1997])", source[select.Where!.Span]);
    }

    [Fact]
    public void LineAndColumnAreComputedFromOffsets()
    {
        var result = MdxParser.Parse(Query);
        var select = (SelectStatement)result.Statement!;
        Assert.Equal((1, 1), result.Source.GetLineColumn(select.Span.Start));
        Assert.Equal((2, 3), result.Source.GetLineColumn(select.Axes[1].Set.Span.Start));
        Assert.Equal((3, 6), result.Source.GetLineColumn(select.Cube!.Span.Start));
        Assert.Equal((4, 7), result.Source.GetLineColumn(select.Where!.Span.Start));
    }

    [Theory]
    [InlineData("a\r\nb", 3, 2, 1)]
    [InlineData("a\rb", 2, 2, 1)]
    [InlineData("a\n\nb", 3, 3, 1)]
    [InlineData("abc", 3, 1, 4)]
    public void LineEndings(string text, int offset, int line, int column) =>
        Assert.Equal((line, column), new SourceText(text).GetLineColumn(offset));

    [Fact]
    public void QuotedFormulaSpansPointIntoTheQuery()
    {
        const string Mdx = "with member [Measures].[Foo] as '1 + [Measures].[Unit Sales]', format_string = '#' select from [Sales]";
        var result = MdxParser.Parse(Mdx);
        var member = Assert.IsType<WithMember>(Assert.Single(((SelectStatement)result.Statement!).WithItems));
        var sum = Assert.IsType<BinaryExpression>(member.Expression);
        Assert.Equal("1 + [Measures].[Unit Sales]", result.Source[sum.Span]);
        Assert.Equal("[Measures].[Unit Sales]", result.Source[sum.Right.Span]);
        Assert.Equal("format_string = '#'", result.Source[member.Properties[0].Span]);
        Assert.Equal("member [Measures].[Foo] as '1 + [Measures].[Unit Sales]', format_string = '#'", result.Source[member.Span]);
    }

    [Fact]
    public void QuotedFormulaSpansSurviveDoubledQuotes()
    {
        // Inside the formula '' stands for ', so formula offsets drift from query offsets after each escape.
        const string Mdx = "with member [M].[x] as ' ''it''''s'' || [Store].[A''B]' select from s";
        var result = MdxParser.Parse(Mdx);
        Assert.Empty(result.Diagnostics);
        var member = (WithMember)((SelectStatement)result.Statement!).WithItems[0];
        var concat = Assert.IsType<BinaryExpression>(member.Expression);
        Assert.Equal("it's", Assert.IsType<StringLiteral>(concat.Left).Value);
        Assert.Equal("''it''''s''", result.Source[concat.Left.Span]);
        Assert.Equal("[Store].[A''B]", result.Source[concat.Right.Span]);
        Assert.Equal("A'B", ((IdentifierNode)concat.Right).Segments[1].Name);
    }

    [Fact]
    public void DiagnosticsInsideQuotedFormulasPointIntoTheQuery()
    {
        const string Mdx = "with member [M].[x] as '''a'' + 1 2' select from s";
        var diagnostic = Assert.Single(MdxParser.Parse(Mdx).Diagnostics);
        Assert.Equal("MDX0022", diagnostic.Code);
        Assert.Equal("Unexpected '2' after the end of the quoted formula", diagnostic.Message);
        Assert.Equal(Mdx.IndexOf(" 2'", StringComparison.Ordinal) + 1, diagnostic.Offset);
        Assert.Equal((1, Mdx.IndexOf(" 2'", StringComparison.Ordinal) + 2), (diagnostic.Line, diagnostic.Column));
    }

    [Fact]
    public void EmptyArgumentsHaveEmptySpansAtTheirPosition()
    {
        var result = MdxParser.ParseExpression("Fn(a, , b)");
        var call = Assert.IsType<FunctionCall>(result.Expression);
        var empty = Assert.IsType<EmptyExpression>(call.Arguments[1]);
        Assert.Equal(new TextSpan(6, 0), empty.Span);
        Assert.Equal("Fn", result.Source[call.NameSpan]);
    }
}
