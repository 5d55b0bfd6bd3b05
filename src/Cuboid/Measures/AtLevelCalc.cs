using System.Globalization;
using Cuboid.Aggregation;

namespace Cuboid.Measures;

/// <summary>
/// Fn.At with another level: each cell reads the measure at its own coordinates but with
/// <paramref name="level"/> set to the member whose value is that of the cell's member of
/// <paramref name="source"/>. The measure is computed once at the query's granularity with the
/// level added (or moved to its depth), then read per cell by packed member codes.
/// </summary>
internal sealed class AtLevelCalc(MeasureCalc inner, Level level, Level source) : MeasureCalc
{
    public override DataType ResultType => inner.ResultType;

    public override IEnumerable<AggregateSpec> Leaves => inner.Leaves;

    public override (double[] Values, bool[] Valid) Eval(MeasureInput input)
    {
        var result = input.Result;
        var cube = input.Aggregator.Cube;
        var (target, from) = (cube.IndexOf(level.Hierarchy), cube.IndexOf(source.Hierarchy));
        var at = Array.FindIndex(result.Levels, l => l.Hierarchy == from && l.Depth >= source.Depth);
        if (at < 0) return inner.Eval(input);   // the source level is not on the cell: no shift
        var position = Array.FindIndex(result.Levels, l => l.Hierarchy == target);
        LevelRef[] levels = position >= 0
            ? [.. result.Levels.Select((l, i) => i == position ? new LevelRef(target, level.Depth) : l)]
            : [.. result.Levels, new LevelRef(target, level.Depth)];
        if (position < 0) position = levels.Length - 1;
        var shifted = input.Aggregator.Get(levels, [AggregateSpec.Contributors, .. inner.Leaves.Distinct().Where(l => l != AggregateSpec.Contributors)]);
        var (values, valid) = inner.Eval(new MeasureInput(shifted, input.Aggregator));

        // The level's members by value (as text, so an int level can be named by a long one).
        var members = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var code = target.Members.Count(level.Depth) - 1; code >= 0; code--) members[Text(level.Source.ValueOf(target.Members.Key(level.Depth, code)))] = code;
        var radix = levels.Select(l => (long)Math.Max(1, l.Hierarchy.Members.Count(l.Depth))).ToArray();
        var interned = new Dictionary<string, long>(StringComparer.Ordinal);
        var cells = CellGroups.ByKey(CellGroups.Pack(shifted.CellCount, shifted.Codes, radix, interned));

        var n = result.CellCount;
        var columns = levels.Select((_, i) => i < result.Levels.Length ? (int[])result.Codes[i].Clone() : new int[n]).ToArray();
        var found = new bool[n];
        var sourceDepth = result.Levels[at].Depth;
        for (var cell = 0; cell < n; cell++)
        {
            var member = from.Members.Ancestor(sourceDepth, result.Codes[at][cell], source.Depth);
            found[cell] = members.TryGetValue(Text(source.Source.ValueOf(from.Members.Key(source.Depth, member))), out var code);
            columns[position][cell] = code;
        }
        var keys = CellGroups.Pack(n, columns, radix, interned);
        var output = new double[n];
        var ok = new bool[n];
        for (var cell = 0; cell < n; cell++)
        {
            if (!found[cell] || !cells.TryGetValue(keys[cell], out var hit) || !valid[hit[0]]) continue;
            output[cell] = values[hit[0]];
            ok[cell] = true;
        }
        return (output, ok);
    }

    private static string Text(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
}
