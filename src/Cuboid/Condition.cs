namespace Cuboid;

/// <summary>What comparison operators say of an ordering.</summary>
internal static class ComparisonOperators
{
    /// <summary>Whether <paramref name="order"/> (a CompareTo result) satisfies the operator.</summary>
    public static bool Holds(this ComparisonOperator op, int order) => op switch
    {
        ComparisonOperator.Equal => order == 0,
        ComparisonOperator.NotEqual => order != 0,
        ComparisonOperator.Less => order < 0,
        ComparisonOperator.LessOrEqual => order <= 0,
        ComparisonOperator.Greater => order > 0,
        _ => order >= 0,
    };

    /// <summary>The comparison an MDX operator is, or null for the others.</summary>
    public static ComparisonOperator? FromMdx(Mdx.Syntax.BinaryOperator op) => op switch
    {
        Mdx.Syntax.BinaryOperator.Equal => ComparisonOperator.Equal,
        Mdx.Syntax.BinaryOperator.NotEqual => ComparisonOperator.NotEqual,
        Mdx.Syntax.BinaryOperator.Less => ComparisonOperator.Less,
        Mdx.Syntax.BinaryOperator.LessOrEqual => ComparisonOperator.LessOrEqual,
        Mdx.Syntax.BinaryOperator.Greater => ComparisonOperator.Greater,
        Mdx.Syntax.BinaryOperator.GreaterOrEqual => ComparisonOperator.GreaterOrEqual,
        _ => null,
    };
}

/// <summary>The comparison operators of conditions.</summary>
public enum ComparisonOperator
{
    /// <summary>==</summary>
    Equal,
    /// <summary>!=</summary>
    NotEqual,
    /// <summary>&lt;</summary>
    Less,
    /// <summary>&lt;=</summary>
    LessOrEqual,
    /// <summary>&gt;</summary>
    Greater,
    /// <summary>&gt;=</summary>
    GreaterOrEqual,
}

/// <summary>
/// A condition on columns (table filters, drops, join mappings, row-level expressions) or on
/// levels (query filters). Combine with <c>&amp;</c>, <c>|</c> and <c>!</c>. A comparison with
/// null is false, as in Atoti.
/// </summary>
public abstract class Condition
{
    private protected Condition()
    {
    }

    /// <summary>Both conditions.</summary>
    public static Condition operator &(Condition left, Condition right) => new AndCondition([.. Flatten<AndCondition>(left), .. Flatten<AndCondition>(right)]);

    /// <summary>Either condition.</summary>
    public static Condition operator |(Condition left, Condition right) => new OrCondition([.. Flatten<OrCondition>(left), .. Flatten<OrCondition>(right)]);

    /// <summary>The negation.</summary>
    public static Condition operator !(Condition condition) => new NotCondition(condition);

    /// <summary>Same as <c>&amp;</c>.</summary>
    public static Condition BitwiseAnd(Condition left, Condition right) => left & right;

    /// <summary>Same as <c>|</c>.</summary>
    public static Condition BitwiseOr(Condition left, Condition right) => left | right;

    /// <summary>Same as <c>!</c>.</summary>
    public static Condition LogicalNot(Condition condition) => !condition;

    /// <summary>Conditions can be written in <c>if</c> only through these operators; never true by itself.</summary>
    public static bool operator true(Condition condition) => false;

    /// <summary>See <see cref="op_True"/>.</summary>
    public static bool operator false(Condition condition) => false;

    /// <summary>What the leaf conditions test: levels, column expressions or measure definitions.</summary>
    internal IEnumerable<object> Subjects() => this switch
    {
        ComparisonCondition c => [c.Subject],
        IsInCondition i => [i.Subject],
        IsNullCondition n => [n.Subject],
        MeasureCondition m => [m.Left],
        Aggregation.MembersCondition m => [m.Level],
        CompositeCondition c => c.Operands.SelectMany(o => o.Subjects()),
        NotCondition n => n.Operand.Subjects(),
        _ => [this],
    };

    private static IEnumerable<Condition> Flatten<T>(Condition c) where T : CompositeCondition =>
        c is T composite ? composite.Operands : [c];
}

/// <summary>A column, level or expression compared with a value (or, for columns, with another column).</summary>
public sealed class ComparisonCondition : Condition
{
    internal ComparisonCondition(object subject, ComparisonOperator op, object? value)
    {
        Subject = subject;
        Operator = op;
        Value = value;
    }

    /// <summary>A <see cref="ColumnExpression"/> or a <see cref="Level"/>.</summary>
    public object Subject { get; }

    /// <summary>The operator.</summary>
    public ComparisonOperator Operator { get; }

    /// <summary>A constant, or a <see cref="Column"/> for column-to-column comparisons.</summary>
    public object? Value { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Subject} {Symbol(Operator)} {Loading.ValueConversion.Describe(Value)}";

    internal static string Symbol(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => "==",
        ComparisonOperator.NotEqual => "!=",
        ComparisonOperator.Less => "<",
        ComparisonOperator.LessOrEqual => "<=",
        ComparisonOperator.Greater => ">",
        _ => ">=",
    };
}

/// <summary>A column, level or expression whose value is one of a list (or, negated, none of it).</summary>
public sealed class IsInCondition : Condition
{
    internal IsInCondition(object subject, IReadOnlyList<object?> values, bool negated = false)
    {
        Subject = subject;
        Values = values;
        Negated = negated;
    }

    /// <summary>A <see cref="ColumnExpression"/> or a <see cref="Level"/>.</summary>
    public object Subject { get; }

    /// <summary>The accepted values.</summary>
    public IReadOnlyList<object?> Values { get; }

    /// <summary>True for "not in".</summary>
    public bool Negated { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Subject} {(Negated ? "not in" : "in")} ({string.Join(", ", Values.Select(Loading.ValueConversion.Describe))})";
}

/// <summary>A column or level that is null (or, negated, is not).</summary>
public sealed class IsNullCondition : Condition
{
    internal IsNullCondition(object subject, bool negated = false)
    {
        Subject = subject;
        Negated = negated;
    }

    /// <summary>A <see cref="ColumnExpression"/> or a <see cref="Level"/>.</summary>
    public object Subject { get; }

    /// <summary>True for "is not null".</summary>
    public bool Negated { get; }
}

/// <summary>AND or OR of several conditions.</summary>
public abstract class CompositeCondition : Condition
{
    private protected CompositeCondition(IReadOnlyList<Condition> operands) => Operands = operands;

    /// <summary>The combined conditions.</summary>
    public IReadOnlyList<Condition> Operands { get; }
}

/// <summary>All of its operands.</summary>
public sealed class AndCondition : CompositeCondition
{
    internal AndCondition(IReadOnlyList<Condition> operands) : base(operands)
    {
    }

    /// <inheritdoc/>
    public override string ToString() => "(" + string.Join(" & ", Operands) + ")";
}

/// <summary>Any of its operands.</summary>
public sealed class OrCondition : CompositeCondition
{
    internal OrCondition(IReadOnlyList<Condition> operands) : base(operands)
    {
    }

    /// <inheritdoc/>
    public override string ToString() => "(" + string.Join(" | ", Operands) + ")";
}

/// <summary>The negation of its operand.</summary>
public sealed class NotCondition : Condition
{
    internal NotCondition(Condition operand) => Operand = operand;

    /// <summary>The negated condition.</summary>
    public Condition Operand { get; }

    /// <inheritdoc/>
    public override string ToString() => $"!{Operand}";
}
