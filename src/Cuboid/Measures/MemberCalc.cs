using Cuboid.Aggregation;
using Cuboid.Model;

namespace Cuboid.Measures;

/// <summary>
/// MaxMember and MinMember. At or below the level, a cell's answer is its own member there; above
/// it, the measure is computed once at the query's granularity refined down to the level, and
/// each query cell takes the best of the finer cells under it (ties: the first in level order).
/// </summary>
internal sealed class MemberCalc(MemberAggregation aggregation, MeasureCalc inner) : MeasureCalc
{
    private readonly Level _level = aggregation.Level;

    public override DataType ResultType => _level.DataType;

    public override IEnumerable<AggregateSpec> Leaves => inner.Leaves;

    public override bool ReturnsObjects => true;

    public override (double[] Values, bool[] Valid) Eval(MeasureInput input) =>
        throw new InvalidOperationException($"{aggregation} gives members of {_level.Name}, not numbers.");

    public override object?[] EvalObjects(MeasureInput input)
    {
        if (inner.ReturnsArray || inner.ReturnsObjects) throw new ArgumentException($"{aggregation} compares numbers; {aggregation.Measure} does not give numbers.");
        var (codes, valid) = Codes(input);
        var index = input.Aggregator.Cube.IndexOf(_level.Hierarchy);
        var members = new object?[codes.Length];
        for (var cell = 0; cell < codes.Length; cell++)
        {
            if (valid[cell]) members[cell] = _level.Source.ValueOf(index.Members.Key(_level.Depth, codes[cell]));
        }
        return members;
    }

    /// <summary>Each cell's member code on the level, and whether it has one.</summary>
    private (int[] Codes, bool[] Valid) Codes(MeasureInput input)
    {
        var result = input.Result;
        var index = input.Aggregator.Cube.IndexOf(_level.Hierarchy);
        var depth = _level.Depth;
        var position = Array.FindIndex(result.Levels, l => l.Hierarchy == index);
        var n = result.CellCount;
        var codes = new int[n];
        var valid = new bool[n];
        if (position >= 0 && result.Levels[position].Depth >= depth)
        {
            var (_, ok) = inner.Eval(input);
            var at = result.Levels[position].Depth;
            for (var cell = 0; cell < n; cell++)
            {
                codes[cell] = index.Members.Ancestor(at, result.Codes[position][cell], depth);
                valid[cell] = ok[cell];
            }
            return (codes, valid);
        }
        LevelRef[] levels = position >= 0
            ? [.. result.Levels.Select((l, i) => i == position ? new LevelRef(index, depth) : l)]
            : [.. result.Levels, new LevelRef(index, depth)];
        var fine = input.Aggregator.Get(levels, [AggregateSpec.Contributors, .. inner.Leaves.Distinct().Where(l => l != AggregateSpec.Contributors)]);
        var (values, fineValid) = inner.Eval(new MeasureInput(fine, input.Aggregator));
        var finePosition = Array.FindIndex(fine.Levels, l => l.Hierarchy == index);
        var ranks = input.Aggregator.Ranks(index, depth);
        // Fine cells are grouped under the query cell of their ancestors at the query's levels.
        var radix = result.Levels.Select(l => (long)l.Hierarchy.Members.Count(l.Depth)).ToArray();
        var coarse = result.Levels.Select(l =>
        {
            var f = fine.Levels[Array.FindIndex(fine.Levels, x => x.Hierarchy == l.Hierarchy)];
            var column = fine.Codes[Array.IndexOf(fine.Levels, f)];
            return Enumerable.Range(0, fine.CellCount).Select(c => f.Hierarchy.Members.Ancestor(f.Depth, column[c], l.Depth)).ToArray();
        }).ToArray();
        var interned = new Dictionary<string, long>(StringComparer.Ordinal);
        var best = new Dictionary<long, int>();
        var fineKeys = CellGroups.Pack(fine.CellCount, coarse, radix, interned);
        for (var c = 0; c < fine.CellCount; c++)
        {
            if (!fineValid[c]) continue;
            if (!best.TryGetValue(fineKeys[c], out var b) || Better(values[c], values[b], ranks[fine.Codes[finePosition][c]], ranks[fine.Codes[finePosition][b]])) best[fineKeys[c]] = c;
        }
        var keys = CellGroups.Pack(n, result.Codes, radix, interned);
        for (var cell = 0; cell < n; cell++)
        {
            if (!best.TryGetValue(keys[cell], out var b)) continue;
            codes[cell] = fine.Codes[finePosition][b];
            valid[cell] = true;
        }
        return (codes, valid);
    }

    private bool Better(double value, double than, int rank, int thanRank) =>
        value == than ? rank < thanRank : aggregation.Largest ? value > than : value < than;
}
