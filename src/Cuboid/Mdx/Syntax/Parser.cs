namespace Cuboid.Mdx.Syntax;

/// <summary>
/// Recursive-descent parser over a token list; expressions use precedence climbing (Parser.Expressions.cs).
/// Errors are reported once per position and replaced by <see cref="ErrorExpression"/> nodes; statement-level code
/// then skips to the next clause so one mistake does not bury the rest of the query in follow-on errors.
/// </summary>
internal sealed partial class Parser
{
    /// <summary>Deep enough for any real query, shallow enough that recursion cannot overflow the stack.</summary>
    private const int MaxDepth = 256;

    private readonly SourceText _source;
    private readonly List<Token> _tokens;
    private readonly List<MdxDiagnostic> _diagnostics;
    private readonly bool _inQuotedFormula;
    private int _index;
    private int _depth;
    private int _lastErrorOffset = -1;
    private bool _abandoned;

    public Parser(SourceText source, List<Token> tokens, List<MdxDiagnostic> diagnostics, bool inQuotedFormula)
    {
        _source = source;
        _tokens = tokens;
        _diagnostics = diagnostics;
        _inQuotedFormula = inQuotedFormula;
    }

    private Token Current => _tokens[_index];

    private Token Peek(int ahead) => _tokens[Math.Min(_index + ahead, _tokens.Count - 1)];

    private bool AtEnd => Current.Kind == TokenKind.EndOfInput;

    /// <summary>End offset of the last consumed token: where a node built so far ends.</summary>
    private int PreviousEnd => _index > 0 ? _tokens[_index - 1].Span.End : Current.Span.Start;

    private Token Advance()
    {
        var token = Current;
        if (token.Kind != TokenKind.EndOfInput) _index++;
        return token;
    }

    private bool At(TokenKind kind) => Current.Kind == kind;

    private bool At(Keyword keyword) => Current.Kind == TokenKind.Identifier && Current.Keyword == keyword;

    private bool Accept(TokenKind kind)
    {
        if (!At(kind)) return false;
        _index++;
        return true;
    }

    private bool Accept(Keyword keyword)
    {
        if (!At(keyword)) return false;
        _index++;
        return true;
    }

    private string Found => MdxDiagnostics.Describe(_source, Current, _inQuotedFormula);

    /// <summary>Where an error about the current token points: the token, or an empty span at the end of input.</summary>
    private TextSpan ErrorSpan => Current.Span;

    /// <summary>Consumes <paramref name="keyword"/> or reports "Expected KEYWORD, found …".</summary>
    private bool Expect(Keyword keyword)
    {
        if (Accept(keyword)) return true;
        Report(MdxDiagnostics.UnexpectedToken(_source, ErrorSpan, keyword.ToString().ToUpperInvariant(), Found));
        return false;
    }

    /// <summary>Consumes the closing <paramref name="kind"/> of a construct opened by <paramref name="open"/>, or reports it missing.</summary>
    private bool ExpectClose(TokenKind kind, string closer, string construct, Token open)
    {
        if (Accept(kind)) return true;
        Report(MdxDiagnostics.Unclosed(_source, ErrorSpan, closer, construct, open.Span.Start, Found));
        return false;
    }

    /// <summary>
    /// Records a diagnostic unless one was already reported at the same place, the current token is one the lexer
    /// already complained about, or parsing was abandoned.
    /// </summary>
    private void Report(MdxDiagnostic diagnostic)
    {
        if (_abandoned || diagnostic.Offset == _lastErrorOffset || Current.Kind == TokenKind.Bad) return;
        _lastErrorOffset = diagnostic.Offset;
        _diagnostics.Add(diagnostic);
    }

    /// <summary>Records a diagnostic about an earlier, well-formed part of the query (a duplicate axis, a repeated property).</summary>
    private void ReportEarlier(MdxDiagnostic diagnostic)
    {
        if (!_abandoned) _diagnostics.Add(diagnostic);
    }

    private ErrorExpression ReportExpectedExpression()
    {
        Report(MdxDiagnostics.ExpectedExpression(_source, ErrorSpan, Found));
        return new ErrorExpression(new TextSpan(Current.Span.Start, 0));
    }

    /// <summary>
    /// <paramref name="node"/>, or the nesting error at <paramref name="at"/> when the node made its tree
    /// deeper than the limit: chains (<c>1 + 1 + …</c>, <c>x.Lag(1).Lag(1)…</c>) are parsed in a loop, not
    /// by recursion, yet every level of their tree is a level for whatever walks it later.
    /// </summary>
    private MdxExpression Bounded(MdxExpression node, TextSpan at) => node.Depth > MaxDepth ? Abandon(at) : node;

    /// <summary>Stops parsing altogether (nesting limit): everything after is skipped without further diagnostics.</summary>
    private ErrorExpression Abandon() => Abandon(Current.Span);

    private ErrorExpression Abandon(TextSpan at)
    {
        Report(MdxDiagnostics.NestingTooDeep(_source, at, MaxDepth));
        _abandoned = true;
        _index = _tokens.Count - 1;
        return new ErrorExpression(new TextSpan(at.Start, 0));
    }

    /// <summary>
    /// Error recovery: skips tokens, stepping over bracketed groups, until one satisfies <paramref name="stop"/>
    /// at nesting depth zero. Reaching the end instead stops all further reporting.
    /// </summary>
    private void SkipUntil(Func<Token, bool> stop)
    {
        var depth = 0;
        while (!AtEnd)
        {
            var token = Current;
            if (depth == 0 && stop(token)) return;
            if (token.Kind is TokenKind.LeftParen or TokenKind.LeftBrace) depth++;
            else if (token.Kind is TokenKind.RightParen or TokenKind.RightBrace && depth > 0) depth--;
            _index++;
        }
        // Nothing after the error could be checked: whatever is "missing" at the end is a consequence of it.
        _abandoned = true;
    }

    /// <summary>Parses the whole token list as one expression (used for quoted formulas and <see cref="MdxParser.ParseExpression"/>).</summary>
    public MdxExpression ParseStandaloneExpression()
    {
        var expression = ParseExpression();
        if (!AtEnd)
        {
            Report(_inQuotedFormula
                ? MdxDiagnostics.TrailingFormulaInput(_source, ErrorSpan, Found)
                : MdxDiagnostics.TrailingInput(_source, ErrorSpan, Found));
        }
        return expression;
    }
}
