using Cuboid.Mdx.Syntax;

namespace Cuboid.ModelFiles;

/// <summary>
/// Turns a measure's row-level expression, written in MDX expression syntax, into a
/// <see cref="ColumnExpression"/>: names are columns (<c>[unit_sales]</c>, <c>[product].[SRP]</c>),
/// with numbers, + - * /, comparisons, AND / OR / NOT and CASE (→ <see cref="Fn.Where(Condition, ColumnExpression, ColumnExpression?)"/>).
/// </summary>
internal sealed class RowExpressionBinder
{
    private readonly ModelContext _context;
    private readonly ColumnResolver _columns;
    private readonly string _path;
    private readonly SourceText _source;

    private RowExpressionBinder(ModelContext context, ColumnResolver columns, string path, SourceText source)
    {
        _context = context;
        _columns = columns;
        _path = path;
        _source = source;
    }

    public static ColumnExpression Bind(ModelContext context, ColumnResolver columns, string text, string path)
    {
        var parsed = MdxParser.ParseExpression(text);
        if (parsed.HasErrors) throw context.Error(path, $"'{text}': {string.Join("; ", parsed.Diagnostics.Select(d => d.ToString()))}");
        return new RowExpressionBinder(context, columns, path, parsed.Source).Value(parsed.Expression);
    }

    private ColumnExpression Value(MdxExpression e) => e switch
    {
        NumberLiteral n => Fn.Constant(n.Value),
        IdentifierNode id => Column(id),
        ParenthesizedExpression p => Value(p.Inner),
        UnaryExpression { Operator: UnaryOperator.Minus } u => -Value(u.Operand),
        UnaryExpression { Operator: UnaryOperator.Plus } u => Value(u.Operand),
        BinaryExpression { Operator: BinaryOperator.Add } b => Value(b.Left) + Value(b.Right),
        BinaryExpression { Operator: BinaryOperator.Subtract } b => Value(b.Left) - Value(b.Right),
        BinaryExpression { Operator: BinaryOperator.Multiply } b => Value(b.Left) * Value(b.Right),
        BinaryExpression { Operator: BinaryOperator.Divide } b => Value(b.Left) / Value(b.Right),
        CaseExpression c => Case(c, 0) ?? throw Unsupported(c, "a value"),
        _ => throw Unsupported(e, "a value"),
    };

    /// <summary>CASE WHEN a THEN x WHEN b THEN y ELSE z END → Where(a, x, Where(b, y, z)); a simple CASE compares its operand.</summary>
    private ColumnExpression? Case(CaseExpression c, int index)
    {
        if (index == c.Whens.Count) return c.Else is null or NullLiteral ? null : Value(c.Else);
        var when = c.Whens[index];
        var condition = c.Operand is null ? Condition(when.When) : Compare(BinaryOperator.Equal, c.Operand, when.When, when.Span);
        return Fn.Where(condition, Value(when.Then), Case(c, index + 1));
    }

    private Condition Condition(MdxExpression e) => e switch
    {
        ParenthesizedExpression p => Condition(p.Inner),
        UnaryExpression { Operator: UnaryOperator.Not } u => !Condition(u.Operand),
        BinaryExpression { Operator: BinaryOperator.And } b => Condition(b.Left) & Condition(b.Right),
        BinaryExpression { Operator: BinaryOperator.Or } b => Condition(b.Left) | Condition(b.Right),
        BinaryExpression b when ComparisonOperators.FromMdx(b.Operator) is not null || b.Operator == BinaryOperator.Is => Compare(b.Operator, b.Left, b.Right, b.Span),
        _ => throw Unsupported(e, "a condition"),
    };

    private Condition Compare(BinaryOperator op, MdxExpression left, MdxExpression right, TextSpan span)
    {
        // A constant on the left reads as the mirrored comparison: 0 < [x] is [x] > 0.
        if (IsConstant(left) && !IsConstant(right)) return Compare(Mirror(op), right, left, span);
        var subject = Value(left);
        if (right is NullLiteral)
        {
            return op switch
            {
                BinaryOperator.Equal or BinaryOperator.Is => subject.IsNull(),
                BinaryOperator.NotEqual => subject.IsNotNull(),
                _ => throw _context.Error(_path, $"'{_source[span]}': only = NULL, <> NULL and IS NULL compare with NULL."),
            };
        }
        object value = right switch
        {
            NumberLiteral n when n.Value == Math.Floor(n.Value) && Math.Abs(n.Value) <= int.MaxValue => (int)n.Value,
            NumberLiteral n => n.Value,
            StringLiteral s => s.Value,
            IdentifierNode id => Column(id),
            ParenthesizedExpression { Inner: IdentifierNode id } => Column(id),
            _ => throw _context.Error(_path, $"'{_source[span]}': a comparison's right side must be a number, a string, NULL or a column."),
        };
        return (ComparisonOperators.FromMdx(op) ?? throw Unsupported(right, "a comparison")) switch
        {
            ComparisonOperator.Equal => subject == value,
            ComparisonOperator.NotEqual => subject != value,
            ComparisonOperator.Less => subject < value,
            ComparisonOperator.LessOrEqual => subject <= value,
            ComparisonOperator.Greater => subject > value,
            _ => subject >= value,
        };
    }

    private Column Column(IdentifierNode id)
    {
        if (id.Segments.Any(s => s.IsKey)) throw Unsupported(id, "a column name");
        return id.Segments.Count switch
        {
            1 => _columns.Resolve(null, id.Segments[0].Name, _path),
            2 => _columns.Resolve(id.Segments[0].Name, id.Segments[1].Name, _path),
            _ => throw _context.Error(_path, $"'{_source[id.Span]}' is not a column: write [column] or [table].[column]."),
        };
    }

    private static bool IsConstant(MdxExpression e) => e is NumberLiteral or StringLiteral or NullLiteral;

    private static BinaryOperator Mirror(BinaryOperator op) => op switch
    {
        BinaryOperator.Less => BinaryOperator.Greater,
        BinaryOperator.LessOrEqual => BinaryOperator.GreaterOrEqual,
        BinaryOperator.Greater => BinaryOperator.Less,
        BinaryOperator.GreaterOrEqual => BinaryOperator.LessOrEqual,
        _ => op,
    };

    private ModelFileException Unsupported(MdxExpression e, string what) =>
        _context.Error(_path, $"'{_source[e.Span]}' is not supported as {what} in a row-level expression (columns, numbers, + - * /, comparisons, AND/OR/NOT, CASE).");
}
