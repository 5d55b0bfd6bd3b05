namespace Cuboid.Mdx.Syntax;

/// <summary>An expression. The parser does not type expressions: <c>a * b</c> may be a product or a crossjoin.</summary>
internal abstract record MdxExpression(TextSpan Span) : MdxNode(Span)
{
    /// <summary>
    /// The levels of the tree from this node down (a leaf: 1), computed as the node is built, so the
    /// parser bounds every tree's depth — and with it every recursive walk — without a walk of its own.
    /// </summary>
    public virtual int Depth => 1;

    /// <summary>Every name in the expression, in the order written.</summary>
    public IEnumerable<IdentifierNode> Identifiers() => Nodes().OfType<IdentifierNode>();

    /// <summary>The expression and every expression inside it, in the order written (the parser bounds the depth, and so this walk's).</summary>
    public IEnumerable<MdxExpression> Nodes() => Walk(this);

    private static IEnumerable<MdxExpression> Walk(MdxExpression? expression)
    {
        if (expression is null) return [];
        IEnumerable<MdxExpression?> children = expression switch
        {
            FunctionCall f => f.Arguments,
            MethodCall m => [m.Target, .. m.Arguments],
            PropertyAccess p => [p.Target],
            SetLiteral s => s.Elements,
            TupleLiteral t => t.Elements,
            ParenthesizedExpression p => [p.Inner],
            RangeExpression r => [r.Start, r.End],
            UnaryExpression u => [u.Operand],
            BinaryExpression b => [b.Left, b.Right],
            CaseExpression c => CaseParts(c),
            AliasExpression a => [a.Expression],
            _ => [],
        };
        return children.SelectMany(Walk).Prepend(expression);
    }

    private static IEnumerable<MdxExpression?> CaseParts(CaseExpression c)
    {
        yield return c.Operand;
        foreach (var when in c.Whens)
        {
            yield return when.When;
            yield return when.Then;
        }
        yield return c.Else;
    }

    /// <summary>One more than the deepest of <paramref name="children"/> (1 without any).</summary>
    protected static int Above(params IEnumerable<MdxExpression?> children)
    {
        var deepest = 0;
        foreach (var child in children) deepest = Math.Max(deepest, child?.Depth ?? 0);
        return deepest + 1;
    }
}

/// <summary>
/// One part of a compound name. <see cref="IsQuoted"/>: written in brackets; <see cref="IsKey"/>: a member key
/// (<c>&amp;[12]</c> or <c>&amp;12</c>). <see cref="Name"/> is unescaped (<c>]]</c> becomes <c>]</c>).
/// </summary>
internal sealed record IdentifierSegment(TextSpan Span, string Name, bool IsQuoted, bool IsKey);

/// <summary>
/// A name such as <c>[Time].[1997].[Q1]</c>, <c>Time.[1997]</c> or <c>[Store].&amp;[12]</c>. Dotted chains are kept
/// whole: in <c>[Time].[1997].Children</c> the binder decides that the unquoted trailing <c>Children</c> is a property.
/// </summary>
internal sealed record IdentifierNode(TextSpan Span, IReadOnlyList<IdentifierSegment> Segments) : MdxExpression(Span);

/// <summary><c>Name(arguments)</c>. An omitted argument (<c>Fn(a, , b)</c>) is an <see cref="EmptyExpression"/>.</summary>
internal sealed record FunctionCall(TextSpan Span, string Name, TextSpan NameSpan, IReadOnlyList<MdxExpression> Arguments) : MdxExpression(Span)
{
    public override int Depth { get; } = Above(Arguments);
}

/// <summary><c>target.Name(arguments)</c>, such as <c>[Time].CurrentMember.Lag(1)</c>.</summary>
internal sealed record MethodCall(TextSpan Span, MdxExpression Target, string Name, TextSpan NameSpan, IReadOnlyList<MdxExpression> Arguments) : MdxExpression(Span)
{
    public override int Depth { get; } = Above([Target, .. Arguments]);
}

/// <summary>
/// <c>target.Name</c> where the target is not a plain name (a call, a parenthesized expression…), e.g.
/// <c>Ancestor(x, 1).Name</c>. After a plain name the segment extends the <see cref="IdentifierNode"/> instead.
/// </summary>
internal sealed record PropertyAccess(TextSpan Span, MdxExpression Target, IdentifierSegment Property) : MdxExpression(Span)
{
    public override int Depth { get; } = Above(Target);
}

/// <summary><c>{a, b, …}</c>, possibly empty.</summary>
internal sealed record SetLiteral(TextSpan Span, IReadOnlyList<MdxExpression> Elements) : MdxExpression(Span)
{
    public override int Depth { get; } = Above(Elements);
}

/// <summary><c>(a, b, …)</c> with at least two elements.</summary>
internal sealed record TupleLiteral(TextSpan Span, IReadOnlyList<MdxExpression> Elements) : MdxExpression(Span)
{
    public override int Depth { get; } = Above(Elements);
}

/// <summary><c>(a)</c>: a parenthesized expression or a one-member tuple; the binder decides.</summary>
internal sealed record ParenthesizedExpression(TextSpan Span, MdxExpression Inner) : MdxExpression(Span)
{
    public override int Depth { get; } = Above(Inner);
}

/// <summary><c>a : b</c>.</summary>
internal sealed record RangeExpression(TextSpan Span, MdxExpression Start, MdxExpression End) : MdxExpression(Span)
{
    public override int Depth { get; } = Above(Start, End);
}

internal enum UnaryOperator
{
    Minus,
    Plus,
    Not,
}

internal sealed record UnaryExpression(TextSpan Span, UnaryOperator Operator, MdxExpression Operand) : MdxExpression(Span)
{
    public override int Depth { get; } = Above(Operand);
}

internal enum BinaryOperator
{
    Multiply,
    Divide,
    Add,
    Subtract,
    Concat,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Equal,
    NotEqual,
    Is,
    In,
    NotIn,
    Matches,
    And,
    Or,
    Xor,
}

internal sealed record BinaryExpression(TextSpan Span, BinaryOperator Operator, MdxExpression Left, MdxExpression Right) : MdxExpression(Span)
{
    public override int Depth { get; } = Above(Left, Right);
}

/// <summary><c>CASE [operand] WHEN … THEN … [ELSE …] END</c>; <see cref="Operand"/> is null for a searched CASE.</summary>
internal sealed record CaseExpression(TextSpan Span, MdxExpression? Operand, IReadOnlyList<CaseWhen> Whens, MdxExpression? Else) : MdxExpression(Span)
{
    public override int Depth { get; } = Above([Operand, Else, .. Whens.SelectMany(w => new[] { w.When, w.Then })]);
}

internal sealed record CaseWhen(TextSpan Span, MdxExpression When, MdxExpression Then) : MdxNode(Span);

/// <summary><c>expr AS alias</c>, as in <c>Filter([Customers].Children AS t, …)</c>.</summary>
internal sealed record AliasExpression(TextSpan Span, MdxExpression Expression, IdentifierNode Alias) : MdxExpression(Span)
{
    public override int Depth { get; } = Above(Expression);
}

/// <summary>A literal value.</summary>
internal abstract record Literal(TextSpan Span) : MdxExpression(Span);

/// <summary>A number; <see cref="Text"/> is as written (the printer reproduces it), <see cref="Value"/> its value.</summary>
internal sealed record NumberLiteral(TextSpan Span, string Text, double Value) : Literal(Span);

/// <summary>A string in single or double quotes, unescaped.</summary>
internal sealed record StringLiteral(TextSpan Span, string Value) : Literal(Span);

internal sealed record NullLiteral(TextSpan Span) : Literal(Span);

/// <summary>An omitted function argument, as in <c>Fn(a, , b)</c>; its span is empty.</summary>
internal sealed record EmptyExpression(TextSpan Span) : MdxExpression(Span);

/// <summary>Stands in for an expression that could not be parsed; a diagnostic has been reported.</summary>
internal sealed record ErrorExpression(TextSpan Span) : MdxExpression(Span);
