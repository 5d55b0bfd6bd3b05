namespace Cuboid.Mdx.Syntax;

internal enum TokenKind : byte
{
    EndOfInput,
    /// <summary>A plain word: an identifier, a function name or a keyword (see <see cref="Token.Keyword"/>).</summary>
    Identifier,
    /// <summary><c>[name]</c>; the token text is the name with <c>]]</c> unescaped.</summary>
    BracketedIdentifier,
    /// <summary><c>&amp;[key]</c>; the token text is the key.</summary>
    BracketedKey,
    /// <summary><c>&amp;key</c> without brackets.</summary>
    PlainKey,
    /// <summary>A string literal; the token text is the value with doubled quotes unescaped.</summary>
    String,
    Number,
    LeftParen,
    RightParen,
    LeftBrace,
    RightBrace,
    Comma,
    Dot,
    Colon,
    Plus,
    Minus,
    Star,
    Slash,
    Concat,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    /// <summary>Text the lexer could not read; it has already reported a diagnostic.</summary>
    Bad,
}

/// <summary>Reserved words: they cannot start a plain identifier (but may follow a dot, as in <c>[Time].Dimension</c>).</summary>
internal enum Keyword : byte
{
    None,
    And,
    As,
    Case,
    Cell,
    Dimension,
    Drillthrough,
    Else,
    End,
    From,
    Is,
    Member,
    Non,
    Not,
    Null,
    On,
    Or,
    Properties,
    Select,
    Set,
    Then,
    When,
    Where,
    With,
    Xor,
}

/// <summary>One token. <see cref="Span"/> is in the original query text even for tokens lexed from a quoted formula.</summary>
internal readonly record struct Token(TokenKind Kind, TextSpan Span, string Text, Keyword Keyword = Keyword.None, bool SingleQuoted = false)
{
    public bool IsWord => Kind == TokenKind.Identifier;

    /// <summary>A plain word that is not reserved.</summary>
    public bool IsPlainName => Kind == TokenKind.Identifier && Keyword == Keyword.None;

    /// <summary>A token that can be a segment of a compound name after a dot (any word, reserved or not).</summary>
    public bool IsSegment => Kind is TokenKind.Identifier or TokenKind.BracketedIdentifier or TokenKind.BracketedKey or TokenKind.PlainKey;

    /// <summary>The token can begin a compound name (reserved words cannot).</summary>
    public bool IsNameStart => IsSegment && Keyword == Keyword.None;

    public bool IsWordText(string word) => Kind == TokenKind.Identifier && string.Equals(Text, word, StringComparison.OrdinalIgnoreCase);
}
