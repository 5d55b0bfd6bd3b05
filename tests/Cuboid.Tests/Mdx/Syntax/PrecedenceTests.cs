using Cuboid.Mdx.Syntax;

namespace Cuboid.Tests.Mdx.Syntax;

public sealed class PrecedenceTests
{
    [Theory]
    [InlineData("1 + 2 * 3", "(+ 1 (* 2 3))")]
    [InlineData("1 * 2 + 3", "(+ (* 1 2) 3)")]
    [InlineData("1 - 2 - 3", "(- (- 1 2) 3)")]
    [InlineData("8 / 4 / 2", "(/ (/ 8 4) 2)")]
    [InlineData("(1 + 2) * 3", "(* (paren (+ 1 2)) 3)")]
    [InlineData("-2 * 3", "(* (neg 2) 3)")]
    [InlineData("- -2", "(neg (neg 2))")]
    [InlineData("+x", "(pos x)")]
    [InlineData("1 + 2 <= 3 * 4", "(<= (+ 1 2) (* 3 4))")]
    [InlineData("\"a\" || \"b\" = \"ab\"", "(= (|| \"a\" \"b\") \"ab\")")]
    [InlineData("1 + 2 || 3", "(|| (+ 1 2) 3)")]
    [InlineData("a OR b AND c", "(OR a (AND b c))")]
    [InlineData("a AND b OR c", "(OR (AND a b) c)")]
    [InlineData("a XOR b OR c", "(OR (XOR a b) c)")]
    [InlineData("a OR b XOR c", "(XOR (OR a b) c)")]
    [InlineData("NOT a AND b", "(AND (not a) b)")]
    [InlineData("NOT a = b", "(not (= a b))")]
    [InlineData("a AND NOT b OR c", "(OR (AND a (not b)) c)")]
    [InlineData("NOT NOT a", "(not (not a))")]
    [InlineData("a < b AND c >= d", "(AND (< a b) (>= c d))")]
    [InlineData("a <> b = c", "(= (<> a b) c)")]
    [InlineData("x IS NULL", "(IS x NULL)")]
    [InlineData("x IS EMPTY OR y > 1", "(OR (call IsEmpty x) (> y 1))")]
    [InlineData("x IN s AND y", "(AND (IN x s) y)")]
    [InlineData("NOT x NOT IN s OR y", "(OR (not (NOT IN x s)) y)")]
    [InlineData("n MATCHES p || q", "(MATCHES n (|| p q))")]
    [InlineData("[a].CurrentMember IS [a].[b]", "(IS [a].CurrentMember [a].[b])")]
    [InlineData("{a} * {b} * {c}", "(* (* {a} {b}) {c})")]
    [InlineData("[a]:[b] * {c}", "(* (: [a] [b]) {c})")]
    [InlineData("{[a] : [b], [c]}", "{(: [a] [b]) [c]}")]
    [InlineData("x.Lag(1) : x", "(: (method Lag x 1) x)")]
    [InlineData("-[a].[b] * 2", "(* (neg [a].[b]) 2)")]
    [InlineData("a - -1", "(- a (neg 1))")]
    public void BinaryAndUnaryOperatorsNest(string mdx, string expected) => Assert.Equal(expected, SyntaxDump.Parse(mdx));

    [Theory]
    [InlineData("a and b or not c", "(OR (AND a b) (not c))")]
    [InlineData("x is null", "(IS x NULL)")]
    [InlineData("a Xor b", "(XOR a b)")]
    public void OperatorKeywordsAreCaseInsensitive(string mdx, string expected) => Assert.Equal(expected, SyntaxDump.Parse(mdx));

    [Theory]
    [InlineData("CASE WHEN 1+1 = 2 THEN [Gender].[F] ELSE [Gender].[F].Parent END", "(case (when (= (+ 1 1) 2) [Gender].[F]) (else [Gender].[F].Parent))")]
    [InlineData("CASE 1 WHEN 2 THEN 'a' WHEN 3 THEN 'b' END", "(case 1 (when 2 \"a\") (when 3 \"b\"))")]
    [InlineData("case x when 1 then case when y then 2 end else 3 end", "(case x (when 1 (case (when y 2))) (else 3))")]
    public void CaseExpressions(string mdx, string expected) => Assert.Equal(expected, SyntaxDump.Parse(mdx));

    [Fact]
    public void NotAsOperandOfTighterOperatorIsReported()
    {
        var result = MdxParser.ParseExpression("1 + NOT 2");
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("MDX0020", diagnostic.Code);
        Assert.Equal((1, 5), (diagnostic.Line, diagnostic.Column));
        Assert.Equal("(+ 1 (not 2))", SyntaxDump.Of(result.Expression));
    }

    [Fact]
    public void ParenthesizedNotIsAccepted() => Assert.Equal("(+ 1 (paren (not 2)))", SyntaxDump.Parse("1 + (NOT 2)"));
}
