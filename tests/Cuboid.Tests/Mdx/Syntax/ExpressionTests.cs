using Cuboid.Mdx.Syntax;

namespace Cuboid.Tests.Mdx.Syntax;

public sealed class ExpressionTests
{
    [Theory]
    [InlineData("[Time].[1997].[Q1]", "[Time].[1997].[Q1]")]
    [InlineData("Time.[1997]", "Time.[1997]")]
    [InlineData("[Store].&[12]", "[Store].&[12]")]
    [InlineData("[Store].&12", "[Store].&12")]
    [InlineData("[Store].[Store Name].&[Store 1]", "[Store].[Store Name].&[Store 1]")]
    [InlineData("[Time].[1997].Children", "[Time].[1997].Children")]
    [InlineData("[Store Type].members", "[Store Type].members")]
    [InlineData("[Time].Dimension", "[Time].Dimension")]
    [InlineData("[Promotion Media]. [All Media]", "[Promotion Media].[All Media]")]
    [InlineData("[Product]./* c */[All Products]", "[Product].[All Products]")]
    public void CompoundNamesStayOneIdentifier(string mdx, string expected) => Assert.Equal(expected, SyntaxDump.Parse(mdx));

    [Fact]
    public void SegmentsRecordQuotingAndKeys()
    {
        var id = Assert.IsType<IdentifierNode>(MdxParser.ParseExpression("Store.[USA].&[12].&x.Children").Expression);
        Assert.Equal(["Store", "USA", "12", "x", "Children"], id.Segments.Select(s => s.Name));
        Assert.Equal([false, true, true, false, false], id.Segments.Select(s => s.IsQuoted));
        Assert.Equal([false, false, true, true, false], id.Segments.Select(s => s.IsKey));
    }

    [Theory]
    [InlineData("[has a [bracket]] in it]", "has a [bracket] in it")]
    [InlineData("[]]]", "]")]
    [InlineData("[a.b]", "a.b")]
    [InlineData("[Store   23]", "Store   23")]
    public void BracketedNamesUnescapeDoubledBrackets(string mdx, string name)
    {
        var id = Assert.IsType<IdentifierNode>(MdxParser.ParseExpression(mdx).Expression);
        Assert.Equal(name, Assert.Single(id.Segments).Name);
    }

    [Theory]
    [InlineData("Filter([Store].Members, [Measures].[x] > 1)", "(call Filter [Store].Members (> [Measures].[x] 1))")]
    [InlineData("Fn(a, , b)", "(call Fn a _ b)")]
    [InlineData("Fn(, a)", "(call Fn _ a)")]
    [InlineData("Fn(a, )", "(call Fn a _)")]
    [InlineData("Fn()", "(call Fn)")]
    [InlineData("IIf(a > 1, \"x\", NULL)", "(call IIf (> a 1) \"x\" NULL)")]
    [InlineData("Order([Store].Children, [Measures].[x], BDESC)", "(call Order [Store].Children [Measures].[x] BDESC)")]
    [InlineData("Descendants([Time].[1997], 2, SELF_AND_AFTER)", "(call Descendants [Time].[1997] 2 SELF_AND_AFTER)")]
    [InlineData("Filter([Customers].Children as t, t.Current.Name = 'USA')", "(call Filter (as [Customers].Children t) (= t.Current.Name \"USA\"))")]
    [InlineData("[Time].CurrentMember.Lag(1).Name", "(prop (method Lag [Time].CurrentMember 1) Name)")]
    [InlineData("[Time].[1997].Children.Item(0)", "(method Item [Time].[1997].Children 0)")]
    [InlineData("x.Properties(\"Store Type\")", "(method Properties x \"Store Type\")")]
    [InlineData("Ancestor(x, 1).Name", "(prop (call Ancestor x 1) Name)")]
    [InlineData("Ancestor(x, 1).[Foo].&[1]", "(prop (prop (call Ancestor x 1) [Foo]) &[1])")]
    [InlineData("([a]).Children", "(prop (paren [a]) Children)")]
    [InlineData("x.Fn()", "(method Fn x)")]
    public void CallsAndMemberAccess(string mdx, string expected) => Assert.Equal(expected, SyntaxDump.Parse(mdx));

    [Theory]
    [InlineData("{}", "{}")]
    [InlineData("{a, b}", "{a b}")]
    [InlineData("{(a, b), (c, d)}", "{(tuple a b) (tuple c d)}")]
    [InlineData("(a, b, c)", "(tuple a b c)")]
    [InlineData("(a)", "(paren a)")]
    [InlineData("((a))", "(paren (paren a))")]
    public void SetsTuplesAndParentheses(string mdx, string expected) => Assert.Equal(expected, SyntaxDump.Parse(mdx));

    [Theory]
    [InlineData("1", 1.0)]
    [InlineData("2.5", 2.5)]
    [InlineData(".3", 0.3)]
    [InlineData("1e3", 1000.0)]
    [InlineData("1.5E-2", 0.015)]
    [InlineData("2e+2", 200.0)]
    public void NumberLiterals(string mdx, double value)
    {
        var number = Assert.IsType<NumberLiteral>(MdxParser.ParseExpression(mdx).Expression);
        Assert.Equal(value, number.Value);
        Assert.Equal(mdx, number.Text);
    }

    [Theory]
    [InlineData("'it''s'", "it's")]
    [InlineData("\"say \"\"hi\"\"\"", "say \"hi\"")]
    [InlineData("\"it's\"", "it's")]
    [InlineData("'a \"b\"'", "a \"b\"")]
    [InlineData("''", "")]
    [InlineData("'line1\nline2'", "line1\nline2")]
    public void StringLiterals(string mdx, string value) =>
        Assert.Equal(value, Assert.IsType<StringLiteral>(MdxParser.ParseExpression(mdx).Expression).Value);

    [Theory]
    [InlineData("FILTER(x, y)", "FILTER")]
    [InlineData("iif(a, b, c)", "iif")]
    public void FunctionNamesKeepTheirSpellingAndCompareCaseInsensitively(string mdx, string name)
    {
        var call = Assert.IsType<FunctionCall>(MdxParser.ParseExpression(mdx).Expression);
        Assert.Equal(name, call.Name);
        Assert.True(MdxSyntaxEquality.AreEquivalent(call, MdxParser.ParseExpression(mdx.ToLowerInvariant()).Expression));
    }

    [Theory]
    [InlineData("1 -- comment\n+ 2", "(+ 1 2)")]
    [InlineData("1 // comment\r\n+ 2", "(+ 1 2)")]
    [InlineData("1 /* multi\nline */ + /**/ 2", "(+ 1 2)")]
    [InlineData("1 /**** stars ****/ + 2", "(+ 1 2)")]
    [InlineData("[a--b] + 'c//d'", "(+ [a--b] \"c//d\")")]
    [InlineData("-- leading\n1", "1")]
    public void CommentsAreTrivia(string mdx, string expected) => Assert.Equal(expected, SyntaxDump.Parse(mdx));
}
