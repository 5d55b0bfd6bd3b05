using Cuboid.Expressions;
using Cuboid.Measures;
using Cuboid.Model;

namespace Cuboid.Aggregation;

/// <summary>
/// After a commit, a request answered before is updated instead of scanned again: when only fact
/// chunks changed (the dimension tables are the same versions), the new result is the old one plus
/// the scan of the new and changed chunks, minus the old versions of the changed chunks. Each
/// primitive says what it allows: sums and counts subtract; minimums, maximums, products and commit
/// times merge only when chunks were added, not replaced; distinct counts and quantiles always scan.
/// </summary>
internal static class IncrementalAggregation
{
    public static AggregateResult? Update(CubeSnapshot before, AggregateResult prior, ScanPlan plan, Func<CubeSnapshot, RowCondition?> oldFilter, CancellationToken cancellation)
    {
        var now = plan.Snapshot;
        if (before == now || before.Graph != now.Graph) return null;
        foreach (var table in now.Graph.Tables)
        {
            if (table != now.Graph.Fact && !ReferenceEquals(before.Data[table.Store], now.Data[table.Store])) return null;
        }
        var (old, current) = (before.Fact.Chunks, now.Fact.Chunks);
        if (old.Length > current.Length) return null;
        int[] changed = [.. Enumerable.Range(0, old.Length).Where(c => !ReferenceEquals(old[c], current[c]))];
        int[] added = [.. Enumerable.Range(old.Length, current.Length - old.Length)];
        if ((changed.Length + added.Length) * 4 > Math.Max(4, current.Length)) return null;   // most of the table changed: scan it
        if (plan.Leaves.Any(l => changed.Length > 0 ? !l.Primitive.Subtractable : !l.Primitive.Rollable)) return null;
        if (!prior.Levels.SequenceEqual(plan.Levels) || !prior.Leaves.Select(l => l.Spec).SequenceEqual(plan.Leaves)) return null;

        var plus = ScanKernel.Run(plan, [.. changed, .. added], cancellation);
        AggregateResult? minus = null;
        if (changed.Length > 0)
        {
            minus = ScanKernel.Run(new ScanPlan(before, plan.Levels, oldFilter(before), [.. plan.Leaves], t => t.Table.Store), changed, cancellation);
        }
        return Merge(prior, plus, minus, plan);
    }

    private static AggregateResult Merge(AggregateResult prior, AggregateResult plus, AggregateResult? minus, ScanPlan plan)
    {
        var radix = plan.Levels.Select(l => (long)Math.Max(1, l.Hierarchy.Members.Count(l.Depth))).ToArray();
        var cells = new Dictionary<long, int>();
        var codes = plan.Levels.Select(_ => new List<int>()).ToList();
        int CellOf(AggregateResult r, long key, int cell)
        {
            if (cells.TryGetValue(key, out var index)) return index;
            cells[key] = index = cells.Count;
            for (var l = 0; l < codes.Count; l++) codes[l].Add(r.Codes[l][cell]);
            return index;
        }
        var parts = new[] { (prior, 1), (plus, 1) }.Concat(minus is null ? [] : [(minus, -1)]).ToList();
        var maps = parts.Select(p =>
        {
            var keys = CellGroups.Pack(p.Item1.CellCount, p.Item1.Codes, radix);
            return keys.Select((k, c) => CellOf(p.Item1, k, c)).ToArray();
        }).ToList();
        var n = cells.Count;
        var leaves = plan.Leaves.Select(spec => spec.Primitive.Combine(spec, n, [.. parts.Select((p, i) => (p.Item1.Leaf(spec), maps[i], p.Item2))])).ToArray();
        // Cells whose rows all went away are gone.
        var contributors = leaves[0].Counts;
        var keep = Enumerable.Range(0, n).Where(c => contributors[c] > 0).ToArray();
        if (keep.Length == n) return new AggregateResult(plan.Levels, [.. codes.Select(c => c.ToArray())], leaves, plus.Elapsed, "update");
        return new AggregateResult(plan.Levels, [.. codes.Select(c => keep.Select(k => c[k]).ToArray())],
            [.. leaves.Select(l => new LeafValues(l.Spec, l.Values.Length == 0 ? [] : [.. keep.Select(k => l.Values[k])], [.. keep.Select(k => l.Counts[k])],
                l.Vectors.Length == 0 ? null : [.. keep.Select(k => l.Vectors[k])]))], plus.Elapsed, "update");
    }
}
