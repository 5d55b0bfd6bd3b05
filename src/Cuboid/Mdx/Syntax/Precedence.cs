namespace Cuboid.Mdx.Syntax;

/// <summary>
/// MDX operator precedence, loosest first. NOT sits between AND and the comparisons, so <c>NOT a = b</c> is
/// <c>NOT (a = b)</c> and <c>NOT a AND b</c> is <c>(NOT a) AND b</c>. The range <c>:</c> binds tightest of the binary
/// operators so <c>a : b * c</c> crossjoins the range. The parser and the printer share this table.
/// </summary>
internal static class Precedence
{
    public const int Alias = 0;
    public const int Or = 1;
    public const int And = 2;
    public const int Not = 3;
    public const int Comparison = 4;
    public const int Additive = 5;
    public const int Multiplicative = 6;
    public const int Range = 7;
    public const int Unary = 8;
    public const int Primary = 9;

    public static int Of(BinaryOperator op) => op switch
    {
        BinaryOperator.Or or BinaryOperator.Xor => Or,
        BinaryOperator.And => And,
        BinaryOperator.Multiply or BinaryOperator.Divide => Multiplicative,
        BinaryOperator.Add or BinaryOperator.Subtract or BinaryOperator.Concat => Additive,
        _ => Comparison,
    };

    public static int Of(MdxExpression expression) => expression switch
    {
        AliasExpression => Alias,
        BinaryExpression binary => Of(binary.Operator),
        UnaryExpression { Operator: UnaryOperator.Not } => Not,
        UnaryExpression => Unary,
        RangeExpression => Range,
        _ => Primary,
    };

    public static string Symbol(BinaryOperator op) => op switch
    {
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Concat => "||",
        BinaryOperator.Less => "<",
        BinaryOperator.LessOrEqual => "<=",
        BinaryOperator.Greater => ">",
        BinaryOperator.GreaterOrEqual => ">=",
        BinaryOperator.Equal => "=",
        BinaryOperator.NotEqual => "<>",
        BinaryOperator.Is => "IS",
        BinaryOperator.In => "IN",
        BinaryOperator.NotIn => "NOT IN",
        BinaryOperator.Matches => "MATCHES",
        BinaryOperator.And => "AND",
        BinaryOperator.Or => "OR",
        BinaryOperator.Xor => "XOR",
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    /// <summary>
    /// The binary operator <paramref name="token"/> stands for, if any; <c>:</c> is reported as <see cref="Range"/>
    /// with a null operator. IN and MATCHES are plain words, operators only here (<c>NOT IN</c> is two tokens:
    /// the parser joins them).
    /// </summary>
    public static int OfToken(Token token, out BinaryOperator? op)
    {
        if (token.IsWordText("IN") || token.IsWordText("MATCHES"))
        {
            op = token.IsWordText("IN") ? BinaryOperator.In : BinaryOperator.Matches;
            return Comparison;
        }
        (op, var precedence) = token.Kind switch
        {
            TokenKind.Star => (BinaryOperator.Multiply, Multiplicative),
            TokenKind.Slash => (BinaryOperator.Divide, Multiplicative),
            TokenKind.Plus => (BinaryOperator.Add, Additive),
            TokenKind.Minus => (BinaryOperator.Subtract, Additive),
            TokenKind.Concat => (BinaryOperator.Concat, Additive),
            TokenKind.Less => (BinaryOperator.Less, Comparison),
            TokenKind.LessOrEqual => (BinaryOperator.LessOrEqual, Comparison),
            TokenKind.Greater => (BinaryOperator.Greater, Comparison),
            TokenKind.GreaterOrEqual => (BinaryOperator.GreaterOrEqual, Comparison),
            TokenKind.Equal => (BinaryOperator.Equal, Comparison),
            TokenKind.NotEqual => (BinaryOperator.NotEqual, Comparison),
            TokenKind.Colon => ((BinaryOperator?)null, Range),
            TokenKind.Identifier => token.Keyword switch
            {
                Keyword.Is => (BinaryOperator.Is, Comparison),
                Keyword.And => (BinaryOperator.And, And),
                Keyword.Or => (BinaryOperator.Or, Or),
                Keyword.Xor => (BinaryOperator.Xor, Or),
                _ => (null, -1),
            },
            _ => (null, -1),
        };
        return precedence;
    }
}
