using Cuboid.Tests.Mdx.Execution;

namespace Cuboid.Tests.Hardening;

/// <summary>
/// Hostile nesting never overflows the stack (which kills the process): chains of operators,
/// method calls and calculated members, 100,000 deep, are MDX0017 at the place where they go too
/// deep; real depths still answer.
/// </summary>
[Collection(FoodMartCollection.Name)]
public sealed class MdxDepthTests(FoodMartSession foodMart)
{
    private const int Terms = 100_000;
    private readonly Session _session = foodMart.Session;

    private MdxDiagnostic Fails(string mdx)
    {
        var error = Assert.Throws<MdxException>(() => _session.QueryMdx(mdx));
        return Assert.Single(error.Diagnostics);
    }

    /// <summary>The column of the 1-based <paramref name="nth"/> occurrence of <paramref name="what"/> in <paramref name="text"/>.</summary>
    private static int ColumnOf(string text, string what, int nth)
    {
        var at = -1;
        for (var i = 0; i < nth; i++) at = text.IndexOf(what, at + 1, StringComparison.Ordinal);
        return at + 1;
    }

    [Fact]
    public void AChainOfAdditionsStopsAtTheOperatorPastTheLimit()
    {
        var mdx = $"WITH MEMBER [Measures].[X] AS {string.Join('+', Enumerable.Repeat("1", Terms))} SELECT [Measures].[X] ON 0 FROM [Sales]";
        var diagnostic = Fails(mdx);
        Assert.Equal("MDX0017", diagnostic.Code);
        Assert.Equal("Expression is nested too deeply (more than 256 levels)", diagnostic.Message);
        Assert.Equal((1, ColumnOf(mdx, "+", 256)), (diagnostic.Line, diagnostic.Column));   // 256 additions make 257 levels
    }

    [Fact]
    public void AChainOfSetUnionsOnAnAxis()
    {
        var mdx = $"SELECT {{{string.Join(" + ", Enumerable.Repeat("{[Store].[USA]}", Terms))}}} ON 0 FROM [Sales]";
        var diagnostic = Fails(mdx);
        Assert.Equal("MDX0017", diagnostic.Code);
        Assert.Equal(ColumnOf(mdx, "+", 255), diagnostic.Column);   // each operand is two levels deep (braces, name)
    }

    [Fact]
    public void AChainOfConditionsInIIf()
    {
        var mdx = $"WITH MEMBER [Measures].[X] AS IIf({string.Join(" AND ", Enumerable.Repeat("1=1", Terms))}, 1, 0) SELECT [Measures].[X] ON 0 FROM [Sales]";
        Assert.Equal("MDX0017", Fails(mdx).Code);
    }

    [Fact]
    public void AChainOfMethodCalls()
    {
        var mdx = $"SELECT {{[Time].[1997]{string.Concat(Enumerable.Repeat(".Lag(0)", Terms))}}} ON 0 FROM [Sales]";
        var diagnostic = Fails(mdx);
        Assert.Equal("MDX0017", diagnostic.Code);
        Assert.Equal(ColumnOf(mdx, "Lag", 256), diagnostic.Column);   // the name, then 256 calls
    }

    [Fact]
    public void UnaryMinusSignsAndParentheses()
    {
        Assert.Equal("MDX0017", Fails($"WITH MEMBER [Measures].[X] AS {string.Concat(Enumerable.Repeat("- ", 50_000))}1 SELECT [Measures].[X] ON 0 FROM [Sales]").Code);
        Assert.Equal("MDX0017", Fails($"WITH MEMBER [Measures].[X] AS {new string('(', Terms)}1{new string(')', Terms)} SELECT [Measures].[X] ON 0 FROM [Sales]").Code);
        // Two minus signs in a row start a comment in MDX (as in Mondrian and SSAS): the rest of the line is not an expression.
        var comment = Fails($"SELECT [Measures].[Unit Sales] ON 0 FROM [Sales] WHERE {new string('-', 50_000)}1");
        Assert.Equal("MDX0012", comment.Code);
        Assert.Equal("Expected an expression, found end of input", comment.Message);
    }

    [Fact]
    public void ANameOfAHundredThousandSegmentsIsRefusedQuickly()
    {
        var diagnostic = Fails($"SELECT {{[Store]{string.Concat(Enumerable.Repeat(".[x]", Terms))}}} ON 0 FROM [Sales]");
        Assert.Equal("MDX0102", diagnostic.Code);   // gathered in one pass (appending segment by segment was quadratic)
    }

    [Fact]
    public void CalculatedMembersReferringToOneAnotherTwentyThousandDeep()
    {
        const int members = 20_000;
        var with = string.Join(' ', Enumerable.Range(1, members - 1).Select(i => $"MEMBER [Measures].[M{i}] AS [Measures].[M{i - 1}] + 1"));
        var mdx = $"WITH MEMBER [Measures].[M0] AS 1 {with} SELECT [Measures].[M{members - 1}] ON 0 FROM [Sales]";
        var diagnostic = Fails(mdx);
        Assert.Equal("MDX0017", diagnostic.Code);
        Assert.Equal("Calculated member [Measures].[M64] refers to other calculated members more than 64 levels deep.", diagnostic.Message);
        Assert.Equal(ColumnOf(mdx, "[Measures].[M63] + 1", 1), diagnostic.Column);   // M64's formula
    }

    [Fact]
    public void RealDepthsStillAnswer()
    {
        var sum = _session.QueryMdx($"WITH MEMBER [Measures].[X] AS {string.Join('+', Enumerable.Repeat("1", 250))} SELECT [Measures].[X] ON 0 FROM [Sales]");
        Assert.Equal(250.0, sum.Column("X").GetDouble(0));

        var with = string.Join(' ', Enumerable.Range(1, 60).Select(i => $"MEMBER [Measures].[M{i}] AS [Measures].[M{i - 1}] + 1"));
        var chained = _session.QueryMdx($"WITH MEMBER [Measures].[M0] AS [Measures].[Unit Sales] {with} SELECT [Measures].[M60] ON 0 FROM [Sales]");
        Assert.Equal(266_773.0 + 60, chained.Column("M60").GetDouble(0));

        var union = _session.QueryMdx($"SELECT {{{string.Join(" + ", Enumerable.Repeat("{[Store].[USA]}", 200))}}} ON 0 FROM [Sales]");
        Assert.Equal(266_773.0, union.Columns[^1].GetDouble(0));
    }

    [Fact]
    public void MeasuresDefinedInCSharpNestedTooDeeplyAreRefusedWhenNamed()
    {
        using var session = Tests.Support.TestData.NewSession();
        var table = session.CreateTable("T", new Dictionary<string, DataType> { ["K"] = DataType.String, ["V"] = DataType.Double }, keys: ["K"]);
        table.Append(["a", 1.0]);
        var cube = session.CreateCube(table, "C", CubeMode.NoMeasures);
        var m = cube.Measures;
        m["M0"] = Agg.Sum(table["V"]);
        var error = Assert.Throws<ArgumentException>(() =>
        {
            for (var i = 1; i < 50_000; i++) m[$"M{i}"] = m[$"M{i - 1}"] + 1;
        });
        // Each step adds two levels (the named measure, the addition): M127 is 256 deep with M0's sum.
        Assert.StartsWith("Measure 'M127' is built on other measures and operations more than 256 levels deep.", error.Message, StringComparison.Ordinal);
        Assert.False(m.Contains("M127"));
        Assert.Equal(1.0 + 100, cube.Query([m["M100"]]).Column("M100").GetDouble(0));

        // An unnamed formula grown in a loop is measured without a walk that could overflow.
        var grown = m["M0"];
        for (var i = 0; i < 100_000; i++) grown += 1;
        Assert.Throws<ArgumentException>(() => m["Grown"] = grown);
    }
}
