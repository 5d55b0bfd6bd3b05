using Cuboid.Aggregation;
using Cuboid.Model;

namespace Cuboid.Measures;

/// <summary>
/// First or last value along a level: the query's cells are grouped by their other coordinates and
/// their partition (the parent when none is given); each group's edge cell is found by level order.
/// </summary>
internal sealed class EdgeCalc(MeasureCalc inner, EdgeMeasure edge) : MeasureCalc
{
    public override DataType ResultType => inner.ResultType;

    public override IEnumerable<AggregateSpec> Leaves => inner.Leaves;

    public override (double[] Values, bool[] Valid) Eval(MeasureInput input)
    {
        var result = input.Result;
        var n = result.CellCount;
        var output = new double[n];
        var ok = new bool[n];
        var index = input.Aggregator.Cube.IndexOf(edge.Level.Hierarchy);
        var depth = edge.Level.Depth;
        var position = Array.FindIndex(result.Levels, l => l.Hierarchy == index && l.Depth == depth);
        if (position < 0) return (output, ok);   // the level is not on the cell: no members to pick from
        var (values, valid) = inner.Eval(input);
        var ranks = input.Aggregator.Ranks(index, depth);
        var codes = result.Codes[position];
        var partitionDepth = edge.Partitioning?.Depth ?? depth - 1;
        foreach (var group in CellGroups.Group(result, position, cell => partitionDepth < 0 ? -1 : index.Members.Ancestor(depth, codes[cell], partitionDepth)))
        {
            var pick = -1;
            foreach (var cell in group)
            {
                if (!valid[cell]) continue;
                if (pick < 0 || (edge.Last ? ranks[codes[cell]] > ranks[codes[pick]] : ranks[codes[cell]] < ranks[codes[pick]])) pick = cell;
            }
            if (pick < 0) continue;
            foreach (var cell in group) (output[cell], ok[cell]) = (values[pick], true);
        }
        return (output, ok);
    }
}
