using Cuboid.Expressions;
using Cuboid.Measures;
using Cuboid.Model;

namespace Cuboid.Aggregation;

/// <summary>
/// After a commit, a request answered before is updated instead of scanned again: when only fact
/// chunks changed (the dimension tables are the same versions), the new result is the old one plus
/// the scan of the new and changed chunks, minus the old versions of the changed chunks. Each
/// primitive says what it allows: sums and counts subtract; minimums, maximums, products and commit
/// times merge only when rows were added (new chunks, or rows appended to one), not replaced;
/// distinct counts and quantiles always scan.
/// </summary>
internal static class IncrementalAggregation
{
    public static AggregateResult? Update(CubeSnapshot before, AggregateResult prior, ScanPlan plan, Func<CubeSnapshot, RowCondition?> oldFilter, CancellationToken cancellation)
    {
        // Commit times are the chunk's: a grown chunk's old rows get the new time too, so it counts as replaced.
        if (FactChanges.Between(before, plan.Snapshot, growth: !plan.Leaves.Any(l => l.Kind == LeafKind.LastUpdate)) is not { } changes) return null;
        if (plan.Leaves.Any(l => changes.Replaced.Length > 0 ? !l.Primitive.Subtractable : !l.Primitive.Rollable)) return null;
        if (!prior.Levels.SequenceEqual(plan.Levels) || !prior.Leaves.Select(l => l.Spec).SequenceEqual(plan.Leaves)) return null;

        var plus = changes.ScanNew(plan, cancellation);
        var minus = changes.Replaced.Length == 0 ? null
            : ScanKernel.Run(new ScanPlan(before, plan.Levels, oldFilter(before), [.. plan.Leaves], t => t.Table.Store), changes.Replaced, cancellation: cancellation);
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
        var merged = new AggregateResult(plan.Levels, [.. codes.Select(c => c.ToArray())], leaves, plus.Elapsed, "update") { RowsScanned = plus.RowsScanned + (minus?.RowsScanned ?? 0) };
        return keep.Length == n ? merged : merged.Subset(keep);
    }
}

/// <summary>
/// The fact chunks a commit touched, when only fact chunks did (the dimension tables are the same
/// versions) and not most of them: replaced ones (rows deleted), grown ones (rows only appended:
/// their new rows are read as a new chunk's), and added ones.
/// </summary>
internal sealed record FactChanges(int[] Replaced, int[] ReplacedFrom, int[] Grown, int[] GrownFrom, int[] Added)
{
    public static FactChanges? Between(CubeSnapshot before, CubeSnapshot now, bool growth = true)
    {
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
        int[] grown = growth ? [.. changed.Where(c => current[c].Count > old[c].Count && current[c].DeletedCount == old[c].DeletedCount)] : [];
        int[] replaced = [.. changed.Except(grown)];
        return new FactChanges(replaced, [.. replaced.Select(c => old[c].Count)], grown, [.. grown.Select(c => old[c].Count)], added);
    }

    /// <summary>The new state of what changed: replaced and added chunks whole, grown ones from their first new row.</summary>
    public AggregateResult ScanNew(ScanPlan plan, CancellationToken cancellation = default) =>
        ScanKernel.Run(plan, [.. Replaced, .. Grown, .. Added], [.. Replaced.Select(_ => 0), .. GrownFrom, .. Added.Select(_ => 0)], cancellation);

    /// <summary>The rows the commit appended, in any chunk (rows are never changed in place: a replaced chunk's other rows are old ones).</summary>
    public AggregateResult ScanAppended(ScanPlan plan) =>
        ScanKernel.Run(plan, [.. Replaced, .. Grown, .. Added], [.. ReplacedFrom, .. GrownFrom, .. Added.Select(_ => 0)]);
}
