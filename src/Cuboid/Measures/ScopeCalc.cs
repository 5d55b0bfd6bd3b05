using Cuboid.Aggregation;
using Cuboid.Model;

namespace Cuboid.Measures;

/// <summary>
/// Aggregations of a measure's values over a scope, all computed from whole aggregate results:
/// Origin asks for the finer granularity once and groups its cells up to the query's; Cumulative
/// and Siblings group the query's own cells (by the other coordinates, and the partition or the
/// parent) and combine values inside each group.
/// </summary>
internal abstract class ScopeCalc(ScopedAggregation aggregation, MeasureCalc inner) : MeasureCalc
{
    public override DataType ResultType => Function is AggregationFunction.Count or AggregationFunction.CountDistinct ? DataType.Long
        : Function is AggregationFunction.Sum or AggregationFunction.Min or AggregationFunction.Max ? inner.ResultType : DataType.Double;

    public override IEnumerable<AggregateSpec> Leaves => inner.Leaves;

    protected MeasureCalc Inner => inner;

    protected AggregationFunction Function => aggregation.Function;

    public static MeasureCalc Create(ScopedAggregation aggregation, MeasureCalc inner) => aggregation.Scope switch
    {
        OriginScope origin => new OriginCalc(aggregation, inner, origin),
        CumulativeScope cumulative => new CumulativeCalc(aggregation, inner, cumulative),
        SiblingsScope siblings => new SiblingsCalc(aggregation, inner, siblings),
        _ => throw new NotSupportedException(aggregation.Scope.GetType().Name),
    };

    /// <summary>The function over the non-empty values; empty when there is none (Count: 0).</summary>
    protected (double Value, bool Valid) Combine(IEnumerable<double> values)
    {
        var list = values as IList<double> ?? [.. values];
        if (Function == AggregationFunction.Count) return (list.Count, true);
        if (Function == AggregationFunction.CountDistinct) return (list.Distinct().Count(), true);
        if (list.Count == 0) return (0, false);
        switch (Function)
        {
            case AggregationFunction.Sum: return (list.Sum(), true);
            case AggregationFunction.Mean: return (list.Average(), true);
            case AggregationFunction.Min: return (list.Min(), true);
            case AggregationFunction.Max: return (list.Max(), true);
            case AggregationFunction.Prod: return (list.Aggregate(1.0, (p, v) => p * v), true);
            case AggregationFunction.SquareSum: return (list.Sum(v => v * v), true);
            case AggregationFunction.Quantile:
                var sorted = list.ToArray();
                Array.Sort(sorted);
                return (aggregation.Quantile!.Of(sorted), true);
        }
        var sample = Function is AggregationFunction.SampleVariance or AggregationFunction.SampleStd;
        if (list.Count < (sample ? 2 : 1)) return (0, false);
        var mean = list.Average();
        var variance = list.Sum(v => (v - mean) * (v - mean)) / (sample ? list.Count - 1 : list.Count);
        return (Function is AggregationFunction.SampleStd or AggregationFunction.PopulationStd ? Math.Sqrt(variance) : variance, true);
    }
}

internal sealed class OriginCalc(ScopedAggregation aggregation, MeasureCalc inner, OriginScope scope) : ScopeCalc(aggregation, inner)
{
    public override (double[] Values, bool[] Valid) Eval(MeasureInput input)
    {
        var result = input.Result;
        var levels = result.Levels.ToList();
        foreach (var level in scope.Levels)
        {
            var index = input.Aggregator.Cube.IndexOf(level.Hierarchy);
            var at = levels.FindIndex(l => l.Hierarchy == index);
            if (at < 0) levels.Add(new LevelRef(index, level.Depth));
            else if (levels[at].Depth < level.Depth) levels[at] = new LevelRef(index, level.Depth);
        }
        var fine = input.Aggregator.Get([.. levels], [AggregateSpec.Contributors, .. Inner.Leaves.Distinct().Where(l => l != AggregateSpec.Contributors)]);
        var (values, valid) = Inner.Eval(new MeasureInput(fine, input.Aggregator));
        // Each fine cell belongs to the query cell of its ancestors at the query's levels.
        var positions = result.Levels.Select(l => Array.FindIndex(fine.Levels, f => f.Hierarchy == l.Hierarchy)).ToArray();
        var coarse = result.Levels.Select((l, i) =>
        {
            var f = fine.Levels[positions[i]];
            return Enumerable.Range(0, fine.CellCount).Select(cell => f.Hierarchy.Members.Ancestor(f.Depth, fine.Codes[positions[i]][cell], l.Depth)).ToArray();
        }).ToArray();
        var radix = result.Levels.Select(l => (long)l.Hierarchy.Members.Count(l.Depth)).ToArray();
        var interned = new Dictionary<string, long>(StringComparer.Ordinal);
        var groups = CellGroups.ByKey(CellGroups.Pack(fine.CellCount, coarse, radix, interned));
        var keys = CellGroups.Pack(result.CellCount, result.Codes, radix, interned);
        var n = result.CellCount;
        var output = new double[n];
        var ok = new bool[n];
        for (var cell = 0; cell < n; cell++)
        {
            var members = groups.TryGetValue(keys[cell], out var kept) ? kept.Where(c => valid[c]).Select(c => values[c]) : [];
            (output[cell], ok[cell]) = Combine(members);
        }
        return (output, ok);
    }
}

internal sealed class CumulativeCalc(ScopedAggregation aggregation, MeasureCalc inner, CumulativeScope scope) : ScopeCalc(aggregation, inner)
{
    public override (double[] Values, bool[] Valid) Eval(MeasureInput input)
    {
        var result = input.Result;
        var (values, valid) = Inner.Eval(input);
        var index = input.Aggregator.Cube.IndexOf(scope.Level.Hierarchy);
        var position = Array.FindIndex(result.Levels, l => l.Hierarchy == index && l.Depth == scope.Level.Depth);
        if (position < 0) return (values, valid);   // the level is not on the query: nothing runs along it
        // Where the window is a date period, cells are placed by their dates (day numbers), else by member order.
        var dated = scope.Period is not null;
        var ranks = dated ? null : input.Aggregator.Ranks(index, scope.Level.Depth);
        long Place(int code) => dated ? DateValues.DayNumber(scope.Level.Source.ValueOf(index.Members.Key(scope.Level.Depth, code)), "A cumulative window in periods") : ranks![code];
        var partitionDepth = scope.Partitioning is { } p && p.Hierarchy == scope.Level.Hierarchy ? p.Depth : -1;
        var n = result.CellCount;
        var output = new double[n];
        var ok = new bool[n];
        var groups = CellGroups.Group(result, position, partitionDepth < 0 ? null : cell => index.Members.Ancestor(scope.Level.Depth, result.Codes[position][cell], partitionDepth));
        foreach (var group in groups)
        {
            // Sorted along the level once; prefix sums give each window's sum and count in O(1),
            // and the window's bounds move forward with the cell (two pointers).
            var cells = group.ToArray();
            var rank = cells.Select(c => Place(result.Codes[position][c])).ToArray();
            Array.Sort(rank, cells);
            var m = cells.Length;
            var prefixSum = new double[m + 1];
            var prefixCount = new int[m + 1];
            for (var i = 0; i < m; i++)
            {
                var c = cells[i];
                prefixSum[i + 1] = prefixSum[i] + (valid[c] ? values[c] : 0);
                prefixCount[i + 1] = prefixCount[i] + (valid[c] ? 1 : 0);
            }
            int lo = 0, hi = 0;
            for (var i = 0; i < m; i++)
            {
                var (from, to) = scope.Period is { } period
                    ? (period.Start is { } s ? s.AddTo(DateOnly.FromDayNumber((int)rank[i])).DayNumber : long.MinValue, period.End.AddTo(DateOnly.FromDayNumber((int)rank[i])).DayNumber)
                    : (scope.WindowStart is { } start ? rank[i] + start : long.MinValue, rank[i] + scope.WindowEnd);
                while (lo < m && rank[lo] < from) lo++;
                while (hi < m && rank[hi] <= to) hi++;
                (output[cells[i]], ok[cells[i]]) = Window(cells, lo, hi, values, valid, prefixSum, prefixCount);
            }
        }
        return (output, ok);
    }

    /// <summary>The function over the window [lo, hi) of the sorted cells.</summary>
    private (double, bool) Window(int[] cells, int lo, int hi, double[] values, bool[] valid, double[] prefixSum, int[] prefixCount)
    {
        var count = prefixCount[hi] - prefixCount[lo];
        switch (Function)
        {
            case AggregationFunction.Count: return (count, true);
            case AggregationFunction.Sum: return (prefixSum[hi] - prefixSum[lo], count > 0);
            case AggregationFunction.Mean: return count > 0 ? ((prefixSum[hi] - prefixSum[lo]) / count, true) : (0, false);
        }
        var window = new List<double>(hi - lo);
        for (var j = lo; j < hi; j++)
        {
            if (valid[cells[j]]) window.Add(values[cells[j]]);
        }
        return Combine(window);
    }
}

internal sealed class SiblingsCalc(ScopedAggregation aggregation, MeasureCalc inner, SiblingsScope scope) : ScopeCalc(aggregation, inner)
{
    public override (double[] Values, bool[] Valid) Eval(MeasureInput input)
    {
        var result = input.Result;
        var (values, valid) = Inner.Eval(input);
        var index = input.Aggregator.Cube.IndexOf(scope.Hierarchy);
        var position = Array.FindIndex(result.Levels, l => l.Hierarchy == index);
        if (position < 0) return scope.ExcludeSelf ? (new double[result.CellCount], new bool[result.CellCount]) : (values, valid);   // the All member is its own only sibling
        var depth = result.Levels[position].Depth;
        var n = result.CellCount;
        var output = new double[n];
        var ok = new bool[n];
        foreach (var group in CellGroups.Group(result, position, cell => index.Members.Parent(depth, result.Codes[position][cell])))
        {
            foreach (var cell in group)
            {
                (output[cell], ok[cell]) = Combine(group.Where(c => valid[c] && !(scope.ExcludeSelf && c == cell)).Select(c => values[c]));
            }
        }
        return (output, ok);
    }
}
