using Cuboid.Mdx.Binding;
using Cuboid.Mdx.Execution;
using Cuboid.Mdx.Syntax;

namespace Cuboid.Mdx.Functions;

/// <summary>Functions that return numbers, strings or booleans: aggregates over sets, Rank, IIf, CoalesceEmpty, IsEmpty.</summary>
internal static class ValueFunctions
{
    public static void Register()
    {
        FunctionTable.Add("Sum", (e, c, f) => Aggregate(e, c, f, values => values.Count == 0 ? null : values.Sum()));
        FunctionTable.Add("Aggregate", AggregateFunction);
        FunctionTable.Add("Avg", (e, c, f) => Aggregate(e, c, f, values => values.Count == 0 ? null : values.Average()));
        FunctionTable.Add("Min", (e, c, f) => Aggregate(e, c, f, values => values.Count == 0 ? null : values.Min()));
        FunctionTable.Add("Max", (e, c, f) => Aggregate(e, c, f, values => values.Count == 0 ? null : values.Max()));
        FunctionTable.Add("Count", Count, property: true);
        FunctionTable.Add("Rank", Rank);
        // Every dimension of a cube relates to its measures: the measure's value as it is (Mondrian's virtual cubes aside).
        FunctionTable.Add("ValidMeasure", (e, c, f) => e.EvaluateScalar(f[0], c));
        FunctionTable.Add("IIf", (e, c, f) => Evaluator.AsBoolean(e.EvaluateScalar(f[0], c)) ? e.Evaluate(f[1], c) : e.Evaluate(f[2], c));
        FunctionTable.Add("CoalesceEmpty", (e, c, f) => f.Arguments.Select(a => e.EvaluateScalar(a, c)).FirstOrDefault(v => v is not null));
        FunctionTable.Add("IsEmpty", (e, c, f) => e.EvaluateScalar(f[0], c) is null || e.EvaluateScalar(f[0], c) is string { Length: 0 });
    }

    /// <summary>Values of the numeric expression (or of the current cell) over a set; empty cells are left out.</summary>
    /// <summary>Aggregate(set [, measure]): a measure that adds up is the sum of the members' values; another one is computed over the whole set's facts (see <see cref="Evaluator.AggregateOver"/>).</summary>
    private static object? AggregateFunction(Evaluator e, MdxContext c, FunctionCallSite f)
    {
        var (set, alias) = SetFunctions.AliasedSet(e, c, f[0], f.Has(1) ? f[1] : null);
        if (alias is null && e.AggregateOver(set, f.Has(1) ? f[1] : null, c) is (true, var exact)) return exact;
        return Aggregate(e, c, f, values => values.Count == 0 ? null : values.Sum());
    }

    private static object? Aggregate(Evaluator e, MdxContext c, FunctionCallSite f, Func<List<double>, double?> combine)
    {
        var (set, alias) = SetFunctions.AliasedSet(e, c, f[0], f.Has(1) ? f[1] : null);
        var values = new List<double>();
        for (var i = 0; i < set.Count; i++)
        {
            var context = SetFunctions.Iteration(c, set, i, alias);
            var value = f.Has(1) ? e.EvaluateScalar(f[1], context) : e.CellValue(context);
            if (value is null) continue;
            values.Add(e.AsNumber(value, f.At));
        }
        return combine(values);
    }

    /// <summary>Count(set [, EXCLUDEEMPTY | INCLUDEEMPTY]); also set.Count and level/hierarchy .Count.</summary>
    private static object? Count(Evaluator e, MdxContext c, FunctionCallSite f)
    {
        var set = SetFunctions.Set(e, c, f[0]);
        if (f.Count > 1 && SetFunctions.IsSymbol(f[1], "EXCLUDEEMPTY")) return (double)set.Tuples.Count(t => e.CellValue(c.With(t)) is not null);
        return (double)set.Count;
    }

    /// <summary>Rank(tuple, set [, numeric]): 1-based position, or with a key, 1 + the number of tuples with a larger key (ties share a rank).</summary>
    private static object? Rank(Evaluator e, MdxContext c, FunctionCallSite f)
    {
        var value = e.Evaluate(f[0], c);
        if (value is null) return null;
        MdxMember[] tuple = value switch
        {
            MdxMember m => [m],
            MdxMember[] t => t,
            _ => throw e.Error(f[0], MdxErrorCodes.RankArgument, $"Rank takes a member or tuple; found {Evaluator.Describe(value)}."),
        };
        var set = SetFunctions.Set(e, c, f[1]);
        var index = set.Tuples.FindIndex(t => TupleComparer.Instance.Equals(t, tuple));
        if (!f.Has(2)) return (double)(index + 1);   // 0 when the tuple is not in the set
        // One more than the tuples of the set whose key is larger, in the order of Order (an empty key ranks
        // after every other); the tuple itself need not be in the set (Mondrian). The keys are read in bulk
        // when they are a measure.
        var keys = e.ValuesOver(set, f[2], c);
        SortKeys.Of(e, f[2], keys);   // a key that is not a number or a string is an error at it
        var mine = index >= 0 ? keys[index] : e.EvaluateScalar(f[2], c.With(tuple));
        var larger = 0;
        foreach (var key in keys)
        {
            if (SetFunctions.CompareKeys(key, mine) > 0) larger++;
        }
        return (double)(larger + 1);
    }
}
