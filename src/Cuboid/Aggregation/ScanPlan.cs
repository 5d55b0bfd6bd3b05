using System.Runtime.CompilerServices;
using Cuboid.Expressions;
using Cuboid.Model;

namespace Cuboid.Aggregation;

/// <summary>
/// A scan made ready to run: the levels with their cardinalities and strides (the cell of a row
/// is the mixed-radix number Σ code × stride), the filter, and the compiled inputs of each
/// aggregation. The cell space decides the kernel: dense arrays indexed by cell when it is
/// small enough, a hash of cell keys otherwise.
/// </summary>
internal sealed class ScanPlan
{
    /// <summary>
    /// Bytes the dense accumulators of one worker may take: a sixteenth of the memory the process
    /// may use, between 192 MB and 1 GB. Past it a scan hashes its cell keys, which costs a cache
    /// miss or more a row once the cells are millions (10M customers at 100M rows: 11 s hashed).
    /// </summary>
    public static readonly long DenseBudgetBytes = Math.Clamp(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 16, 192L << 20, 1L << 30);

    public ScanPlan(CubeSnapshot snapshot, LevelRef[] levels, RowCondition? filter, AggregateSpec[] leaves, Func<Column, Storage.TableStore> tableOf)
    {
        if (leaves.Length == 0 || !leaves[0].Equals(AggregateSpec.Contributors)) throw new ArgumentException("A scan's first aggregation must be the contributors count.", nameof(leaves));
        Snapshot = snapshot;
        Levels = levels;
        Filter = filter;
        Leaves = leaves;
        Calcs = [.. leaves.Select(l => l.Input is null ? null : l.Primitive.CompileInput(l.Input, tableOf))];
        Cardinalities = [.. levels.Select(l => Math.Max(1, l.Hierarchy.Members.Count(l.Depth)))];
        Strides = new long[levels.Length];
        long space = 1;
        for (var i = levels.Length - 1; i >= 0; i--)
        {
            Strides[i] = space;
            space = space > long.MaxValue / Cardinalities[i] ? long.MaxValue : space * Cardinalities[i];
        }
        CellSpace = space;
        // Dense arrays cost the whole cell space (zeroed, merged, walked); a selective filter leaves
        // few rows to fill it (SSB's Q4.3: 1.75M cells for a few thousand rows), which a hash takes cheaper.
        Dense = space <= int.MaxValue && space * 8 * (1 + 2 * leaves.Length) <= DenseBudgetBytes
            && (space <= 1 << 16 || filter is null || space <= 4 * filter.Selectivity * snapshot.Fact.Chunks.Sum(c => (long)c.Count - c.DeletedCount));
        Prepared = [.. leaves.Select((l, i) => l.Primitive.Prepare(this, i))];
        Many = ManyExpansion.Of(this);
    }

    /// <summary>
    /// When some level is on the target of a many-to-many join (Tags), each fact row's distinct cells along those levels,
    /// one expansion per such join (<see cref="ManyExpansion"/>): the kernel then adds a fact once to each of its cells.
    /// Null: one cell per fact row.
    /// </summary>
    public ManyExpansion[]? Many { get; }

    /// <summary>Per aggregation, what its primitive decided once for all workers (<see cref="Primitives.Primitive.Prepare"/>).</summary>
    public object?[] Prepared { get; }

    public CubeSnapshot Snapshot { get; }
    public LevelRef[] Levels { get; }
    public RowCondition? Filter { get; }
    public AggregateSpec[] Leaves { get; }
    public RowCalc?[] Calcs { get; }
    public int[] Cardinalities { get; }
    public long[] Strides { get; }
    public long CellSpace { get; }
    public bool Dense { get; }

    /// <summary>Member codes of level <paramref name="level"/> for the rows of a slice of a fact chunk.</summary>
    public void Codes(int level, in ChunkView view, Span<int> codes) =>
        LevelCodes(Snapshot, Levels[level].Hierarchy, Levels[level].Depth, view, codes);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Widen<T>(T[] narrow, int offset, int n, int[]? sel, Span<int> codes) where T : unmanaged, System.Numerics.IBinaryInteger<T>
    {
        if (sel is null)
        {
            var slice = narrow.AsSpan(offset, n);
            for (var r = 0; r < slice.Length; r++) codes[r] = int.CreateTruncating(slice[r]);
        }
        else
        {
            for (var r = 0; r < n; r++) codes[r] = int.CreateTruncating(narrow[sel[r]]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void LevelCodes(CubeSnapshot snapshot, HierarchyIndex hierarchy, int depth, in ChunkView view, Span<int> codes)
    {
        var (n, offset, sel) = (view.Count, view.Offset, view.Selection);
        if (hierarchy.FactAnchored(snapshot.Graph))
        {
            var factCodes = hierarchy.FactChunkCodes(snapshot, view.Index)[depth];
            if (sel is null) factCodes.AsSpan(offset, n).CopyTo(codes);
            else for (var r = 0; r < n; r++) codes[r] = factCodes[sel[r]];
            return;
        }
        switch (hierarchy.NarrowFactCodes(snapshot, depth, view.Index))
        {
            case byte[] bytes:
                Widen(bytes, offset, n, sel, codes);
                return;
            case ushort[] shorts:
                Widen(shorts, offset, n, sel, codes);
                return;
        }
        var anchorCodes = hierarchy.AnchorCodes(snapshot)[depth];
        using var idLease = Expressions.BufferPool.Ints(n, out var idBuffer);
        var rows = view.Map(snapshot.FactRowsOf(hierarchy.Anchor, view.Index)!, idBuffer);
        var unmatched = (uint)(anchorCodes.Length - 1);
        if (hierarchy.AnchorIdentity(snapshot)[depth])
        {
            var unmatchedCode = anchorCodes[^1];
            for (var r = 0; r < rows.Length; r++)
            {
                var id = (uint)rows[r];
                codes[r] = id < unmatched ? (int)id : unmatchedCode;
            }
            return;
        }
        for (var r = 0; r < rows.Length; r++)
        {
            var id = (uint)rows[r];
            codes[r] = anchorCodes[id < unmatched ? id : unmatched];   // -1 (no match) wraps to the last slot
        }
    }
}
