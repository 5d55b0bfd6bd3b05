using Cuboid.Aggregation;
using Cuboid.Model;

namespace Cuboid.Measures;

/// <summary>
/// Ranks each cell among its siblings on a hierarchy: the query's cells grouped by their other
/// coordinates and their parent member, sorted by value, ties broken by level order. Without
/// <paramref name="applyFilters"/>, the ranking is made on the cells the query would have without
/// its filters on the hierarchy, and each of the query's cells takes its rank there.
/// </summary>
internal sealed class RankCalc(MeasureCalc inner, Hierarchy hierarchy, bool ascending, bool applyFilters) : MeasureCalc
{
    public override DataType ResultType => DataType.Long;

    public override IEnumerable<AggregateSpec> Leaves => inner.Leaves;

    public override (double[] Values, bool[] Valid) Eval(MeasureInput input)
    {
        var all = applyFilters ? input.Aggregator : input.Aggregator.Without(hierarchy);
        if (all == input.Aggregator) return Ranks(input);
        // Ranked among every sibling, then read back at the query's own cells.
        var unfiltered = all.Get(input.Result.Levels, [AggregateSpec.Contributors, .. inner.Leaves.Distinct().Where(l => l != AggregateSpec.Contributors)]);
        var (ranks, ranked) = Ranks(new MeasureInput(unfiltered, all));
        var radix = input.Result.Levels.Select(l => (long)l.Hierarchy.Members.Count(l.Depth)).ToArray();
        var interned = new Dictionary<string, long>(StringComparer.Ordinal);
        var at = CellGroups.ByKey(CellGroups.Pack(unfiltered.CellCount, unfiltered.Codes, radix, interned));
        var keys = CellGroups.Pack(input.Result.CellCount, input.Result.Codes, radix, interned);
        var values = new double[keys.Length];
        var valid = new bool[keys.Length];
        for (var cell = 0; cell < keys.Length; cell++)
        {
            if (!at.TryGetValue(keys[cell], out var cells) || !ranked[cells[0]]) continue;
            values[cell] = ranks[cells[0]];
            valid[cell] = true;
        }
        return (values, valid);
    }

    private (double[] Values, bool[] Valid) Ranks(MeasureInput input)
    {
        var result = input.Result;
        var (values, valid) = inner.Eval(input);
        var n = result.CellCount;
        var output = new double[n];
        var index = input.Aggregator.Cube.IndexOf(hierarchy);
        var position = Array.FindIndex(result.Levels, l => l.Hierarchy == index);
        if (position < 0)
        {
            // The All member is alone among its siblings.
            for (var cell = 0; cell < n; cell++) output[cell] = 1;
            return (output, valid);
        }
        var depth = result.Levels[position].Depth;
        var order = input.Aggregator.Ranks(index, depth);
        var codes = result.Codes[position];
        var sign = ascending ? 1 : -1;
        foreach (var group in CellGroups.Group(result, position, cell => index.Members.Parent(depth, codes[cell])))
        {
            var ranked = group.Where(c => valid[c]).OrderBy(c => sign * values[c]).ThenBy(c => order[codes[c]]).ToList();
            for (var i = 0; i < ranked.Count; i++) output[ranked[i]] = i + 1;
        }
        return (output, valid);
    }
}
