using System.Runtime.CompilerServices;
using System.Diagnostics;
using Cuboid.Aggregation.Primitives;
using Cuboid.Expressions;
using Cuboid.Storage;

namespace Cuboid.Aggregation;

/// <summary>
/// The hot loop. Each worker takes fact chunks, computes every row's cell (or -1 for rows the
/// filter, a deletion or a mandatory join leaves out), and hands the slice to each aggregation,
/// which evaluates its input for the whole slice into a buffer and accumulates by cell. Workers own their accumulators; the
/// merge at the end adds them up. No boxing, no allocation per row, no hashing per row unless
/// the cell space is too large for dense arrays.
/// </summary>
internal static partial class ScanKernel
{
    /// <summary>
    /// Runs the scan; <paramref name="cancellation"/> is looked at between chunks (and, in a many-to-many scan, whose chunk
    /// may hold any number of (row, cell) pairs, between slices and batches of pairs), and throws OperationCanceledException.
    /// </summary>
    /// <param name="plan">What to compute.</param>
    /// <param name="only">The fact chunks to read (null: all).</param>
    /// <param name="from">For each of <paramref name="only"/>, the first row to read (null: 0): the rows a commit appended to a chunk.</param>
    /// <param name="cancellation">Stops the scan.</param>
    public static AggregateResult Run(ScanPlan plan, int[]? only = null, int[]? from = null, CancellationToken cancellation = default)
    {
        var watch = Stopwatch.StartNew();
        // All the fact chunks, or only some (an incremental update after a commit).
        only ??= [.. Enumerable.Range(0, plan.Snapshot.Fact.Chunks.Length)];
        var chunks = only.Length;
        var rows = 0L;
        for (var i = 0; i < chunks; i++) rows += plan.Snapshot.Fact.Chunks[only[i]].Count - (from?[i] ?? 0);
        using var activity = CuboidTelemetry.Source.StartActivity("cuboid.scan");
        activity?.SetTag("cuboid.scan.chunks", chunks);
        activity?.SetTag("cuboid.scan.rows", rows);
        // One worker per core, each with its own accumulators, over a fixed stripe of chunks
        // (w, w + W, w + 2W…) merged in worker order: the same query on the same data adds its
        // doubles in the same order every time, so results are reproducible to the last bit.
        var workers = Math.Max(1, Math.Min(Environment.ProcessorCount, chunks));
        var partials = new Accumulators[workers];
        try
        {
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellation }, w =>
            {
                var acc = new Accumulators(plan);
                for (var i = w; i < chunks && !cancellation.IsCancellationRequested; i += workers)
                {
                    if (plan.Many is null) ScanChunk(plan, only[i], from?[i] ?? 0, acc);
                    else if (plan.Many.Length == 1) ScanChunkMany(plan, only[i], from?[i] ?? 0, acc, cancellation);
                    else ScanChunkManyJoins(plan, only[i], from?[i] ?? 0, acc, cancellation);
                }
                partials[w] = acc;
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // A data error met by a worker (arrays of two lengths in one cell) reaches the caller as itself.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        cancellation.ThrowIfCancellationRequested();
        var merged = partials.Aggregate((a, b) => a.Merge(b));
        var result = merged.ToResult(watch.Elapsed, rows);
        activity?.SetTag("cuboid.cells", result.CellCount);
        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ScanChunk(ScanPlan plan, int chunkIndex, int first, Accumulators acc)
    {
        var chunk = plan.Snapshot.Fact.Chunks[chunkIndex];
        if (chunk.Count == chunk.DeletedCount) return;
        const int size = ChunkView.VectorSize;
        using var slotLease = BufferPool.Ints(size, out var slotBuffer);
        using var valueLease = BufferPool.Doubles(size, out var valueBuffer);
        using var validLease = BufferPool.Bools(size, out var validBuffer);
        using var includeLease = BufferPool.Bools(size, out var includeBuffer);
        using var selectionLease = BufferPool.Ints(size, out _);
        var selection = selectionLease.Array;
        for (var offset = first; offset < chunk.Count; offset += size)
        {
            var n = Math.Min(size, chunk.Count - offset);
            var view = new ChunkView(acc.Scope, chunkIndex, offset, n);
            var include = includeBuffer[..n];
            var all = Include(plan, view, chunk, include);
            if (!all)
            {
                // A selective filter: gather the kept rows once, and compute only those from here on.
                var kept = Compaction.Positions(include, offset, selection);
                if (kept == 0) continue;
                if (kept <= n - n / 4)
                {
                    view = view.Select(selection, kept);
                    all = true;
                }
            }
            var slots = slotBuffer[..view.Count];
            ComputeSlots(plan, view, slots, all ? default : include, acc);
            acc.Add(new ScanBatch(slots, view, chunk.Timestamp, valueBuffer[..view.Count], validBuffer[..view.Count], oneCell: all && plan.Levels.Length == 0));
        }
    }

    /// <summary>Each row's cell slot, or -1 for rows that do not count (<paramref name="include"/> false; empty: all count).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ComputeSlots(ScanPlan plan, in ChunkView view, Span<int> slots, ReadOnlySpan<bool> include, Accumulators acc)
    {
        var n = slots.Length;
        if (plan.Levels.Length == 0)
        {
            slots.Clear();
        }
        else if (plan.Dense)
        {
            // Horner's rule: slot = ((c0 × card1) + c1) × card2 + c2 …, the row's index in the dense cell space.
            plan.Codes(0, view, slots);
            if (plan.Levels.Length > 1)
            {
                using var lease = BufferPool.Ints(n, out var codes);
                for (var l = 1; l < plan.Levels.Length; l++)
                {
                    plan.Codes(l, view, codes);
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
                plan.Codes(l, view, codes);
                var stride = plan.Strides[l];
                for (var r = 0; r < n; r++) keys[r] += codes[r] * stride;
            }
            acc.SlotsOf(keys, include, slots);
            return;
        }
        if (include.IsEmpty) return;
        for (var r = 0; r < n; r++)
        {
            if (!include[r]) slots[r] = -1;
        }
    }

    /// <summary>Which rows count: not deleted, matched by every mandatory join, accepted by the filter. True when all do.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Include(ScanPlan plan, in ChunkView view, Chunk chunk, Span<bool> include)
    {
        var (n, offset) = (view.Count, view.Offset);
        var all = true;
        if (plan.Filter is not null)
        {
            plan.Filter.Eval(view, include);
            all = false;
        }
        else
        {
            include.Fill(true);
        }
        if (chunk.Deleted is { } deleted)
        {
            for (var r = 0; r < n; r++) include[r] &= !Bits.Get(deleted, offset + r);
            all = false;
        }
        foreach (var rows in plan.Snapshot.MandatoryMaps(view.Index))
        {
            for (var r = 0; r < n; r++) include[r] &= rows[offset + r] >= 0;
            all = false;
        }
        return all;
    }
}
