using Cuboid.Aggregation;
using Cuboid.Model;

namespace Cuboid.Measures;

/// <summary>
/// Dense measures (a cumulative scope or a parent value with <c>dense</c>) need cells for the
/// members without facts: the result is completed, along each such hierarchy on the query, with
/// every member the filter keeps, for each combination of the other coordinates present. The new
/// cells have no contributor, so the other measures are empty there.
/// </summary>
internal static class DenseCells
{
    /// <summary>The hierarchies the measures are dense on (found anywhere in their formulas).</summary>
    public static HashSet<Hierarchy> Of(IEnumerable<MeasureDefinition> measures)
    {
        var found = new HashSet<Hierarchy>();
        var seen = new HashSet<MeasureDefinition>(ReferenceEqualityComparer.Instance);
        void Visit(MeasureDefinition definition)
        {
            if (!seen.Add(definition)) return;
            switch (definition)
            {
                case ScopedAggregation { Scope: CumulativeScope { Dense: true } c }: found.Add(c.Level.Hierarchy); break;
                case ParentValueMeasure { Dense: true } p: found.Add(p.Hierarchy); break;
            }
            foreach (var operand in definition.Operands) Visit(operand);
        }
        foreach (var measure in measures) Visit(measure);
        return found;
    }

    public static AggregateResult Complete(AggregateResult result, IReadOnlySet<Hierarchy> hierarchies, Condition? filter)
    {
        for (var position = 0; position < result.Levels.Length; position++)
        {
            var level = result.Levels[position];
            if (!hierarchies.Contains(level.Hierarchy.Hierarchy)) continue;
            result = Complete(result, position, ParameterMembers.Kept(level, filter));
        }
        return result;
    }

    private static AggregateResult Complete(AggregateResult result, int position, int[] members)
    {
        var others = Enumerable.Range(0, result.Levels.Length).Where(l => l != position).ToArray();
        var present = new HashSet<(long, int)>();
        var groups = new Dictionary<long, int>();   // each combination of the other coordinates, with one of its cells
        var radix = result.Levels.Select(l => (long)Math.Max(1, l.Hierarchy.Members.Count(l.Depth))).ToArray();
        long Others(int cell) => others.Aggregate(0L, (key, l) => key * radix[l] + result.Codes[l][cell]);
        for (var cell = 0; cell < result.CellCount; cell++)
        {
            var key = Others(cell);
            groups.TryAdd(key, cell);
            present.Add((key, result.Codes[position][cell]));
        }
        var added = new List<(int Like, int Member)>();
        foreach (var (key, like) in groups)
        {
            foreach (var member in members)
            {
                if (!present.Contains((key, member))) added.Add((like, member));
            }
        }
        if (added.Count == 0) return result;
        var n = result.CellCount + added.Count;
        var codes = result.Codes.Select((column, l) =>
        {
            var extended = new int[n];
            column.CopyTo(extended, 0);
            for (var i = 0; i < added.Count; i++) extended[result.CellCount + i] = l == position ? added[i].Member : column[added[i].Like];
            return extended;
        }).ToArray();
        var leaves = result.Leaves.Select(leaf => new LeafValues(leaf.Spec,
            leaf.Values.Length == 0 ? [] : [.. leaf.Values, .. new double[added.Count]],
            [.. leaf.Counts, .. new long[added.Count]],
            leaf.Vectors.Length == 0 ? null : [.. leaf.Vectors, .. new double[]?[added.Count]])).ToArray();
        return new AggregateResult(result.Levels, codes, leaves, result.Elapsed, result.Source);
    }
}
