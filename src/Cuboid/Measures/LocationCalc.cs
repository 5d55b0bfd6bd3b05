using Cuboid.Aggregation;
using Cuboid.Model;

namespace Cuboid.Measures;

/// <summary>
/// A measure read at other locations than the cell's own: at the total of some hierarchies, at
/// the parent member, or at a member further along a level. The values come from one aggregate
/// result at the locations' granularity — asked of the aggregator, which rolls it up from the
/// query's own result when it can — and are mapped back to the query's cells in one pass. With
/// <paramref name="unfilteredOn"/>, the query's filters on that hierarchy do not apply at the locations.
/// </summary>
internal sealed class LocationCalc(MeasureCalc inner, LocationShift shift, Hierarchy? unfilteredOn = null) : MeasureCalc
{
    public override DataType ResultType => inner.ResultType;

    public override IEnumerable<AggregateSpec> Leaves => inner.Leaves;

    public override (double[] Values, bool[] Valid) Eval(MeasureInput input)
    {
        var (target, targetInput, cellOf) = Locate(input);
        var (targetValues, targetValid) = inner.Eval(targetInput);
        var values = new double[cellOf.Length];
        var valid = new bool[cellOf.Length];
        for (var i = 0; i < cellOf.Length; i++)
        {
            var cell = cellOf[i];
            if (cell < 0 || !targetValid[cell]) continue;
            values[i] = targetValues[cell];
            valid[i] = true;
        }
        return (values, valid);
    }

    /// <summary>A vector measure read at the locations: the same cells, each location's array (the parent's P&amp;L vector…).</summary>
    public override double[]?[] EvalArrays(MeasureInput input)
    {
        var (_, targetInput, cellOf) = Locate(input);
        var targetArrays = inner.EvalArrays(targetInput);
        return [.. cellOf.Select(cell => cell < 0 ? null : targetArrays[cell])];
    }

    /// <summary>
    /// The aggregate result at the locations, and for each cell of the query's result the cell of
    /// that result holding its location (−1 when it has none).
    /// </summary>
    private (AggregateResult Target, MeasureInput TargetInput, int[] CellOf) Locate(MeasureInput input)
    {
        var result = input.Result;
        var (levels, map) = shift.Plan(result.Levels, input.Aggregator);
        var aggregator = unfilteredOn is null ? input.Aggregator : input.Aggregator.Without(unfilteredOn);
        var filtered = aggregator == input.Aggregator;
        var target = filtered && levels.SequenceEqual(result.Levels)
            ? result
            : aggregator.Get(levels, [AggregateSpec.Contributors, .. inner.Leaves.Distinct().Where(l => l != AggregateSpec.Contributors)], filtered ? result : null);
        var radix = levels.Select(l => Math.Max(1L, l.Hierarchy.Members.Count(l.Depth))).ToArray();
        var cells = new Dictionary<long, int>(target.CellCount);
        for (var c = 0; c < target.CellCount; c++) cells[Key(target, c, radix)] = c;
        var cellOf = new int[result.CellCount];
        var codes = new int[result.Levels.Length];
        var mapped = new int[levels.Length];
        for (var i = 0; i < cellOf.Length; i++)
        {
            cellOf[i] = -1;
            for (var l = 0; l < codes.Length; l++) codes[l] = result.Codes[l][i];
            if (!map(codes, mapped)) continue;
            long key = 0;
            for (var l = 0; l < mapped.Length; l++) key = key * radix[l] + mapped[l];
            if (cells.TryGetValue(key, out var cell)) cellOf[i] = cell;
        }
        return (target, new MeasureInput(target, aggregator), cellOf);
    }

    private static long Key(AggregateResult result, int cell, long[] radix)
    {
        long key = 0;
        for (var l = 0; l < radix.Length; l++) key = key * radix[l] + result.Codes[l][cell];
        return key;
    }
}

/// <summary>
/// ParentValue with a total value: a result's cells all sit at the same depth on the hierarchy,
/// so either every cell has an ancestor that far up (the parent values) or none has (the total value).
/// </summary>
internal sealed class ParentOrTotalCalc(MeasureCalc parent, MeasureCalc total, ParentValueMeasure definition) : MeasureCalc
{
    public override DataType ResultType => parent.ResultType == total.ResultType ? parent.ResultType : DataType.Double;

    public override IEnumerable<AggregateSpec> Leaves => parent.Leaves.Concat(total.Leaves);

    public override (double[] Values, bool[] Valid) Eval(MeasureInput input)
    {
        var index = input.Aggregator.Cube.IndexOf(definition.Hierarchy);
        var depth = input.Result.Levels.FirstOrDefault(l => l.Hierarchy == index)?.Depth ?? -1;
        return depth - definition.Degrees >= -1 ? parent.Eval(input) : total.Eval(input);
    }
}

/// <summary>Where a location-shifting function reads: the target levels, and each cell's codes mapped to them (false: no such location).</summary>
internal abstract class LocationShift
{
    public delegate bool Map(int[] codes, int[] target);

    public abstract (LevelRef[] Levels, Map Map) Plan(LevelRef[] levels, Aggregator aggregator);

    public static LocationShift Total(IReadOnlyList<Hierarchy> hierarchies) => new TotalShift(hierarchies);

    public static LocationShift Parent(Hierarchy hierarchy, int degrees) => new ParentShift(hierarchy, degrees);

    /// <summary>Each cell's ancestor at <paramref name="depth"/> on the hierarchy (cells at or above it stay).</summary>
    public static LocationShift Up(Hierarchy hierarchy, int depth) => new UpShift(hierarchy, depth);

    public static LocationShift Along(Level level, int offset, Level? partitioning) => new AlongShift(level, offset, partitioning);

    private sealed class TotalShift(IReadOnlyList<Hierarchy> hierarchies) : LocationShift
    {
        public override (LevelRef[], Map) Plan(LevelRef[] levels, Aggregator aggregator)
        {
            var kept = Enumerable.Range(0, levels.Length).Where(l => !hierarchies.Contains(levels[l].Hierarchy.Hierarchy)).ToArray();
            return ([.. kept.Select(l => levels[l])], (codes, target) =>
            {
                for (var t = 0; t < kept.Length; t++) target[t] = codes[kept[t]];
                return true;
            }
            );
        }
    }

    private sealed class ParentShift(Hierarchy hierarchy, int degrees) : LocationShift
    {
        public override (LevelRef[], Map) Plan(LevelRef[] levels, Aggregator aggregator)
        {
            var position = Array.FindIndex(levels, l => l.Hierarchy.Hierarchy == hierarchy);
            if (position < 0) return (levels, (_, _) => false);   // the cell is at All: it has no parent
            var depth = levels[position].Depth - degrees;
            return depth < -1 ? (levels, (_, _) => false) : ToAncestor(levels, position, depth);
        }
    }

    private sealed class UpShift(Hierarchy hierarchy, int depth) : LocationShift
    {
        public override (LevelRef[], Map) Plan(LevelRef[] levels, Aggregator aggregator)
        {
            var position = Array.FindIndex(levels, l => l.Hierarchy.Hierarchy == hierarchy);
            if (position < 0 || levels[position].Depth <= depth)
            {
                return (levels, (codes, target) =>
                {
                    codes.CopyTo(target, 0);
                    return true;
                }
                );
            }
            return ToAncestor(levels, position, depth);
        }
    }

    /// <summary>The location with the level at <paramref name="position"/> replaced by its ancestor at <paramref name="depth"/> (−1: the All member, the hierarchy leaves the location).</summary>
    private static (LevelRef[], Map) ToAncestor(LevelRef[] levels, int position, int depth)
    {
        var level = levels[position];
        if (depth == -1)
        {
            var kept = Enumerable.Range(0, levels.Length).Where(l => l != position).ToArray();
            return ([.. kept.Select(l => levels[l])], (codes, target) =>
            {
                for (var t = 0; t < kept.Length; t++) target[t] = codes[kept[t]];
                return true;
            }
            );
        }
        var shifted = levels.ToArray();
        shifted[position] = new LevelRef(level.Hierarchy, depth);
        return (shifted, (codes, target) =>
        {
            codes.CopyTo(target, 0);
            target[position] = level.Hierarchy.Members.Ancestor(level.Depth, codes[position], depth);
            return true;
        }
        );
    }

    private sealed class AlongShift(Level level, int offset, Level? partitioning) : LocationShift
    {
        public override (LevelRef[], Map) Plan(LevelRef[] levels, Aggregator aggregator)
        {
            var position = Array.FindIndex(levels, l => l.Hierarchy.Hierarchy == level.Hierarchy && l.Depth == level.Depth);
            if (position < 0) return (levels, (_, _) => false);   // the level is not on the query's rows: nothing to shift along
            var index = levels[position].Hierarchy;
            var ranks = aggregator.Ranks(index, level.Depth);
            var byRank = new int[ranks.Length];
            for (var code = 0; code < ranks.Length; code++) byRank[ranks[code]] = code;
            return (levels, (codes, target) =>
            {
                var rank = ranks[codes[position]] + offset;
                if (rank < 0 || rank >= byRank.Length) return false;
                var shifted = byRank[rank];
                if (partitioning is not null
                    && index.Members.Ancestor(level.Depth, shifted, partitioning.Depth) != index.Members.Ancestor(level.Depth, codes[position], partitioning.Depth))
                {
                    return false;   // past the edge of the cell's partition
                }
                codes.CopyTo(target, 0);
                target[position] = shifted;
                return true;
            }
            );
        }
    }
}
