using Cuboid.Mdx.Syntax;
using Cuboid.Tests.Mdx.Conformance;

namespace Cuboid.Tests.Mdx.Syntax;

/// <summary>Every query of the Mondrian conformance material parses without errors and survives print → parse.</summary>
public sealed class ConformanceParseTests
{
    [Theory]
    [InlineData("core_axis.json")]
    [InlineData("core_expr.json")]
    [InlineData("edge_queries.json")]
    public void CoreFilesParseAndRoundTrip(string file)
    {
        var records = ConformanceData.Queries(file);
        Assert.NotEmpty(records);
        var failures = new List<string>();
        foreach (var (name, mdx) in records)
        {
            if (Check(mdx) is { } failure) failures.Add($"{name}: {failure}\n{mdx}");
        }
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    /// <summary>Null when <paramref name="mdx"/> parses cleanly and its printed forms parse back to the same tree.</summary>
    internal static string? Check(string mdx)
    {
        var result = MdxParser.Parse(mdx);
        if (result.HasErrors) return string.Join("; ", result.Diagnostics);
        var statement = result.Statement!;
        var printed = MdxPrinter.Print(statement);
        var reparsed = MdxParser.Parse(printed);
        if (reparsed.HasErrors) return "printed text does not parse: " + string.Join("; ", reparsed.Diagnostics) + "\n" + printed;
        if (!MdxSyntaxEquality.AreEquivalent(statement, reparsed.Statement)) return "round trip changed the tree:\n" + printed;
        if (MdxPrinter.Print(reparsed.Statement!) != printed) return "printing is not stable:\n" + printed;
        var bracketed = MdxParser.Parse(MdxPrinter.Print(statement, bracketAllNames: true));
        if (bracketed.HasErrors || !MdxSyntaxEquality.AreEquivalent(statement, bracketed.Statement, ignoreQuoting: true))
        {
            return "bracketed round trip failed:\n" + MdxPrinter.Print(statement, bracketAllNames: true);
        }
        return null;
    }
}
