using Cuboid.Mdx.Execution;

namespace Cuboid.Mdx.Functions;

/// <summary>
/// A session's plug-in functions (<see cref="Session.Functions"/>) as MDX functions: a measure function on its numeric
/// arguments, an aggregation function over a set's cells (<c>GeoMean(set[, numeric])</c>, as Sum and Avg are). The binder
/// asks here for a name MDX does not know.
/// </summary>
internal static class PluginFunctions
{
    public static bool TryGet(SessionFunctions functions, string name, out FunctionSignature signature, out MdxFunction function)
    {
        if (functions.TryGetMeasureFunction(name, out var measureFunction))
        {
            var required = string.Join(", ", Enumerable.Repeat("<Numeric>", measureFunction.MinArguments));
            var optional = measureFunction.MaxArguments > measureFunction.MinArguments ? (measureFunction.MinArguments > 0 ? ", " : "") + "<Numeric>..." : "";
            signature = new FunctionSignature(measureFunction.Name, measureFunction.MinArguments, measureFunction.MaxArguments,
                $"{measureFunction.Name}({required}{optional})", "A measure function of the session's plug-ins.");
            function = (e, c, f) => Evaluate(measureFunction, e, c, f);
            return true;
        }
        if (functions.TryGetAggregationFunction(name, out var aggregation))
        {
            signature = new FunctionSignature(aggregation.Name, 1, 2, $"{aggregation.Name}(<Set>[, <Numeric>])", "An aggregation function of the session's plug-ins, over a set's cells.");
            function = (e, c, f) => Aggregate(aggregation, e, c, f);
            return true;
        }
        (signature, function) = (null!, null!);
        return false;
    }

    private static object? Evaluate(IMeasureFunction function, Evaluator e, MdxContext c, FunctionCallSite f)
    {
        var arguments = new double?[f.Count];
        for (var i = 0; i < f.Count; i++) arguments[i] = e.AsNullableNumber(e.EvaluateScalar(f[i], c), f[i]);
        return function.Evaluate(arguments);
    }

    private static object? Aggregate(IAggregationFunction function, Evaluator e, MdxContext c, FunctionCallSite f)
    {
        var (set, alias) = SetFunctions.AliasedSet(e, c, f[0], f.Has(1) ? f[1] : null);
        var state = function.Identity;
        var count = 0L;
        for (var i = 0; i < set.Count; i++)
        {
            var context = SetFunctions.Iteration(c, set, i, alias);
            if ((f.Has(1) ? e.EvaluateScalar(f[1], context) : e.CellValue(context)) is not { } value) continue;
            state = function.Add(state, e.AsNumber(value, f.At));
            count++;
        }
        return count == 0 ? null : function.Result(state, count);
    }
}
