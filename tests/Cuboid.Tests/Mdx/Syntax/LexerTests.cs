using Cuboid.Mdx.Syntax;

namespace Cuboid.Tests.Mdx.Syntax;

public sealed class LexerTests
{
    private static List<Token> Lex(string text, out List<MdxDiagnostic> diagnostics)
    {
        diagnostics = [];
        return Lexer.Tokenize(new SourceText(text), diagnostics);
    }

    private static string Kinds(string text) => string.Join(" ", Lex(text, out _).Select(t => t.Kind));

    [Theory]
    [InlineData("a.b", "Identifier Dot Identifier EndOfInput")]
    [InlineData("[a].&[1].&2", "BracketedIdentifier Dot BracketedKey Dot PlainKey EndOfInput")]
    [InlineData("< <= <> > >= = || + - * / : , ( ) { }", "Less LessOrEqual NotEqual Greater GreaterOrEqual Equal Concat Plus Minus Star Slash Colon Comma LeftParen RightParen LeftBrace RightBrace EndOfInput")]
    [InlineData(".5 + x.5", "Number Plus Identifier Dot Number EndOfInput")]
    [InlineData("(.3)", "LeftParen Number RightParen EndOfInput")]
    [InlineData("1.x", "Number Dot Identifier EndOfInput")]
    [InlineData("'a' \"b\"", "String String EndOfInput")]
    [InlineData("a -- b\nc // d\r\ne /* f */ g", "Identifier Identifier Identifier Identifier EndOfInput")]
    [InlineData("  \t\n ", "EndOfInput")]
    [InlineData("Ünïcode_1", "Identifier EndOfInput")]
    public void TokenKinds(string text, string kinds) => Assert.Equal(kinds, Kinds(text));

    [Fact]
    public void TokensCarryUnescapedTextAndSpans()
    {
        var tokens = Lex("[a]]b] 'c''d' \"e\"\"f\" &[g]]] &h 1.5e3", out var diagnostics);
        Assert.Empty(diagnostics);
        Assert.Equal(["a]b", "c'd", "e\"f", "g]", "h", "1.5e3", ""], tokens.Select(t => t.Text));
        Assert.Equal([new TextSpan(0, 6), new TextSpan(7, 6), new TextSpan(14, 6), new TextSpan(21, 6), new TextSpan(28, 2), new TextSpan(31, 5), new TextSpan(36, 0)], tokens.Select(t => t.Span));
        Assert.True(tokens[1].SingleQuoted);
        Assert.False(tokens[2].SingleQuoted);
    }

    [Theory]
    [InlineData("select", "Select")]
    [InlineData("SeLeCt", "Select")]
    [InlineData("Non", "Non")]
    [InlineData("columns", "None")]
    [InlineData("Filter", "None")]
    public void KeywordsAreRecognisedCaseInsensitively(string word, string keyword)
    {
        var token = Lex(word, out _)[0];
        Assert.Equal(TokenKind.Identifier, token.Kind);
        Assert.Equal(keyword, token.Keyword.ToString());
        Assert.Equal(word, token.Text);
    }

    [Theory]
    [InlineData("$x", "MDX0001")]
    [InlineData("a | b", "MDX0001")]
    [InlineData("'abc", "MDX0002")]
    [InlineData("\"abc''", "MDX0002")]
    [InlineData("[abc]]", "MDX0003")]
    [InlineData("/* abc *", "MDX0004")]
    [InlineData("1e+", "MDX0005")]
    [InlineData("& x", "MDX0006")]
    public void LexicalErrors(string text, string code)
    {
        Lex(text, out var diagnostics);
        Assert.Equal(code, Assert.Single(diagnostics).Code);
    }
}
