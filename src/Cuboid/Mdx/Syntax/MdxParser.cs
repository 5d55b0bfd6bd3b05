namespace Cuboid.Mdx.Syntax;

/// <summary>The outcome of parsing: a tree (partial when there are errors, null when nothing was recognised) and diagnostics.</summary>
internal sealed record MdxParseResult(SourceText Source, MdxStatement? Statement, IReadOnlyList<MdxDiagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == MdxSeverity.Error);
}

/// <summary>The outcome of parsing a lone expression (a calculated member formula, a test fragment).</summary>
internal sealed record MdxExpressionParseResult(SourceText Source, MdxExpression Expression, IReadOnlyList<MdxDiagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == MdxSeverity.Error);
}

/// <summary>Entry point of the MDX syntax layer. Never throws on bad input: problems come back as diagnostics.</summary>
internal static class MdxParser
{
    /// <summary>Parses a SELECT or DRILLTHROUGH statement.</summary>
    public static MdxParseResult Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var source = new SourceText(text);
        var diagnostics = new List<MdxDiagnostic>();
        var tokens = Lexer.Tokenize(source, diagnostics);
        var statement = new Parser(source, tokens, diagnostics, inQuotedFormula: false).ParseStatement();
        return new MdxParseResult(source, statement, Sorted(diagnostics));
    }

    /// <summary>Parses a single expression, such as <c>[Measures].[Unit Sales] * 2</c>.</summary>
    public static MdxExpressionParseResult ParseExpression(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var source = new SourceText(text);
        var diagnostics = new List<MdxDiagnostic>();
        var tokens = Lexer.Tokenize(source, diagnostics);
        var expression = new Parser(source, tokens, diagnostics, inQuotedFormula: false).ParseStandaloneExpression();
        return new MdxExpressionParseResult(source, expression, Sorted(diagnostics));
    }

    // Lexer diagnostics are collected before parser ones; report them in text order.
    private static MdxDiagnostic[] Sorted(List<MdxDiagnostic> diagnostics)
    {
        var array = diagnostics.ToArray();
        if (array.Length > 1) Array.Sort(array, static (a, b) => a.Offset.CompareTo(b.Offset));
        return array;
    }
}
