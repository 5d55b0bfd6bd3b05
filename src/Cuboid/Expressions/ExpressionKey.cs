using Cuboid.Loading;

namespace Cuboid.Expressions;

/// <summary>
/// Text that identifies a row expression or a condition, for cache keys and for telling equal
/// aggregations apart. Not the public ToString: a Where expression and an is-null condition have
/// none, so two different ones would print alike and share cached cells.
/// </summary>
internal static class ExpressionKey
{
    public static string Of(ColumnExpression expression) => expression switch
    {
        WhereExpression w => $"where({Of(w.Condition)}, {Of(w.Then)}, {(w.Otherwise is null ? "null" : Of(w.Otherwise))})",
        ArithmeticExpression a => $"({Of(a.Left)} {"+-*/%"[(int)a.Operator]} {Of(a.Right)})",
        _ => expression.ToString() ?? "",
    };

    public static string Of(Condition condition) => condition switch
    {
        ComparisonCondition c => $"{Subject(c.Subject)} {ComparisonCondition.Symbol(c.Operator)} {Value(c.Value)}",
        IsInCondition i => $"{Subject(i.Subject)} {(i.Negated ? "not in" : "in")} ({string.Join(", ", i.Values.Select(Value))})",
        IsNullCondition n => $"{Subject(n.Subject)} is {(n.Negated ? "not " : "")}null",
        AndCondition a => "(" + string.Join(" & ", a.Operands.Select(Of)) + ")",
        OrCondition o => "(" + string.Join(" | ", o.Operands.Select(Of)) + ")",
        NotCondition n => $"!{Of(n.Operand)}",
        _ => condition.ToString() ?? "",
    };

    private static string Subject(object subject) => subject is ColumnExpression e ? Of(e) : subject.ToString() ?? "";

    private static string Value(object? value) => value is ColumnExpression e ? Of(e) : ValueConversion.Describe(value);
}
