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
    /// <summary>Bytes the dense accumulators of one worker may take.</summary>
    private const long DenseBudgetBytes = 192L << 20;

    public ScanPlan(CubeSnapshot snapshot, LevelRef[] levels, RowCondition? filter, AggregateSpec[] leaves, Func<Column, Storage.TableStore> tableOf)
    {
        Snapshot = snapshot;
        Levels = levels;
        Filter = filter;
        Leaves = leaves;
        Calcs = [.. leaves.Select(l => l.Input is null ? null : RowCalc.Compile(l.Input, tableOf))];
        Cardinalities = [.. levels.Select(l => Math.Max(1, l.Hierarchy.Members.Count(l.Depth)))];
        Strides = new long[levels.Length];
        long space = 1;
        for (var i = levels.Length - 1; i >= 0; i--)
        {
            Strides[i] = space;
            space = space > long.MaxValue / Cardinalities[i] ? long.MaxValue : space * Cardinalities[i];
        }
        CellSpace = space;
        Dense = space <= int.MaxValue && space * 8 * (1 + 2 * leaves.Length) <= DenseBudgetBytes;
    }

    public CubeSnapshot Snapshot { get; }
    public LevelRef[] Levels { get; }
    public RowCondition? Filter { get; }
    public AggregateSpec[] Leaves { get; }
    public RowCalc?[] Calcs { get; }
    public int[] Cardinalities { get; }
    public long[] Strides { get; }
    public long CellSpace { get; }
    public bool Dense { get; }

    /// <summary>Member codes of level <paramref name="level"/> for the rows of fact chunk <paramref name="chunk"/>.</summary>
    public void Codes(int level, int chunk, Span<int> codes)
    {
        var (hierarchy, depth) = (Levels[level].Hierarchy, Levels[level].Depth);
        LevelCodes(Snapshot, hierarchy, depth, chunk, codes);
    }

    public static void LevelCodes(CubeSnapshot snapshot, HierarchyIndex hierarchy, int depth, int chunk, Span<int> codes)
    {
        var n = codes.Length;
        if (hierarchy.FactAnchored(snapshot.Graph))
        {
            hierarchy.FactChunkCodes(snapshot, chunk)[depth].AsSpan(0, n).CopyTo(codes);
            return;
        }
        var anchorCodes = hierarchy.AnchorCodes(snapshot)[depth];
        var rows = snapshot.FactRowsOf(hierarchy.Anchor, chunk)!;
        var unmatched = (uint)(anchorCodes.Length - 1);
        for (var r = 0; r < n; r++)
        {
            var id = (uint)rows[r];
            codes[r] = anchorCodes[id < unmatched ? id : unmatched];   // -1 (no match) wraps to the last slot
        }
    }
}
