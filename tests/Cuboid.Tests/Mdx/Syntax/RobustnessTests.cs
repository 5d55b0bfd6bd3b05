using Cuboid.Mdx.Syntax;
using Cuboid.Tests.Mdx.Conformance;

namespace Cuboid.Tests.Mdx.Syntax;

/// <summary>Whatever the input, parsing returns a result: never an exception.</summary>
public sealed class RobustnessTests
{
    [Fact]
    public void EveryPrefixOfEveryConformanceQueryParsesWithoutThrowing()
    {
        var records = ConformanceData.Queries("edge_queries.json");
        foreach (var (_, mdx) in records.Concat(ConformanceData.Queries("core_axis.json").Take(40)))
        {
            for (var length = 0; length <= mdx.Length; length++)
            {
                var result = MdxParser.Parse(mdx[..length]);
                if (!result.HasErrors) Assert.Null(ConformanceParseTests.Check(mdx[..length]));
            }
        }
    }

    [Fact]
    public void RandomTokenSoupParsesWithoutThrowing()
    {
        string[] pieces = ["SELECT", "WITH", "MEMBER", "SET", "AS", "ON", "FROM", "WHERE", "NON", "EMPTY", "CASE", "WHEN", "THEN", "ELSE", "END",
            "NOT", "AND", "IS", "NULL", "(", ")", "{", "}", ",", ".", ":", "+", "-", "*", "/", "||", "<", "=", "'", "\"", "[", "]", "&", "x",
            "[a]", "&[1]", "1", ".5", "'a + b'", "COLUMNS", "AXIS", "DIMENSION", "PROPERTIES", "CELL", "DRILLTHROUGH", "RETURN", "/*", "--", "\n"];
        var random = new Random(12345);
        for (var i = 0; i < 3000; i++)
        {
            var mdx = string.Join(" ", Enumerable.Range(0, random.Next(1, 30)).Select(_ => pieces[random.Next(pieces.Length)]));
            var result = MdxParser.Parse(mdx);
            Assert.All(result.Diagnostics, d => Assert.InRange(d.Offset, 0, mdx.Length));
            if (!result.HasErrors) Assert.Null(ConformanceParseTests.Check(mdx));
        }
    }
}
