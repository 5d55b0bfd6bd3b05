using Cuboid.Mdx.Binding;
using Cuboid.Mdx.Execution;
using Cuboid.Mdx.Syntax;

namespace Cuboid.Mdx.Functions;

/// <summary>
/// Statistics over a set: spread (Stdev, Var and their population forms), order (Median, Percentile),
/// and two-variable ones (Covariance, Correlation, linear regression). Each reads a numeric expression
/// per tuple — the current cell when it is left out — and leaves empty values out, as Mondrian does;
/// a statistic of no value is empty.
/// </summary>
internal static class StatisticalFunctions
{
    public static void Register()
    {
        foreach (var name in (string[])["Stdev", "Stddev"]) FunctionTable.Add(name, (e, c, f) => Spread(e, c, f, sample: true, root: true));
        foreach (var name in (string[])["StdevP", "StddevP"]) FunctionTable.Add(name, (e, c, f) => Spread(e, c, f, sample: false, root: true));
        foreach (var name in (string[])["Var", "Variance"]) FunctionTable.Add(name, (e, c, f) => Spread(e, c, f, sample: true, root: false));
        foreach (var name in (string[])["VarP", "VarianceP"]) FunctionTable.Add(name, (e, c, f) => Spread(e, c, f, sample: false, root: false));
        FunctionTable.Add("Median", (e, c, f) => Percentile(Values(e, c, f, 1), 0.5));
        FunctionTable.Add("Percentile", (e, c, f) => Percentile(Values(e, c, f, 1), Math.Clamp(e.AsNumber(e.EvaluateScalar(f[2], c), f[2]), 0, 100) / 100));
        FunctionTable.Add("Covariance", (e, c, f) => Pairs(e, c, f, 1) is { Count: > 0 } p ? Covariance(p) / p.Count : null);
        FunctionTable.Add("CovarianceN", (e, c, f) => Pairs(e, c, f, 1) is { Count: > 0 } p ? Covariance(p) / (p.Count - 1) : null);
        FunctionTable.Add("Correlation", (e, c, f) => Pairs(e, c, f, 1) is { Count: > 0 } p ? Covariance(p) / Math.Sqrt(Covariance(Square(p, x: true)) * Covariance(Square(p, x: false))) : null);
        FunctionTable.Add("LinRegSlope", (e, c, f) => Regression(Pairs(e, c, f, 1))?.Slope);
        FunctionTable.Add("LinRegIntercept", (e, c, f) => Regression(Pairs(e, c, f, 1))?.Intercept);
        FunctionTable.Add("LinRegR2", (e, c, f) => Regression(Pairs(e, c, f, 1))?.R2);
        FunctionTable.Add("LinRegVariance", (e, c, f) => Regression(Pairs(e, c, f, 1))?.Variance);
        FunctionTable.Add("LinRegPoint", (e, c, f) =>
        {
            var x = e.AsNumber(e.EvaluateScalar(f[0], c), f[0]);
            return Regression(Pairs(e, c, f, 2)) is { } line ? line.Slope * x + line.Intercept : null;
        });
    }

    /// <summary>Stdev, Var and their population forms (P): over n - 1 or over n; one value has no sample spread (NaN, as Mondrian).</summary>
    private static object? Spread(Evaluator e, MdxContext c, FunctionCallSite f, bool sample, bool root)
    {
        var values = Values(e, c, f, 1);
        if (values.Count == 0) return null;
        var mean = values.Average();
        var squares = values.Sum(v => (v - mean) * (v - mean));
        var variance = squares / (sample ? values.Count - 1 : values.Count);
        return root ? Math.Sqrt(variance) : variance;
    }

    /// <summary>The p-quantile (0…1) with linear interpolation between neighbours (Excel's PERCENTILE.INC, Mondrian's).</summary>
    private static object? Percentile(List<double> values, double p)
    {
        if (values.Count == 0) return null;
        values.Sort();
        var rank = p * (values.Count - 1);
        var below = (int)Math.Floor(rank);
        var above = Math.Min(below + 1, values.Count - 1);
        return values[below] + (rank - below) * (values[above] - values[below]);
    }

    /// <summary>The values of the numeric argument at <paramref name="index"/> (the current cell without it) over the set argument before it.</summary>
    private static List<double> Values(Evaluator e, MdxContext c, FunctionCallSite f, int index)
    {
        var set = SetFunctions.Set(e, c, f[index - 1]);
        var values = new List<double>(set.Count);
        foreach (var tuple in set.Tuples)
        {
            if (Value(e, c.With(tuple), f, index) is { } value) values.Add(value);
        }
        return values;
    }

    /// <summary>(y, x) per tuple of the set at <c>index - 1</c>: y the numeric argument at index, x the next (the current cell without it); a tuple where either is empty is left out.</summary>
    private static List<(double Y, double X)> Pairs(Evaluator e, MdxContext c, FunctionCallSite f, int index)
    {
        var set = SetFunctions.Set(e, c, f[index - 1]);
        var pairs = new List<(double, double)>(set.Count);
        foreach (var tuple in set.Tuples)
        {
            var context = c.With(tuple);
            if (Value(e, context, f, index) is { } y && Value(e, context, f, index + 1) is { } x) pairs.Add((y, x));
        }
        return pairs;
    }

    private static double? Value(Evaluator e, MdxContext context, FunctionCallSite f, int index)
    {
        var value = f.Has(index) ? e.EvaluateScalar(f[index], context) : e.CellValue(context);
        return e.AsNullableNumber(value, f.Has(index) ? f[index] : f.At);
    }

    /// <summary>The sum of (y - ȳ)(x - x̄).</summary>
    private static double Covariance(List<(double Y, double X)> pairs)
    {
        var (my, mx) = (pairs.Average(p => p.Y), pairs.Average(p => p.X));
        return pairs.Sum(p => (p.Y - my) * (p.X - mx));
    }

    /// <summary>The pairs (x, x) or (y, y): their covariance is the sum of squares of x or y.</summary>
    private static List<(double Y, double X)> Square(List<(double Y, double X)> pairs, bool x) => [.. pairs.Select(p => x ? (p.X, p.X) : (p.Y, p.Y))];

    /// <summary>
    /// The least-squares line y = slope·x + intercept, its R² and the variance of its residuals (over
    /// n - 2, the standard error's square). Mondrian 3.11 answers Double.MaxValue for R² and the variance.
    /// </summary>
    private static (double Slope, double Intercept, double R2, double Variance)? Regression(List<(double Y, double X)> pairs)
    {
        if (pairs.Count == 0) return null;
        var (my, mx) = (pairs.Average(p => p.Y), pairs.Average(p => p.X));
        var sxy = Covariance(pairs);
        var sxx = pairs.Sum(p => (p.X - mx) * (p.X - mx));
        var syy = pairs.Sum(p => (p.Y - my) * (p.Y - my));
        var slope = sxy / sxx;
        var intercept = my - slope * mx;
        var residuals = pairs.Sum(p => Math.Pow(p.Y - (slope * p.X + intercept), 2));
        return (slope, intercept, 1 - residuals / syy, residuals / (pairs.Count - 2));
    }
}
