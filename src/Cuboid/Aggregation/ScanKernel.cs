using System.Diagnostics;
using Cuboid.Expressions;
using Cuboid.Storage;

namespace Cuboid.Aggregation;

/// <summary>
/// The hot loop. Each worker takes fact chunks, computes every row's cell (or -1 for rows the
/// filter, a deletion or a mandatory join leaves out), evaluates each aggregation's input for
/// the whole chunk into a buffer and accumulates by cell. Workers own their accumulators; the
/// merge at the end adds them up. No boxing, no allocation per row, no hashing per row unless
/// the cell space is too large for dense arrays.
/// </summary>
internal static class ScanKernel
{
    public static AggregateResult Run(ScanPlan plan)
    {
        var watch = Stopwatch.StartNew();
        var chunks = plan.Snapshot.Fact.Chunks.Length;
        var partials = new List<Accumulators>();
        var gate = new Lock();
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            () => new Accumulators(plan),
            (chunk, _, acc) =>
            {
                ScanChunk(plan, chunk, acc);
                return acc;
            },
            acc => { lock (gate) partials.Add(acc); });
        var merged = partials.Count == 0 ? new Accumulators(plan) : partials.Aggregate((a, b) => a.Merge(b));
        return merged.ToResult(watch.Elapsed);
    }

    private static void ScanChunk(ScanPlan plan, int chunkIndex, Accumulators acc)
    {
        var chunk = plan.Snapshot.Fact.Chunks[chunkIndex];
        var n = chunk.Count;
        if (n == chunk.DeletedCount) return;
        using var slotLease = BufferPool.Ints(n, out var slots);
        ComputeSlots(plan, chunkIndex, chunk, slots, acc);
        var view = new ChunkView(acc.Scope, chunkIndex);
        using var valueLease = BufferPool.Doubles(n, out var values);
        using var validLease = BufferPool.Bools(n, out var valid);
        for (var leaf = 0; leaf < plan.Leaves.Length; leaf++)
        {
            var spec = plan.Leaves[leaf];
            switch (spec.Kind)
            {
                case LeafKind.Contributors: acc.CountRows(leaf, slots); break;
                case LeafKind.LastUpdate: acc.Stamp(leaf, slots, chunk.Timestamp); break;
                case LeafKind.CountDistinct: acc.AddDistinct(leaf, slots, view, plan.Calcs[leaf]!); break;
                default:
                    plan.Calcs[leaf]!.Eval(view, values, valid);
                    acc.Add(leaf, spec.Kind, slots, values, valid);
                    break;
            }
        }
    }

    /// <summary>Each row's cell slot, or -1 for rows that do not count.</summary>
    private static void ComputeSlots(ScanPlan plan, int chunkIndex, Chunk chunk, Span<int> slots, Accumulators acc)
    {
        var n = slots.Length;
        using var includeLease = BufferPool.Bools(n, out var include);
        Include(plan, chunkIndex, chunk, include, acc);
        if (plan.Levels.Length == 0)
        {
            slots.Clear();
        }
        else if (plan.Dense)
        {
            // Horner's rule: slot = ((c0 × card1) + c1) × card2 + c2 …, the row's index in the dense cell space.
            plan.Codes(0, chunkIndex, slots);
            if (plan.Levels.Length > 1)
            {
                using var lease = BufferPool.Ints(n, out var codes);
                for (var l = 1; l < plan.Levels.Length; l++)
                {
                    plan.Codes(l, chunkIndex, codes);
                    var cardinality = plan.Cardinalities[l];
                    for (var r = 0; r < n; r++) slots[r] = slots[r] * cardinality + codes[r];
                }
            }
        }
        else
        {
            using var keyLease = BufferPool.Longs(n, out var keys);
            using var lease = BufferPool.Ints(n, out var codes);
            keys.Clear();
            for (var l = 0; l < plan.Levels.Length; l++)
            {
                plan.Codes(l, chunkIndex, codes);
                var stride = plan.Strides[l];
                for (var r = 0; r < n; r++) keys[r] += codes[r] * stride;
            }
            acc.SlotsOf(keys, include, slots);
            return;
        }
        for (var r = 0; r < n; r++)
        {
            if (!include[r]) slots[r] = -1;
        }
    }

    /// <summary>Which rows count: not deleted, matched by every mandatory join, accepted by the filter.</summary>
    private static void Include(ScanPlan plan, int chunkIndex, Chunk chunk, Span<bool> include, Accumulators acc)
    {
        var n = include.Length;
        if (plan.Filter is not null) plan.Filter.Eval(new ChunkView(acc.Scope, chunkIndex), include);
        else include.Fill(true);
        if (chunk.Deleted is { } deleted)
        {
            for (var r = 0; r < n; r++) include[r] &= !Bits.Get(deleted, r);
        }
        foreach (var path in plan.Snapshot.MandatoryPaths)
        {
            var rows = plan.Snapshot.RowsAlong(plan.Snapshot.Graph.Fact, chunkIndex, path)!;
            for (var r = 0; r < n; r++) include[r] &= rows[r] >= 0;
        }
    }
}
