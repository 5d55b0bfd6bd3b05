using System.Globalization;

namespace Cuboid.Mdx.Syntax;

// Axis specifications, property lists and quoted formulas.
internal sealed partial class Parser
{
    private AxisSpecification ParseAxis()
    {
        var start = Current.Span.Start;
        var nonEmpty = false;
        if (At(Keyword.Non))
        {
            Advance();
            if (Current.IsWordText("EMPTY")) Advance();
            else Report(MdxDiagnostics.UnexpectedToken(_source, ErrorSpan, "EMPTY after NON", Found));
            nonEmpty = true;
        }
        var set = ParseExpression();
        var properties = new List<IdentifierNode>();
        if (At(Keyword.Dimension) || At(Keyword.Properties)) ParseDimensionProperties(properties, afterAxis: false);

        var ordinal = -1;
        var axisNameSpan = new TextSpan(Current.Span.Start, 0);
        if (Expect(Keyword.On)) (ordinal, axisNameSpan) = ParseAxisName();
        // The standard puts DIMENSION PROPERTIES before ON; accept it after the axis name too.
        if (properties.Count == 0 && (At(Keyword.Dimension) || At(Keyword.Properties))) ParseDimensionProperties(properties, afterAxis: true);
        return new AxisSpecification(TextSpan.FromBounds(start, PreviousEnd), nonEmpty, set, ordinal, axisNameSpan, [.. properties]);
    }

    /// <summary>COLUMNS, ROWS, PAGES, SECTIONS, CHAPTERS, AXIS(n) or n; returns the ordinal (-1 if invalid) and the span of the name.</summary>
    private (int Ordinal, TextSpan Span) ParseAxisName()
    {
        var token = Current;
        if (token.Kind == TokenKind.Number)
        {
            Advance();
            return (AxisNumber(token), token.Span);
        }
        if (token.IsWordText("AXIS") && Peek(1).Kind == TokenKind.LeftParen)
        {
            Advance();
            var open = Advance();
            var ordinal = -1;
            if (At(TokenKind.Number)) ordinal = AxisNumber(Advance());
            else Report(MdxDiagnostics.UnexpectedToken(_source, ErrorSpan, "an axis number", Found));
            ExpectClose(TokenKind.RightParen, "')'", "axis number", open);
            return (ordinal, TextSpan.FromBounds(token.Span.Start, PreviousEnd));
        }
        if (token.IsPlainName)
        {
            Advance();
            var ordinal = AxisSpecification.OrdinalOf(token.Text);
            if (ordinal < 0) ReportEarlier(MdxDiagnostics.UnknownAxisName(_source, token.Span, token.Text, SuggestAxisName(token.Text)));
            return (ordinal, token.Span);
        }
        Report(MdxDiagnostics.UnexpectedToken(_source, ErrorSpan, "an axis name (" + MdxDiagnostics.AxisNames + ")", Found));
        return (-1, new TextSpan(token.Span.Start, 0));
    }

    private int AxisNumber(Token token)
    {
        if (int.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var ordinal)) return ordinal;
        ReportEarlier(MdxDiagnostics.InvalidAxisNumber(_source, token.Span));
        return -1;
    }

    /// <summary>The standard axis name within two edits of <paramref name="name"/> ("COLUMS" → COLUMNS), if any.</summary>
    private static string? SuggestAxisName(string name)
    {
        foreach (var candidate in AxisSpecification.Names)
        {
            if (EditDistance(name.ToUpperInvariant(), candidate) <= 2) return candidate;
        }
        return null;
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    private void ParseDimensionProperties(List<IdentifierNode> properties, bool afterAxis)
    {
        Accept(Keyword.Dimension);
        if (Expect(Keyword.Properties)) ParseNameList(properties, "a dimension property name", afterAxis);
    }

    /// <summary>
    /// <c>name, name, …</c>. After an axis name a comma may instead start the next axis, so there a name is only
    /// taken when what follows it ends the list (a comma, FROM, WHERE or the end).
    /// </summary>
    private void ParseNameList(List<IdentifierNode> names, string what, bool afterAxis)
    {
        names.Add(ParseCompoundName(what));
        while (At(TokenKind.Comma))
        {
            if (afterAxis && !NameEndsListAt(_index + 1)) return;
            Advance();
            names.Add(ParseCompoundName(what));
        }
    }

    private bool NameEndsListAt(int index)
    {
        if (!_tokens[index].IsNameStart) return false;
        index++;
        while (_tokens[index].Kind == TokenKind.Dot && _tokens[index + 1].IsSegment) index += 2;
        var next = _tokens[index];
        return next.Kind is TokenKind.Comma or TokenKind.EndOfInput || next.Keyword is Keyword.From or Keyword.Where;
    }

    /// <summary>
    /// The formula after AS. A single-quoted string is the formula text itself (the old, still common style): it is
    /// unescaped, lexed with a map from its characters back to query offsets, and parsed as an expression.
    /// </summary>
    private (MdxExpression Expression, bool Quoted) ParseFormula()
    {
        if (!(At(TokenKind.String) && Current.SingleQuoted)) return (ParseExpression(), false);
        var token = Advance();
        var contentStart = token.Span.Start + 1;
        var contentEnd = token.Span.End - 1;
        var map = OffsetMap(_source.Text, contentStart, contentEnd, token.Text.Length);
        var tokens = Lexer.Tokenize(token.Text, _source, contentStart, map, _diagnostics);
        var parser = new Parser(_source, tokens, _diagnostics, inQuotedFormula: true) { _depth = _depth };
        return (parser.ParseStandaloneExpression(), true);
    }

    /// <summary>
    /// Maps each character of the unescaped formula to its offset in the query, plus one entry for the end; null when
    /// nothing was escaped and offsets are simply shifted.
    /// </summary>
    private static int[]? OffsetMap(string text, int contentStart, int contentEnd, int unescapedLength)
    {
        if (unescapedLength == contentEnd - contentStart) return null;
        var map = new int[unescapedLength + 1];
        var j = 0;
        for (var i = contentStart; i < contentEnd && j < unescapedLength; i++, j++)
        {
            map[j] = i;
            if (text[i] == '\'' && i + 1 < contentEnd && text[i + 1] == '\'') i++;
        }
        map[unescapedLength] = contentEnd;
        return map;
    }
}
