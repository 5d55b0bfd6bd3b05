using Cuboid.Mdx.Execution;
using Cuboid.Mdx.Functions;
using Cuboid.Mdx.Syntax;

namespace Cuboid.Mdx.Binding;

/// <summary><c>(x)</c>: a one-member tuple when x is a member, x itself otherwise.</summary>
internal sealed class ParenthesizedCalc(ParenthesizedExpression syntax, Calc inner)
    : Calc(syntax, inner.Type == MdxType.Member ? MdxType.Tuple : inner.Type, inner.DependsOn)
{
    public Calc Inner { get; } = inner;

    public override object? Evaluate(Evaluator evaluator, MdxContext context)
    {
        var inner = evaluator.Evaluate(Inner, context);
        return inner is MdxMember m ? new[] { m } : inner;
    }
}

/// <summary><c>set AS name</c>: the set; the function iterating over it binds the name to the tuple at hand.</summary>
internal sealed class AliasCalc(AliasExpression syntax, Calc inner) : Calc(syntax, inner.Type, inner.DependsOn)
{
    public Calc Inner { get; } = inner;

    public string Alias { get; } = syntax.Alias.Segments[^1].Name;

    public override object? Evaluate(Evaluator evaluator, MdxContext context) => evaluator.Evaluate(Inner, context);
}

/// <summary><c>(a, b, …)</c>: a tuple; a hierarchy in it stands for its current member.</summary>
internal sealed class TupleCalc(TupleLiteral syntax, IReadOnlyList<Calc> elements, Dependencies dependsOn) : Calc(syntax, MdxType.Tuple, dependsOn)
{
    public IReadOnlyList<Calc> Elements { get; } = elements;

    public override object? Evaluate(Evaluator evaluator, MdxContext context) =>
        evaluator.Tuple(Elements.Select(e => evaluator.Evaluate(e, context) is var value && value is MdxHierarchy { IsMeasures: false } h ? context.Current(h) : value), this);
}

/// <summary><c>{a, b, …}</c>: every element's tuples must have the same hierarchies in the same order, as in SSAS and Mondrian.</summary>
internal sealed class SetLiteralCalc(SetLiteral syntax, IReadOnlyList<Calc> elements, Dependencies dependsOn) : Calc(syntax, MdxType.Set, dependsOn)
{
    public IReadOnlyList<Calc> Elements { get; } = elements;

    public override object? Evaluate(Evaluator evaluator, MdxContext context)
    {
        var tuples = new List<MdxMember[]>();
        foreach (var element in Elements)
        {
            var part = evaluator.AsSet(evaluator.Evaluate(element, context), element).Tuples;
            if (part.Count > 0 && tuples.Count > 0 && !SameHierarchies(tuples[0], part[0]))
            {
                throw evaluator.Error(element, MdxErrorCodes.MixedSet, $"The members of a set must have the same hierarchies: {Shape(part[0])} follows {Shape(tuples[0])}.");
            }
            tuples.AddRange(part);
        }
        return new MdxSet(tuples);
    }

    private static bool SameHierarchies(MdxMember[] a, MdxMember[] b)
    {
        if (a.Length != b.Length) return false;
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i].Hierarchy != b[i].Hierarchy) return false;
        }
        return true;
    }

    private static string Shape(MdxMember[] tuple) => tuple.Length == 1 ? tuple[0].UniqueName : "(" + string.Join(", ", tuple.Select(m => m.UniqueName)) + ")";
}

/// <summary><c>a : b</c>: the members of one level from a to b; empty when either is missing.</summary>
internal sealed class RangeCalc(RangeExpression syntax, Calc start, Calc end) : Calc(syntax, MdxType.Set, start.DependsOn.Union(end.DependsOn))
{
    public override object? Evaluate(Evaluator evaluator, MdxContext context)
    {
        var startValue = evaluator.Evaluate(start, context);
        var endValue = evaluator.Evaluate(end, context);
        if (startValue is null || endValue is null) return MdxSet.Empty;
        var first = evaluator.AsMember(startValue, start);
        var last = evaluator.AsMember(endValue, end);
        if (ReferenceEquals(first, last)) return MdxSet.Of([first]);
        if (first.Hierarchy != last.Hierarchy || first.Depth != last.Depth || first.Kind != MemberKind.Regular || last.Kind != MemberKind.Regular)
        {
            throw evaluator.Error(this, MdxErrorCodes.BadRange, $"A range needs two members of one level: {first.UniqueName} and {last.UniqueName} are not.");
        }
        var members = first.Hierarchy.MembersAt(first.Depth);
        var (a, b) = (members.IndexOf(first), members.IndexOf(last));
        if (a > b) (a, b) = (b, a);
        return MdxSet.Of(members.Skip(a).Take(b - a + 1));
    }
}

/// <summary><c>-x</c>, <c>+x</c>, <c>NOT x</c>.</summary>
internal sealed class UnaryCalc(UnaryExpression syntax, Calc operand)
    : Calc(syntax, syntax.Operator == UnaryOperator.Not ? MdxType.Logical : MdxType.Numeric, Operators.ReadsCells(operand))
{
    public UnaryOperator Operator { get; } = syntax.Operator;

    public Calc Operand { get; } = operand;

    public override object? Evaluate(Evaluator evaluator, MdxContext context)
    {
        var value = evaluator.Scalar(evaluator.Evaluate(Operand, context), context);
        return Operator switch
        {
            UnaryOperator.Minus => value is null ? null : evaluator.AsNumber(value, this) is var x && x == 0 ? 0d : -x,
            UnaryOperator.Plus => value,
            _ => !Evaluator.AsBoolean(value),
        };
    }
}

/// <summary><c>CASE [operand] WHEN … THEN … [ELSE …] END</c>; members and tuples match by identity, anything else by value.</summary>
internal sealed class CaseCalc(CaseExpression syntax, Calc? operand, IReadOnlyList<(Calc When, Calc Then)> whens, Calc? otherwise)
    : Calc(syntax, MdxType.Unknown, Dependencies.Everything)
{
    public override object? Evaluate(Evaluator evaluator, MdxContext context)
    {
        var value = operand is null ? null : evaluator.Evaluate(operand, context);
        foreach (var (when, then) in whens)
        {
            var matched = operand is null
                ? Evaluator.AsBoolean(evaluator.Scalar(evaluator.Evaluate(when, context), context))
                : Matches(evaluator, value, evaluator.Evaluate(when, context), context);
            if (matched) return evaluator.Evaluate(then, context);
        }
        return otherwise is null ? null : evaluator.Evaluate(otherwise, context);
    }

    private static bool Matches(Evaluator evaluator, object? operand, object? candidate, MdxContext context)
    {
        if (operand is MdxMember or MdxMember[] && candidate is MdxMember or MdxMember[])
        {
            MdxMember[] a = operand is MdxMember m ? [m] : (MdxMember[])operand;
            MdxMember[] b = candidate is MdxMember n ? [n] : (MdxMember[])candidate;
            return TupleComparer.Instance.Equals(a, b);
        }
        return Evaluator.Compares(BinaryOperator.Equal, evaluator.Scalar(operand, context), evaluator.Scalar(candidate, context));
    }
}

internal static class Operators
{
    /// <summary>An operator that reads its operand as a value: a member or tuple there is a cell, which depends on every hierarchy.</summary>
    public static Dependencies ReadsCells(params Calc[] operands)
    {
        var dependencies = Dependencies.None;
        foreach (var operand in operands) dependencies = dependencies.Union(operand.Type.IsScalar() ? operand.DependsOn : Dependencies.Everything);
        return dependencies;
    }
}
