using System.Globalization;

namespace Cuboid.Mdx.Syntax;

// Operators by precedence climbing (see Precedence), then postfix member access and primaries.
internal sealed partial class Parser
{
    /// <summary>A full expression, including a trailing <c>AS alias</c>.</summary>
    private MdxExpression ParseExpression()
    {
        var expression = ParseBinary(Precedence.Or);
        while (At(Keyword.As) && Peek(1).IsNameStart)
        {
            Advance();
            var alias = ParseCompoundName("an alias name");
            expression = new AliasExpression(TextSpan.Cover(expression.Span, alias.Span), expression, alias);
        }
        return expression;
    }

    private MdxExpression ParseBinary(int minPrecedence)
    {
        if (++_depth > MaxDepth) return Abandon();
        try
        {
            var left = ParseUnary(minPrecedence);
            while (!_abandoned)
            {
                var precedence = Precedence.OfToken(Current, out var op);
                var notIn = At(Keyword.Not) && Peek(1).IsWordText("IN");
                if (notIn) (op, precedence) = (BinaryOperator.NotIn, Precedence.Comparison);
                if (precedence < minPrecedence) return left;
                if (op == BinaryOperator.Is && Peek(1).IsWordText("EMPTY"))
                {
                    // x IS EMPTY: IsEmpty(x).
                    Advance();
                    var empty = Advance();
                    left = new FunctionCall(TextSpan.Cover(left.Span, empty.Span), "IsEmpty", empty.Span, [left]);
                    continue;
                }
                var operatorSpan = Advance().Span;
                if (notIn) operatorSpan = TextSpan.Cover(operatorSpan, Advance().Span);
                // Left-associative: the right operand only takes tighter-binding operators.
                var right = ParseBinary(precedence + 1);
                var span = TextSpan.Cover(left.Span, right.Span);
                left = Bounded(op is { } binary ? new BinaryExpression(span, binary, left, right) : new RangeExpression(span, left, right), operatorSpan);
            }
            return left;
        }
        finally
        {
            _depth--;
        }
    }

    private MdxExpression ParseUnary(int minPrecedence)
    {
        var token = Current;
        var isNot = At(Keyword.Not);
        if (!isNot && token.Kind is not (TokenKind.Minus or TokenKind.Plus)) return ParsePostfix();
        if (++_depth > MaxDepth) return Abandon();
        try
        {
            Advance();
            if (!isNot)
            {
                var operand = ParseUnary(Precedence.Unary);
                var op = token.Kind == TokenKind.Minus ? UnaryOperator.Minus : UnaryOperator.Plus;
                return new UnaryExpression(TextSpan.Cover(token.Span, operand.Span), op, operand);
            }
            // "a + NOT b" is ambiguous about how far NOT reaches; like SQL, require parentheses. "NOT NOT a" is fine.
            if (minPrecedence > Precedence.Not) Report(MdxDiagnostics.NotNeedsParentheses(_source, token.Span));
            var negated = At(Keyword.Not) ? ParseUnary(Precedence.Not) : ParseBinary(Precedence.Comparison);
            return new UnaryExpression(TextSpan.Cover(token.Span, negated.Span), UnaryOperator.Not, negated);
        }
        finally
        {
            _depth--;
        }
    }

    /// <summary>A primary followed by <c>.Name</c>, <c>.[Name]</c>, <c>.&amp;[key]</c> or <c>.Method(args)</c>.</summary>
    private MdxExpression ParsePostfix()
    {
        var expression = ParsePrimary();
        // A name's further segments gather here and make one node: appending them one at a time would
        // copy the whole list each time (quadratic in a hostile name of 100,000 segments).
        List<IdentifierSegment>? segments = null;
        while (At(TokenKind.Dot))
        {
            var next = Peek(1);
            if (next.IsWord && Peek(2).Kind == TokenKind.LeftParen)
            {
                expression = WithSegments(expression, ref segments);
                Advance();
                var name = Advance();
                var arguments = ParseArguments("method call");
                expression = Bounded(new MethodCall(TextSpan.FromBounds(expression.Span.Start, PreviousEnd), expression, name.Text, name.Span, arguments), name.Span);
            }
            else if (next.IsSegment)
            {
                Advance();
                var segment = Segment(Advance());
                if (expression is IdentifierNode identifier) (segments ??= [.. identifier.Segments]).Add(segment);
                else expression = Bounded(new PropertyAccess(TextSpan.Cover(expression.Span, segment.Span), expression, segment), segment.Span);
            }
            else
            {
                Advance();
                Report(MdxDiagnostics.UnexpectedToken(_source, ErrorSpan, "a name after '.'", Found));
                break;
            }
        }
        return WithSegments(expression, ref segments);
    }

    /// <summary>The name with the segments gathered after it, if any (and none gathered any more).</summary>
    private static MdxExpression WithSegments(MdxExpression expression, ref List<IdentifierSegment>? segments)
    {
        if (segments is null) return expression;
        var named = new IdentifierNode(TextSpan.Cover(expression.Span, segments[^1].Span), segments);
        segments = null;
        return named;
    }

    private MdxExpression ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                Advance();
                return new NumberLiteral(token.Span, token.Text, double.Parse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture));
            case TokenKind.String:
                Advance();
                return new StringLiteral(token.Span, token.Text);
            case TokenKind.LeftBrace:
                return ParseSet();
            case TokenKind.LeftParen:
                return ParseParenthesized();
            case TokenKind.BracketedIdentifier or TokenKind.BracketedKey or TokenKind.PlainKey:
                Advance();
                return new IdentifierNode(token.Span, [Segment(token)]);
            case TokenKind.Identifier when token.Keyword == Keyword.Null:
                Advance();
                return new NullLiteral(token.Span);
            case TokenKind.Identifier when token.Keyword == Keyword.Case:
                return ParseCase();
            case TokenKind.Identifier when token.Keyword == Keyword.None:
                Advance();
                if (At(TokenKind.LeftParen))
                {
                    var arguments = ParseArguments("function call");
                    return new FunctionCall(TextSpan.FromBounds(token.Span.Start, PreviousEnd), token.Text, token.Span, arguments);
                }
                return new IdentifierNode(token.Span, [Segment(token)]);
            default:
                return ReportExpectedExpression();
        }
    }

    /// <summary><c>(a, , b)</c>: arguments may be omitted, which gives <see cref="EmptyExpression"/> nodes.</summary>
    private MdxExpression[] ParseArguments(string construct)
    {
        var open = Advance();
        if (Accept(TokenKind.RightParen)) return [];
        var arguments = new List<MdxExpression>();
        while (true)
        {
            arguments.Add(At(TokenKind.Comma) || At(TokenKind.RightParen)
                ? new EmptyExpression(new TextSpan(Current.Span.Start, 0))
                : ParseExpression());
            if (!Accept(TokenKind.Comma)) break;
        }
        ExpectClose(TokenKind.RightParen, "')'", construct, open);
        return [.. arguments];
    }

    private SetLiteral ParseSet()
    {
        var open = Advance();
        var elements = new List<MdxExpression>();
        if (!At(TokenKind.RightBrace))
        {
            do
            {
                elements.Add(ParseExpression());
            }
            while (Accept(TokenKind.Comma));
        }
        ExpectClose(TokenKind.RightBrace, "'}'", "set", open);
        return new SetLiteral(TextSpan.FromBounds(open.Span.Start, PreviousEnd), [.. elements]);
    }

    private MdxExpression ParseParenthesized()
    {
        var open = Advance();
        var first = ParseExpression();
        if (!At(TokenKind.Comma))
        {
            ExpectClose(TokenKind.RightParen, "')'", "parenthesized expression", open);
            return new ParenthesizedExpression(TextSpan.FromBounds(open.Span.Start, PreviousEnd), first);
        }
        var elements = new List<MdxExpression> { first };
        while (Accept(TokenKind.Comma)) elements.Add(ParseExpression());
        ExpectClose(TokenKind.RightParen, "')'", "tuple", open);
        return new TupleLiteral(TextSpan.FromBounds(open.Span.Start, PreviousEnd), [.. elements]);
    }

    private CaseExpression ParseCase()
    {
        var caseToken = Advance();
        var operand = At(Keyword.When) || At(Keyword.Else) || At(Keyword.End) ? null : ParseExpression();
        var whens = new List<CaseWhen>();
        while (At(Keyword.When))
        {
            var when = Advance();
            var condition = ParseExpression();
            var result = Expect(Keyword.Then) ? ParseExpression() : new ErrorExpression(new TextSpan(Current.Span.Start, 0));
            whens.Add(new CaseWhen(TextSpan.FromBounds(when.Span.Start, PreviousEnd), condition, result));
        }
        if (whens.Count == 0) Report(MdxDiagnostics.CaseWithoutWhen(_source, caseToken.Span));
        var otherwise = Accept(Keyword.Else) ? ParseExpression() : null;
        if (!Accept(Keyword.End)) Report(MdxDiagnostics.Unclosed(_source, ErrorSpan, "END", "CASE expression", caseToken.Span.Start, Found));
        return new CaseExpression(TextSpan.FromBounds(caseToken.Span.Start, PreviousEnd), operand, [.. whens], otherwise);
    }

    private static IdentifierSegment Segment(Token token) => new(
        token.Span,
        token.Text,
        IsQuoted: token.Kind is TokenKind.BracketedIdentifier or TokenKind.BracketedKey,
        IsKey: token.Kind is TokenKind.BracketedKey or TokenKind.PlainKey);

    /// <summary>A dotted name where only a name may appear (WITH MEMBER name, FROM cube, property lists).</summary>
    private IdentifierNode ParseCompoundName(string what)
    {
        if (!Current.IsNameStart)
        {
            Report(MdxDiagnostics.UnexpectedToken(_source, ErrorSpan, what, Found));
            return new IdentifierNode(new TextSpan(Current.Span.Start, 0), []);
        }
        var first = Advance();
        var segments = new List<IdentifierSegment> { Segment(first) };
        while (At(TokenKind.Dot) && Peek(1).IsSegment)
        {
            Advance();
            segments.Add(Segment(Advance()));
        }
        return new IdentifierNode(TextSpan.FromBounds(first.Span.Start, PreviousEnd), [.. segments]);
    }
}
