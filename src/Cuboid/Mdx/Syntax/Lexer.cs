namespace Cuboid.Mdx.Syntax;

/// <summary>
/// Turns MDX text into tokens in one pass, without regular expressions. It also lexes the unescaped text of a quoted
/// formula (<c>AS '…'</c>); <c>_map</c> then translates offsets in that text back to the original query.
/// </summary>
internal sealed partial class Lexer
{
    private static readonly Dictionary<string, Keyword> s_keywords = CreateKeywords();

    private readonly string _text;
    private readonly SourceText _source;
    private readonly int _baseOffset;
    private readonly int[]? _map;
    private readonly List<MdxDiagnostic> _diagnostics;
    private int _pos;

    private Lexer(string text, SourceText source, int baseOffset, int[]? map, List<MdxDiagnostic> diagnostics)
    {
        _text = text;
        _source = source;
        _baseOffset = baseOffset;
        _map = map;
        _diagnostics = diagnostics;
    }

    /// <summary>Tokens of the whole query; the last one is <see cref="TokenKind.EndOfInput"/>.</summary>
    public static List<Token> Tokenize(SourceText source, List<MdxDiagnostic> diagnostics) =>
        new Lexer(source.Text, source, 0, null, diagnostics).Run();

    /// <summary>
    /// Tokens of <paramref name="text"/>, a fragment of the query whose character i sits at <c>map[i]</c> in the query
    /// (or at <c>baseOffset + i</c> when <paramref name="map"/> is null; <c>map</c> has one extra entry for the end).
    /// </summary>
    public static List<Token> Tokenize(string text, SourceText source, int baseOffset, int[]? map, List<MdxDiagnostic> diagnostics) =>
        new Lexer(text, source, baseOffset, map, diagnostics).Run();

    private List<Token> Run()
    {
        var tokens = new List<Token>(_text.Length / 5 + 4);
        var previous = TokenKind.EndOfInput;
        while (true)
        {
            SkipTrivia();
            if (_pos >= _text.Length)
            {
                tokens.Add(new Token(TokenKind.EndOfInput, Span(_pos, _pos), ""));
                return tokens;
            }
            var token = Next(previous);
            tokens.Add(token);
            previous = token.Kind;
        }
    }

    private Token Next(TokenKind previous)
    {
        var start = _pos;
        var c = _text[_pos];
        if (char.IsLetter(c) || c == '_') return Word(start);
        // ".5" is a number, but in "[a].[b]" or "x.Name" the dot follows a name and is member access.
        if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(PeekChar(1)) && !CanPrecedeDot(previous))) return Number(start);
        switch (c)
        {
            case '[': return Bracketed(start, start, TokenKind.BracketedIdentifier);
            case '&': return Key(start);
            case '\'' or '"': return StringLiteral(start, c);
            case '(': return Single(TokenKind.LeftParen, "(");
            case ')': return Single(TokenKind.RightParen, ")");
            case '{': return Single(TokenKind.LeftBrace, "{");
            case '}': return Single(TokenKind.RightBrace, "}");
            case ',': return Single(TokenKind.Comma, ",");
            case '.': return Single(TokenKind.Dot, ".");
            case ':': return Single(TokenKind.Colon, ":");
            case '+': return Single(TokenKind.Plus, "+");
            case '-': return Single(TokenKind.Minus, "-");
            case '*': return Single(TokenKind.Star, "*");
            case '/': return Single(TokenKind.Slash, "/");
            case '=': return Single(TokenKind.Equal, "=");
            case '|' when PeekChar(1) == '|': return Double(TokenKind.Concat, "||");
            case '<' when PeekChar(1) == '=': return Double(TokenKind.LessOrEqual, "<=");
            case '<' when PeekChar(1) == '>': return Double(TokenKind.NotEqual, "<>");
            case '<': return Single(TokenKind.Less, "<");
            case '>' when PeekChar(1) == '=': return Double(TokenKind.GreaterOrEqual, ">=");
            case '>': return Single(TokenKind.Greater, ">");
            default:
                _pos++;
                var span = Span(start, _pos);
                _diagnostics.Add(MdxDiagnostics.UnexpectedCharacter(_source, span, c));
                return new Token(TokenKind.Bad, span, c.ToString());
        }
    }

    private static bool CanPrecedeDot(TokenKind kind) => kind is TokenKind.Identifier or TokenKind.BracketedIdentifier
        or TokenKind.BracketedKey or TokenKind.PlainKey or TokenKind.RightParen or TokenKind.RightBrace or TokenKind.Number;

    private Token Single(TokenKind kind, string text)
    {
        _pos++;
        return new Token(kind, Span(_pos - 1, _pos), text);
    }

    private Token Double(TokenKind kind, string text)
    {
        _pos += 2;
        return new Token(kind, Span(_pos - 2, _pos), text);
    }

    private Token Word(int start)
    {
        _pos++;
        while (_pos < _text.Length && IsWordPart(_text[_pos])) _pos++;
        var text = _text.Substring(start, _pos - start);
        s_keywords.TryGetValue(text, out var keyword);
        return new Token(TokenKind.Identifier, Span(start, _pos), text, keyword);
    }

    private static bool IsWordPart(char c) => char.IsLetterOrDigit(c) || c == '_';

    private char PeekChar(int ahead) => _pos + ahead < _text.Length ? _text[_pos + ahead] : '\0';

    private void SkipTrivia()
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (char.IsWhiteSpace(c))
            {
                _pos++;
            }
            else if ((c == '-' && PeekChar(1) == '-') || (c == '/' && PeekChar(1) == '/'))
            {
                while (_pos < _text.Length && _text[_pos] is not ('\n' or '\r')) _pos++;
            }
            else if (c == '/' && PeekChar(1) == '*')
            {
                var end = _text.IndexOf("*/", _pos + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    _diagnostics.Add(MdxDiagnostics.UnterminatedComment(_source, Span(_pos, _pos + 2)));
                    _pos = _text.Length;
                }
                else
                {
                    _pos = end + 2;
                }
            }
            else
            {
                return;
            }
        }
    }

    /// <summary>The span in the original query of the characters [start, end) of the text being lexed.</summary>
    private TextSpan Span(int start, int end) =>
        _map is null ? new TextSpan(_baseOffset + start, end - start) : TextSpan.FromBounds(_map[start], _map[end]);

    private static Dictionary<string, Keyword> CreateKeywords()
    {
        var keywords = new Dictionary<string, Keyword>(StringComparer.OrdinalIgnoreCase);
        foreach (var keyword in Enum.GetValues<Keyword>())
        {
            if (keyword != Keyword.None) keywords[keyword.ToString()] = keyword;
        }
        return keywords;
    }
}
