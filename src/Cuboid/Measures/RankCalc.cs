using Cuboid.Aggregation;
using Cuboid.Model;

namespace Cuboid.Measures;

/// <summary>
/// Ranks each cell among its siblings on a hierarchy: the query's cells grouped by their other
/// coordinates and their parent member, sorted by value, ties broken by level order.
/// </summary>
internal sealed class RankCalc(MeasureCalc inner, Hierarchy hierarchy, bool ascending) : MeasureCalc
{
    public override DataType ResultType => DataType.Long;

    public override IEnumerable<AggregateSpec> Leaves => inner.Leaves;

    public override (double[] Values, bool[] Valid) Eval(MeasureInput input)
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
        var order = MemberOrder.Ranks(index, input.Aggregator.Snapshot, depth);
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
