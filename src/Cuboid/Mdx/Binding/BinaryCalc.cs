using System.Text.RegularExpressions;
using Cuboid.Mdx.Execution;
using Cuboid.Mdx.Functions;
using Cuboid.Mdx.Syntax;

namespace Cuboid.Mdx.Binding;

/// <summary>
/// <c>a op b</c>. <c>*</c> of sets (or members) is a crossjoin, <c>+</c> and <c>-</c> of sets a union and a
/// difference; everything else is arithmetic, comparison or logic on values, with MDX's rules for empty cells.
/// </summary>
internal sealed class BinaryCalc(BinaryExpression syntax, Calc left, Calc right) : Calc(syntax, TypeOf(syntax.Operator, left, right), DependenciesOf(syntax.Operator, left, right))
{
    public BinaryOperator Operator { get; } = syntax.Operator;

    public Calc Left { get; } = left;

    public Calc Right { get; } = right;

    public override object? Evaluate(Evaluator e, MdxContext context)
    {
        switch (Operator)
        {
            case BinaryOperator.And: return Evaluator.AsBoolean(Value(e, Left, context)) && Evaluator.AsBoolean(Value(e, Right, context));
            case BinaryOperator.Or: return Evaluator.AsBoolean(Value(e, Left, context)) || Evaluator.AsBoolean(Value(e, Right, context));
            case BinaryOperator.Xor: return Evaluator.AsBoolean(Value(e, Left, context)) ^ Evaluator.AsBoolean(Value(e, Right, context));
            case BinaryOperator.Is: return Is(e.Evaluate(Left, context), e.Evaluate(Right, context));
            case BinaryOperator.In or BinaryOperator.NotIn: return In(e, context) ^ (Operator == BinaryOperator.NotIn);
            case BinaryOperator.Matches: return Matches(e, Evaluator.Text(Value(e, Left, context)), Evaluator.Text(Value(e, Right, context)));
        }
        var left = e.Evaluate(Left, context);
        var right = e.Evaluate(Right, context);
        if (Operator == BinaryOperator.Multiply && (Evaluator.IsSetLike(left) || Evaluator.IsSetLike(right)) && !(left is double || right is double))
        {
            return SetFunctions.CrossJoin(e, this, e.AsSet(left, Left), e.AsSet(right, Right));
        }
        if (Operator is BinaryOperator.Add or BinaryOperator.Subtract && left is MdxSet && right is MdxSet)
        {
            return Operator == BinaryOperator.Add ? SetFunctions.Union(e, this, e.AsSet(left, Left), e.AsSet(right, Right), all: false) : SetFunctions.Except(e.AsSet(left, Left), e.AsSet(right, Right));
        }
        var l = e.Scalar(left, context);
        var r = e.Scalar(right, context);
        return Operator switch
        {
            BinaryOperator.Concat => $"{Evaluator.Text(l)}{Evaluator.Text(r)}",
            BinaryOperator.Add when l is string || r is string => $"{Evaluator.Text(l)}{Evaluator.Text(r)}",
            _ when Evaluator.IsComparison(Operator) => Evaluator.Compares(Operator, l, r),
            _ => e.Arithmetic(Operator, l, r, this),
        };
    }

    private static object? Value(Evaluator e, Calc calc, MdxContext context) => e.Scalar(e.Evaluate(calc, context), context);

    /// <summary><c>member IN set</c> (Mondrian): whether the member, or tuple, is one of the set's.</summary>
    private bool In(Evaluator e, MdxContext context)
    {
        var value = e.Evaluate(Left, context);
        if (value is null) return false;
        MdxMember[] tuple = value is MdxMember[] t ? t : [e.MemberOf(value, Left, context)];
        return e.AsSet(e.Evaluate(Right, context), Right).Tuples.Any(other => TupleComparer.Instance.Equals(other, tuple));
    }

    /// <summary>
    /// <c>text MATCHES pattern</c>: a regular expression found in the text (Java's syntax, which .NET reads alike).
    /// A pattern gets a time limit, so that a catastrophic one fails the query instead of holding a core.
    /// </summary>
    private bool Matches(Evaluator e, string text, string pattern)
    {
        try
        {
            return Regex.IsMatch(text, pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(250));
        }
        catch (ArgumentException bad)
        {
            throw e.Error(this, MdxErrorCodes.BadRegularExpression, $"MATCHES: \"{pattern}\" is not a regular expression: {bad.Message}");
        }
        catch (RegexMatchTimeoutException)
        {
            throw e.Error(this, MdxErrorCodes.BadRegularExpression, $"MATCHES: the regular expression \"{pattern}\" took too long.");
        }
    }

    private static bool Is(object? left, object? right) => (left, right) switch
    {
        (MdxMember a, MdxMember b) => ReferenceEquals(a, b),
        (MdxLevel a, MdxLevel b) => ReferenceEquals(a, b),
        (MdxHierarchy a, MdxHierarchy b) => ReferenceEquals(a, b),
        (null, null) => true,
        _ => Equals(left, right),
    };

    /// <summary>Both sides sets, or members and tuples, under <c>*</c> (a crossjoin); both sets under <c>+</c> or <c>-</c>.</summary>
    private static bool IsSetOperation(BinaryOperator op, Calc left, Calc right) => op switch
    {
        BinaryOperator.Multiply => left.Type is MdxType.Set or MdxType.Member or MdxType.Tuple && right.Type is MdxType.Set or MdxType.Member or MdxType.Tuple,
        BinaryOperator.Add or BinaryOperator.Subtract => left.Type == MdxType.Set && right.Type == MdxType.Set,
        _ => false,
    };

    private static MdxType TypeOf(BinaryOperator op, Calc left, Calc right) => op switch
    {
        _ when IsSetOperation(op, left, right) => MdxType.Set,
        BinaryOperator.Concat => MdxType.String,
        BinaryOperator.Add when left.Type == MdxType.String || right.Type == MdxType.String => MdxType.String,
        BinaryOperator.Add or BinaryOperator.Subtract or BinaryOperator.Multiply or BinaryOperator.Divide =>
            left.Type.IsScalar() && right.Type.IsScalar() ? MdxType.Numeric : MdxType.Unknown,
        _ => MdxType.Logical,
    };

    private static Dependencies DependenciesOf(BinaryOperator op, Calc left, Calc right) => op switch
    {
        _ when IsSetOperation(op, left, right) => left.DependsOn.Union(right.DependsOn),
        BinaryOperator.Is => left.DependsOn.Union(right.DependsOn),
        _ => Operators.ReadsCells(left, right),
    };
}
