using Cuboid.Mdx.Syntax;

namespace Cuboid.Tests.Mdx.Syntax;

public sealed class DiagnosticTests
{
    [Theory]
    [InlineData("SELECT {#} ON 0 FROM s", "MDX0001", "Unexpected character '#'", 1, 9, 1)]
    [InlineData("SELECT {\"abc} ON 0 FROM s", "MDX0002", "Unterminated string literal", 1, 9, 17)]
    [InlineData("SELECT [Time ON 0\nFROM s", "MDX0003", "Unterminated bracketed identifier '[Time ON 0\nFROM s': expected ']'", 1, 8, 17)]
    [InlineData("SELECT FROM s /* never closed", "MDX0004", "Unterminated block comment: expected '*/'", 1, 15, 2)]
    [InlineData("SELECT {1e} ON 0 FROM s", "MDX0005", "Invalid number '1e': expected digits after the exponent", 1, 9, 2)]
    [InlineData("SELECT {[a].&} ON 0 FROM s", "MDX0006", "Expected a member key after '&', as in &[12] or &12", 1, 13, 1)]
    [InlineData("SELECT {a} COLUMNS FROM s", "MDX0010", "Expected ON, found 'COLUMNS'", 1, 12, 7)]
    [InlineData("SELECT Filter([a], 1 ON COLUMNS FROM s", "MDX0011", "Expected ')' to close the function call opened at 1:14, found 'ON'", 1, 22, 2)]
    [InlineData("SELECT {a, b ON 0 FROM s", "MDX0011", "Expected '}' to close the set opened at 1:8, found 'ON'", 1, 14, 2)]
    [InlineData("SELECT (a, b ON 0 FROM s", "MDX0011", "Expected ')' to close the tuple opened at 1:8, found 'ON'", 1, 14, 2)]
    [InlineData("SELECT a.Lag(1 ON 0 FROM s", "MDX0011", "Expected ')' to close the method call opened at 1:13, found 'ON'", 1, 16, 2)]
    [InlineData("SELECT CASE WHEN a THEN b ON 0 FROM s", "MDX0011", "Expected END to close the CASE expression opened at 1:8, found 'ON'", 1, 27, 2)]
    [InlineData("SELECT {a, } ON 0 FROM s", "MDX0012", "Expected an expression, found '}'", 1, 12, 1)]
    [InlineData("SELECT ON 0 FROM s", "MDX0012", "Expected an expression, found 'ON'", 1, 8, 2)]
    [InlineData("SELECT {a} ON COLUMS FROM s", "MDX0013", "Unknown axis name 'COLUMS' (did you mean COLUMNS?)", 1, 15, 6)]
    [InlineData("SELECT {a} ON Foo FROM s", "MDX0013", "Unknown axis name 'Foo'; expected COLUMNS, ROWS, PAGES, SECTIONS, CHAPTERS, AXIS(n) or an axis number", 1, 15, 3)]
    [InlineData("SELECT {a} ON 1.5 FROM s", "MDX0014", "Invalid axis number '1.5': expected a non-negative integer", 1, 15, 3)]
    [InlineData("SELECT {a} ON 0,\n{b} ON COLUMNS FROM s", "MDX0015", "Axis COLUMNS is specified more than once", 2, 8, 7)]
    [InlineData("SELECT FROM s extra", "MDX0016", "Unexpected 'extra' after the end of the query", 1, 15, 5)]
    [InlineData("DRILLTHROUGH MAXROWS x SELECT FROM s", "MDX0018", "Expected a non-negative integer after MAXROWS, found 'x'", 1, 22, 1)]
    [InlineData("SELECT {CASE ELSE 1 END} ON 0 FROM s", "MDX0019", "CASE expression needs at least one WHEN clause", 1, 9, 4)]
    [InlineData("SELECT {1 + NOT 2} ON 0 FROM s", "MDX0020", "NOT cannot be the operand of an arithmetic or comparison operator; enclose the NOT expression in parentheses", 1, 13, 3)]
    [InlineData("WITH MEMBER [M].[x] AS 1, SOLVE_ORDER = 1, solve_order = 2 SELECT FROM s", "MDX0021", "Property 'solve_order' is specified more than once", 1, 44, 11)]
    [InlineData("WITH MEMBER [M].[x] AS '1 2' SELECT FROM s", "MDX0022", "Unexpected '2' after the end of the quoted formula", 1, 27, 1)]
    [InlineData("WITH MEMBER [M].[x] AS '1 +' SELECT FROM s", "MDX0012", "Expected an expression, found end of the quoted formula", 1, 28, 0)]
    [InlineData("", "MDX0010", "Expected SELECT, WITH or DRILLTHROUGH, found end of input", 1, 1, 0)]
    [InlineData("SELECT {a} ON 0", "MDX0010", "Expected FROM, found end of input", 1, 16, 0)]
    [InlineData("WITH SELECT FROM s", "MDX0010", "Expected MEMBER or SET after WITH, found 'SELECT'", 1, 6, 6)]
    [InlineData("WITH MEMBER x AS 1 FROM s", "MDX0010", "Expected MEMBER, SET or SELECT, found 'FROM'", 1, 20, 4)]
    [InlineData("SELECT NON {a} ON 0 FROM s", "MDX0010", "Expected EMPTY after NON, found '{'", 1, 12, 1)]
    [InlineData("SELECT FROM", "MDX0010", "Expected a cube name, found end of input", 1, 12, 0)]
    [InlineData("SELECT {a.} ON 0 FROM s", "MDX0010", "Expected a name after '.', found '}'", 1, 11, 1)]
    public void EachDiagnosticHasItsCodeMessageAndPosition(string mdx, string code, string message, int line, int column, int length)
    {
        var result = MdxParser.Parse(mdx);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(code, diagnostic.Code);
        Assert.Equal(message, diagnostic.Message);
        Assert.Equal((line, column), (diagnostic.Line, diagnostic.Column));
        Assert.Equal(length, diagnostic.Length);
        Assert.Equal(MdxSeverity.Error, diagnostic.Severity);
        Assert.True(result.HasErrors);
    }

    [Fact]
    public void NestingTooDeepIsReportedNotAStackOverflow()
    {
        var mdx = "SELECT {" + new string('(', 5000) + "1" + new string(')', 5000) + "} ON 0 FROM s";
        var diagnostic = Assert.Single(MdxParser.Parse(mdx).Diagnostics);
        Assert.Equal("MDX0017", diagnostic.Code);
        Assert.StartsWith("Expression is nested too deeply", diagnostic.Message, StringComparison.Ordinal);

        Assert.Equal("MDX0017", Assert.Single(MdxParser.ParseExpression(string.Concat(Enumerable.Repeat("- ", 5000)) + "1").Diagnostics).Code);
        Assert.Equal("MDX0017", Assert.Single(MdxParser.ParseExpression(string.Concat(Enumerable.Repeat("NOT ", 5000)) + "1").Diagnostics).Code);
    }

    [Fact]
    public void ToStringShowsCodePositionAndMessage()
    {
        var diagnostic = Assert.Single(MdxParser.Parse("SELECT {a} ON 0\nFROM s WHERE (a,").Diagnostics);
        Assert.Equal("MDX0012 (2:17): Expected an expression, found end of input", diagnostic.ToString());
    }

    [Fact]
    public void ErrorsInSeveralClausesAreAllReportedWithAPartialTree()
    {
        var result = MdxParser.Parse("SELECT {a,} ON COLUMS, Filter(b ON ROWS, {c} ON 2 FROM [Sales] WHERE (d");
        Assert.Equal(["MDX0012", "MDX0013", "MDX0011", "MDX0011"], result.Diagnostics.Select(d => d.Code));
        var select = Assert.IsType<SelectStatement>(result.Statement);
        Assert.Equal(3, select.Axes.Count);
        Assert.Equal(2, select.Axes[2].Ordinal);
        Assert.Equal("[Sales]", SyntaxDump.Of(select.Cube!));
        Assert.NotNull(select.Where);
    }

    [Fact]
    public void TheLexerErrorIsTheOnlyOneForABadToken()
    {
        var diagnostic = Assert.Single(MdxParser.Parse("SELECT {a, $b} ON 0 FROM s").Diagnostics);
        Assert.Equal("Unexpected character '$'", diagnostic.Message);
    }

    [Fact]
    public void DiagnosticsAreInTextOrder()
    {
        var result = MdxParser.Parse("SELECT {#} ON COLUMS FROM s WHERE 'abc");
        Assert.Equal(result.Diagnostics.OrderBy(d => d.Offset).Select(d => d.Offset), result.Diagnostics.Select(d => d.Offset));
        Assert.Contains(result.Diagnostics, d => d.Code == "MDX0002");
    }
}
