using Cuboid.Expressions;
using Cuboid.Model;

namespace Cuboid.Aggregation;

/// <summary>
/// A provider's cells after a commit its aggregations cannot take in (a distinct count, a minimum
/// whose rows were replaced): the partitions — members of the partitioning level — that the
/// commit's rows fall in, old and new, are aggregated again; the others keep their cells.
/// </summary>
internal static class ProviderPartitions
{
    /// <summary>The rebuilt cells, or null when a full build is as cheap (no partitioning, dimensions changed, most partitions touched).</summary>
    public static AggregateResult? Rebuild(Cube cube, Level? partitioning, CubeSnapshot before, AggregateResult prior, ScanPlan plan, Func<CubeSnapshot, RowCondition?> filterOn)
    {
        var now = plan.Snapshot;
        if (partitioning is null || FactChanges.Between(before, now) is not { } changes) return null;
        var position = Array.FindIndex(plan.Levels, l => l.Hierarchy.Hierarchy == partitioning.Hierarchy);
        var (index, depth) = (plan.Levels[position].Hierarchy, plan.Levels[position].Depth);
        // A fact counts in each of its tags' partitions, and a filter through the join holds for pairs, not rows: built again in full.
        if (index.ManyOf(now) is not null || plan.Filter is ManyFilter) return null;
        var partition = new LevelRef(index, partitioning.Depth);
        // The partitions of the rows the commit appended and of those it deleted (the scans may meet new members: size the table after them).
        var members = new List<AggregateResult> { changes.ScanAppended(new ScanPlan(now, [partition], plan.Filter, [AggregateSpec.Contributors], cube.TableOf)) };
        if (changes.Replaced.Length > 0)
        {
            var deleted = new DeletedIn(now.Fact.Chunks);
            var filter = filterOn(before) is { } f ? new AndRowCondition([f, deleted]) : (RowCondition)deleted;
            members.Add(ScanKernel.Run(new ScanPlan(before, [partition], filter, [AggregateSpec.Contributors], cube.TableOf), changes.Replaced));
        }
        var touched = new bool[index.Members.Count(partitioning.Depth)];
        foreach (var code in members.SelectMany(m => m.Codes[0])) touched[code] = true;
        if (touched.Count(t => t) * 2 > touched.Length) return null;

        var only = new LevelCondition(now, index, partitioning.Depth, touched);
        var again = ScanKernel.Run(new ScanPlan(now, plan.Levels, plan.Filter is null ? only : new AndRowCondition([plan.Filter, only]), plan.Leaves, cube.TableOf));
        var codes = prior.Codes[position];
        int[] untouched = [.. Enumerable.Range(0, prior.CellCount).Where(c => !touched[index.Members.Ancestor(depth, codes[c], partitioning.Depth)])];
        return AggregateResult.Concat(prior.Subset(untouched), again, "partitions");
    }
}

/// <summary>Rows of an older version that a newer one deleted (a row once deleted stays so).</summary>
internal sealed class DeletedIn(Storage.Chunk[] now) : RowCondition
{
    public override void Eval(in ChunkView view, Span<bool> result)
    {
        var chunk = now[view.Index];
        var selection = view.Selection;
        for (var r = 0; r < view.Count; r++) result[r] = chunk.IsDeleted(selection is null ? view.Offset + r : selection[r]);
    }
}
