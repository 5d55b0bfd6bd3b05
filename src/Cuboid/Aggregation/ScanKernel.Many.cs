using System.Runtime.CompilerServices;
using Cuboid.Aggregation.Primitives;
using Cuboid.Expressions;

namespace Cuboid.Aggregation;

/// <summary>
/// The scan grouped by levels of a many-to-many join's target: each kept fact row is added once to each of its
/// group's distinct cells (<see cref="ManyExpansion"/>).
/// </summary>
internal static partial class ScanKernel
{
    /// <summary>Pairs gathered before they are added: room for four cells a row of a full slice.</summary>
    private const int PairCapacity = 4 * ChunkView.VectorSize;

    /// <summary>
    /// A slice's (row, cell) pairs, in row order: the aggregations evaluate their inputs once over the slice, as a plain
    /// scan does, then add each pair's row to its cell (<see cref="LeafState.AddPairs"/>). Aggregations that cannot
    /// (a distinct count, a quantile) read the pairs through a selection that repeats a row once per cell.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ScanChunkMany(ScanPlan plan, int chunkIndex, int first, Accumulators acc, CancellationToken cancellation)
    {
        var chunk = plan.Snapshot.Fact.Chunks[chunkIndex];
        if (chunk.Count == chunk.DeletedCount) return;
        var many = plan.Many![0];
        var groups = plan.Snapshot.FactGroupsOf(many.Many, chunkIndex);
        var (offsets, cellKeys, stride) = (many.Offsets, many.Keys, many.Stride);
        var none = (uint)(stride - 1);
        var filter = many.Variants > 1 ? (ManyFilter)plan.Filter! : null;
        var inPlace = acc.TakesPairs;
        const int size = ChunkView.VectorSize;
        using var valueLease = BufferPool.Doubles(size, out var values);
        using var validLease = BufferPool.Bools(size, out var valid);
        using var includeLease = BufferPool.Bools(size, out var includeBuffer);
        using var baseLease = BufferPool.Longs(size, out var baseKeys);
        using var codeLease = BufferPool.Ints(size, out var codes);
        using var slotLease = BufferPool.Ints(PairCapacity, out var slots);
        using var keyLease = BufferPool.Longs(PairCapacity, out var keys);
        using var pairLease = BufferPool.Ints(PairCapacity, out _);
        using var variantLease = BufferPool.Bytes(size, out var variants);
        var pairRows = pairLease.Array;
        for (var offset = first; offset < chunk.Count; offset += size)
        {
            cancellation.ThrowIfCancellationRequested();
            var n = Math.Min(size, chunk.Count - offset);
            var view = new ChunkView(acc.Scope, chunkIndex, offset, n);
            var include = includeBuffer[..n];
            Include(plan, view, chunk, include);
            BaseKeys(plan, view, baseKeys[..n], codes[..n]);
            // The filter's variant of each row picks its set of cells (one set without fact-side parts in the join's conditions).
            if (filter is null) variants[..n].Clear();
            else filter.Variants(many.Many, view, variants);
            var pairs = 0;
            for (var r = 0; r < n; r++)
            {
                var g = (uint)groups[offset + r];
                var group = variants[r] * stride + (int)(g < none ? g : none);   // -1 (no group) wraps to the last
                var start = offsets[group];
                var count = include[r] ? offsets[group + 1] - start : 0;
                if (pairs > PairCapacity - 2)
                {
                    cancellation.ThrowIfCancellationRequested();   // a tag shared by millions of rows makes any number of pairs
                    pairs = AddPairs(plan, acc, view, inPlace, pairRows, keys, pairs, slots, values, valid);
                }
                // A row has one or two cells most often: both written, kept by a count instead of a branch that would
                // mispredict at every other row (Keys has two entries of padding).
                var baseKey = baseKeys[r];
                pairRows[pairs] = r;
                keys[pairs] = baseKey + cellKeys[start];
                pairs += count > 0 ? 1 : 0;
                pairRows[pairs] = r;
                keys[pairs] = baseKey + cellKeys[start + 1];
                pairs += count > 1 ? 1 : 0;
                for (var k = 2; k < count; k++)
                {
                    if (pairs == PairCapacity)
                    {
                        cancellation.ThrowIfCancellationRequested();
                        pairs = AddPairs(plan, acc, view, inPlace, pairRows, keys, pairs, slots, values, valid);
                    }
                    pairRows[pairs] = r;
                    keys[pairs++] = baseKey + cellKeys[start + k];
                }
            }
            if (pairs > 0) AddPairs(plan, acc, view, inPlace, pairRows, keys, pairs, slots, values, valid);
        }
    }

    /// <summary>
    /// A scan grouped by levels of several many-to-many joins' targets (tags of the product, interests of the customer): a
    /// fact's cells are the cross product of its cells along each join, walked as an odometer. Rarer than one join, so
    /// without <see cref="ScanChunkMany"/>'s branch-free writes.
    /// </summary>
    private static void ScanChunkManyJoins(ScanPlan plan, int chunkIndex, int first, Accumulators acc, CancellationToken cancellation)
    {
        var chunk = plan.Snapshot.Fact.Chunks[chunkIndex];
        if (chunk.Count == chunk.DeletedCount) return;
        var expansions = plan.Many!;
        var joins = expansions.Length;
        var groups = expansions.Select(e => plan.Snapshot.FactGroupsOf(e.Many, chunkIndex)).ToArray();
        var inPlace = acc.TakesPairs;
        const int size = ChunkView.VectorSize;
        using var valueLease = BufferPool.Doubles(size, out var values);
        using var validLease = BufferPool.Bools(size, out var valid);
        using var includeLease = BufferPool.Bools(size, out var includeBuffer);
        using var baseLease = BufferPool.Longs(size, out var baseKeys);
        using var codeLease = BufferPool.Ints(size, out var codes);
        using var slotLease = BufferPool.Ints(PairCapacity, out var slots);
        using var keyLease = BufferPool.Longs(PairCapacity, out var keys);
        using var pairLease = BufferPool.Ints(PairCapacity, out _);
        var pairRows = pairLease.Array;
        var variants = expansions.Select(_ => new byte[size]).ToArray();
        Span<int> starts = stackalloc int[joins];
        Span<int> counts = stackalloc int[joins];
        Span<int> digits = stackalloc int[joins];
        for (var offset = first; offset < chunk.Count; offset += size)
        {
            cancellation.ThrowIfCancellationRequested();
            var n = Math.Min(size, chunk.Count - offset);
            var view = new ChunkView(acc.Scope, chunkIndex, offset, n);
            var include = includeBuffer[..n];
            Include(plan, view, chunk, include);
            BaseKeys(plan, view, baseKeys[..n], codes[..n]);
            for (var e = 0; e < joins; e++)
            {
                if (expansions[e].Variants > 1) ((ManyFilter)plan.Filter!).Variants(expansions[e].Many, view, variants[e]);
                else Array.Clear(variants[e]);
            }
            var pairs = 0;
            for (var r = 0; r < n; r++)
            {
                if (!include[r]) continue;
                var cells = 1L;
                for (var e = 0; e < joins; e++)
                {
                    var expansion = expansions[e];
                    var g = (uint)groups[e][offset + r];
                    var none = (uint)(expansion.Stride - 1);
                    var group = variants[e][r] * expansion.Stride + (int)(g < none ? g : none);
                    starts[e] = expansion.Offsets[group];
                    counts[e] = expansion.Offsets[group + 1] - starts[e];
                    digits[e] = 0;
                    cells *= counts[e];
                }
                for (var c = 0L; c < cells; c++)
                {
                    if (pairs == PairCapacity)
                    {
                        cancellation.ThrowIfCancellationRequested();
                        pairs = AddPairs(plan, acc, view, inPlace, pairRows, keys, pairs, slots, values, valid);
                    }
                    var key = baseKeys[r];
                    for (var e = 0; e < joins; e++) key += expansions[e].Keys[starts[e] + digits[e]];
                    pairRows[pairs] = r;
                    keys[pairs++] = key;
                    for (var e = joins - 1; e >= 0 && ++digits[e] == counts[e]; e--) digits[e] = 0;   // the next combination
                }
            }
            if (pairs > 0) AddPairs(plan, acc, view, inPlace, pairRows, keys, pairs, slots, values, valid);
        }
    }

    /// <summary>Each row's cell key along the plan's levels that no many-to-many join expands (Σ code × stride), as a hash-mode scan computes it.</summary>
    private static void BaseKeys(ScanPlan plan, in ChunkView view, Span<long> baseKeys, Span<int> codes)
    {
        baseKeys.Clear();
        for (var l = 0; l < plan.Levels.Length; l++)
        {
            var expanded = false;
            foreach (var expansion in plan.Many!) expanded |= expansion.IsManyLevel[l];
            if (expanded) continue;
            plan.Codes(l, view, codes);
            var stride = plan.Strides[l];
            for (var r = 0; r < baseKeys.Length; r++) baseKeys[r] += codes[r] * stride;
        }
    }

    /// <summary>Accumulates the first <paramref name="pairs"/> (row of <paramref name="view"/>, cell key) pairs; returns 0, the pairs left.</summary>
    private static int AddPairs(ScanPlan plan, Accumulators acc, in ChunkView view, bool inPlace, int[] rows, Span<long> keys, int pairs,
        Span<int> slots, Span<double> values, Span<bool> valid)
    {
        var pairSlots = slots[..pairs];
        if (plan.Dense)
        {
            for (var p = 0; p < pairs; p++) pairSlots[p] = (int)keys[p];
        }
        else
        {
            acc.SlotsOf(keys[..pairs], default, pairSlots);
        }
        var timestamp = view.Chunk.Timestamp;
        if (inPlace)
        {
            acc.AddPairs(new ScanBatch(pairSlots, view, timestamp, values[..view.Count], valid[..view.Count]), rows.AsSpan(0, pairs));
            return 0;
        }
        // Through a selection of the pairs' rows, a vector at a time (the value buffers hold one).
        using var selectionLease = BufferPool.Ints(ChunkView.VectorSize, out _);
        var selection = selectionLease.Array;
        for (var start = 0; start < pairs; start += ChunkView.VectorSize)
        {
            var count = Math.Min(ChunkView.VectorSize, pairs - start);
            for (var p = 0; p < count; p++) selection[p] = view.Offset + rows[start + p];
            acc.Add(new ScanBatch(pairSlots.Slice(start, count), view.Select(selection, count), timestamp, values[..count], valid[..count]));
        }
        return 0;
    }
}
