using System.Buffers;
using System.Runtime.CompilerServices;
using Cuboid.Aggregation.Primitives;
using Cuboid.Expressions;
using Cuboid.Storage;

namespace Cuboid.Aggregation;

/// <summary>
/// The scan grouped by levels of a many-to-many join's target: each kept fact row is added once to each of its
/// group's distinct cells (<see cref="ManyExpansion"/>), as (row, cell) pairs gathered a slice at a time. The
/// aggregations evaluate their inputs once over the slice, as a plain scan does, then add each pair's row to its cell
/// (<see cref="LeafState.AddPairs"/>); those that cannot (a distinct count, a quantile) read the pairs through a
/// selection that repeats a row once per cell. The cancellation is looked at between batches of pairs: one chunk
/// may hold any number of them (a tag shared by millions of rows).
/// </summary>
internal static partial class ScanKernel
{
    /// <summary>Pairs gathered before they are added: room for four cells a row of a full slice.</summary>
    private const int PairCapacity = 4 * ChunkView.VectorSize;

    /// <summary>One join (the common case): a row's first two cells are written without a branch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ScanChunkMany(ScanPlan plan, int chunkIndex, int first, Accumulators acc, CancellationToken cancellation)
    {
        var chunk = plan.Snapshot.Fact.Chunks[chunkIndex];
        if (chunk.Count == chunk.DeletedCount) return;
        var many = plan.Many![0];
        var groups = plan.Snapshot.FactGroupsOf(many.Many, chunkIndex);
        var (offsets, cellKeys, stride) = (many.Offsets, many.Keys, many.Stride);
        var none = (uint)(stride - 1);
        using var scratch = new PairScratch(plan, acc, 1);
        var (variants, include, baseKeys, rows, keys) = (scratch.Variants[0], scratch.Kept, scratch.BaseKeys, scratch.Rows, scratch.Keys);
        for (var offset = first; offset < chunk.Count; offset += ChunkView.VectorSize)
        {
            cancellation.ThrowIfCancellationRequested();
            var view = scratch.Begin(chunk, chunkIndex, offset);
            var pairs = 0;
            for (var r = 0; r < view.Count; r++)
            {
                var g = (uint)groups[offset + r];
                var group = variants[r] * stride + (int)(g < none ? g : none);   // -1 (no group) wraps to the last
                var start = offsets[group];
                var count = include[r] ? offsets[group + 1] - start : 0;
                if (pairs > PairCapacity - 2)
                {
                    cancellation.ThrowIfCancellationRequested();
                    pairs = scratch.Add(view, pairs);
                }
                // A row has one or two cells most often: both written, kept by a count instead of a branch that would
                // mispredict at every other row (Keys has two entries of padding).
                var baseKey = baseKeys[r];
                rows[pairs] = r;
                keys[pairs] = baseKey + cellKeys[start];
                pairs += count > 0 ? 1 : 0;
                rows[pairs] = r;
                keys[pairs] = baseKey + cellKeys[start + 1];
                pairs += count > 1 ? 1 : 0;
                for (var k = 2; k < count; k++)
                {
                    if (pairs == PairCapacity)
                    {
                        cancellation.ThrowIfCancellationRequested();
                        pairs = scratch.Add(view, pairs);
                    }
                    rows[pairs] = r;
                    keys[pairs++] = baseKey + cellKeys[start + k];
                }
            }
            if (pairs > 0) scratch.Add(view, pairs);
        }
    }

    /// <summary>
    /// Several joins (tags of the product, labels of the shop): a fact's cells are the cross product of its cells along
    /// each, walked as an odometer.
    /// </summary>
    private static void ScanChunkManyJoins(ScanPlan plan, int chunkIndex, int first, Accumulators acc, CancellationToken cancellation)
    {
        var chunk = plan.Snapshot.Fact.Chunks[chunkIndex];
        if (chunk.Count == chunk.DeletedCount) return;
        var expansions = plan.Many!;
        var joins = expansions.Length;
        var groups = expansions.Select(e => plan.Snapshot.FactGroupsOf(e.Many, chunkIndex)).ToArray();
        using var scratch = new PairScratch(plan, acc, joins);
        var (variants, include, baseKeys, rows, keys) = (scratch.Variants, scratch.Kept, scratch.BaseKeys, scratch.Rows, scratch.Keys);
        Span<int> starts = stackalloc int[joins];
        Span<int> counts = stackalloc int[joins];
        Span<int> digits = stackalloc int[joins];
        for (var offset = first; offset < chunk.Count; offset += ChunkView.VectorSize)
        {
            cancellation.ThrowIfCancellationRequested();
            var view = scratch.Begin(chunk, chunkIndex, offset);
            var pairs = 0;
            for (var r = 0; r < view.Count; r++)
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
                        pairs = scratch.Add(view, pairs);
                    }
                    var key = baseKeys[r];
                    for (var e = 0; e < joins; e++) key += expansions[e].Keys[starts[e] + digits[e]];
                    rows[pairs] = r;
                    keys[pairs++] = key;
                    for (var e = joins - 1; e >= 0 && ++digits[e] == counts[e]; e--) digits[e] = 0;   // the next combination
                }
            }
            if (pairs > 0) scratch.Add(view, pairs);
        }
    }

    /// <summary>One worker's buffers for a chunk of a many-to-many scan, what a slice starts with, and how its pairs are added.</summary>
    private sealed class PairScratch : IDisposable
    {
        private readonly ScanPlan _plan;
        private readonly Accumulators _acc;
        private readonly bool _inPlace;
        private readonly bool[] _expanded;   // by level: one of a many-to-many join's, its cells come from the expansion
        private readonly double[] _values = ArrayPool<double>.Shared.Rent(ChunkView.VectorSize);
        private readonly bool[] _valid = ArrayPool<bool>.Shared.Rent(ChunkView.VectorSize);
        private readonly int[] _codes = ArrayPool<int>.Shared.Rent(ChunkView.VectorSize);
        private readonly int[] _slots = ArrayPool<int>.Shared.Rent(PairCapacity);
        private readonly int[] _selection = ArrayPool<int>.Shared.Rent(ChunkView.VectorSize);

        public PairScratch(ScanPlan plan, Accumulators acc, int joins)
        {
            (_plan, _acc, _inPlace) = (plan, acc, acc.TakesPairs);
            _expanded = [.. Enumerable.Range(0, plan.Levels.Length).Select(l => plan.Many!.Any(e => e.IsManyLevel[l]))];
            Variants = [.. Enumerable.Range(0, joins).Select(_ => ArrayPool<byte>.Shared.Rent(ChunkView.VectorSize))];
        }

        /// <summary>By join, each row's variant of the filter's conditions on it: which set of cells it takes.</summary>
        public byte[][] Variants { get; }

        /// <summary>Whether each row of the slice counts (the filter, deletions, mandatory joins).</summary>
        public bool[] Kept { get; } = ArrayPool<bool>.Shared.Rent(ChunkView.VectorSize);

        /// <summary>Each row's cell key along the levels no many-to-many join expands.</summary>
        public long[] BaseKeys { get; } = ArrayPool<long>.Shared.Rent(ChunkView.VectorSize);

        /// <summary>The pairs: a row of the slice, and its cell's key.</summary>
        public int[] Rows { get; } = ArrayPool<int>.Shared.Rent(PairCapacity);

        public long[] Keys { get; } = ArrayPool<long>.Shared.Rent(PairCapacity);

        /// <summary>The slice of the chunk at <paramref name="offset"/>: which rows count, their keys along the other levels, their variants.</summary>
        public ChunkView Begin(Chunk chunk, int chunkIndex, int offset)
        {
            var n = Math.Min(ChunkView.VectorSize, chunk.Count - offset);
            var view = new ChunkView(_acc.Scope, chunkIndex, offset, n);
            ScanKernel.Include(_plan, view, chunk, Kept.AsSpan(0, n));
            var baseKeys = BaseKeys.AsSpan(0, n);
            baseKeys.Clear();
            for (var l = 0; l < _plan.Levels.Length; l++)
            {
                if (_expanded[l]) continue;
                _plan.Codes(l, view, _codes.AsSpan(0, n));
                var stride = _plan.Strides[l];
                for (var r = 0; r < n; r++) baseKeys[r] += _codes[r] * stride;
            }
            for (var e = 0; e < Variants.Length; e++)
            {
                if (_plan.Many![e].Variants > 1) ((ManyFilter)_plan.Filter!).Variants(_plan.Many[e].Many, view, Variants[e]);
                else Array.Clear(Variants[e], 0, n);
            }
            return view;
        }

        /// <summary>Accumulates the first <paramref name="pairs"/> pairs of <paramref name="view"/>; returns 0, the pairs left.</summary>
        public int Add(in ChunkView view, int pairs)
        {
            var slots = _slots.AsSpan(0, pairs);
            if (_plan.Dense)
            {
                for (var p = 0; p < pairs; p++) slots[p] = (int)Keys[p];
            }
            else
            {
                _acc.SlotsOf(Keys.AsSpan(0, pairs), default, slots);
            }
            var timestamp = view.Chunk.Timestamp;
            if (_inPlace)
            {
                _acc.AddPairs(new ScanBatch(slots, view, timestamp, _values.AsSpan(0, view.Count), _valid.AsSpan(0, view.Count)), Rows.AsSpan(0, pairs));
                return 0;
            }
            // Through a selection of the pairs' rows, a vector at a time (the value buffers hold one).
            for (var start = 0; start < pairs; start += ChunkView.VectorSize)
            {
                var count = Math.Min(ChunkView.VectorSize, pairs - start);
                for (var p = 0; p < count; p++) _selection[p] = view.Offset + Rows[start + p];
                _acc.Add(new ScanBatch(slots.Slice(start, count), view.Select(_selection, count), timestamp, _values.AsSpan(0, count), _valid.AsSpan(0, count)));
            }
            return 0;
        }

        public void Dispose()
        {
            ArrayPool<double>.Shared.Return(_values);
            ArrayPool<bool>.Shared.Return(_valid);
            ArrayPool<int>.Shared.Return(_codes);
            ArrayPool<int>.Shared.Return(_slots);
            ArrayPool<int>.Shared.Return(_selection);
            ArrayPool<bool>.Shared.Return(Kept);
            ArrayPool<long>.Shared.Return(BaseKeys);
            ArrayPool<int>.Shared.Return(Rows);
            ArrayPool<long>.Shared.Return(Keys);
            foreach (var variants in Variants) ArrayPool<byte>.Shared.Return(variants);
        }
    }
}
