using Cuboid.Model;

namespace Cuboid.Aggregation;

/// <summary>A level a query groups by: a hierarchy and the depth of the level in it.</summary>
internal sealed record LevelRef(HierarchyIndex Hierarchy, int Depth)
{
    public string Key => $"{Hierarchy.Hierarchy.UniqueName}@{Depth}";
}

/// <summary>The values of one aggregation, one per cell of an <see cref="AggregateResult"/>.</summary>
internal sealed class LeafValues(AggregateSpec spec, double[] values, long[] counts, double[]?[]? vectors = null)
{
    public AggregateSpec Spec { get; } = spec;

    /// <summary>Sum, min, max or last update (ticks) per cell.</summary>
    public double[] Values { get; } = values;

    /// <summary>Non-null values (or distinct values, or contributors) per cell.</summary>
    public long[] Counts { get; } = counts;

    /// <summary>Element-wise sums per cell, for vector leaves (null for a cell with no array).</summary>
    public double[]?[] Vectors { get; } = vectors ?? [];
}

/// <summary>
/// The answer to an aggregation request: the non-empty cells (member codes for each grouped
/// level) and, per cell, the value of each requested aggregation.
/// </summary>
internal sealed class AggregateResult(LevelRef[] levels, int[][] codes, LeafValues[] leaves, TimeSpan elapsed, string source)
{
    public LevelRef[] Levels { get; } = levels;

    /// <summary>Codes[level][cell].</summary>
    public int[][] Codes { get; } = codes;

    public LeafValues[] Leaves { get; } = leaves;

    public int CellCount => Codes.Length == 0 ? Leaves[0].Counts.Length : Codes[0].Length;

    public TimeSpan Elapsed { get; } = elapsed;

    /// <summary>"scan", "cache", "rollup" or "sql": for explain plans.</summary>
    public string Source { get; } = source;

    /// <summary>The SQL sent for it (DirectQuery), for explain plans; null otherwise.</summary>
    public string? Statement { get; init; }

    /// <summary>The fact rows scans read for it (0 when nothing was scanned: the cache, a roll-up, a provider, SQL).</summary>
    public long RowsScanned { get; init; }

    /// <summary>The aggregate provider that answered it (<see cref="Source"/> "provider"), for explain plans; null otherwise.</summary>
    public string? Provider { get; init; }

    /// <summary>These cells only, in this order.</summary>
    public AggregateResult Subset(int[] cells) =>
        new(Levels, [.. Codes.Select(codes => Pick(codes, cells))],
            [.. Leaves.Select(l => new LeafValues(l.Spec, l.Values.Length == 0 ? [] : Pick(l.Values, cells), Pick(l.Counts, cells),
                l.Vectors.Length == 0 ? null : Pick(l.Vectors, cells)))], Elapsed, Source)
        { RowsScanned = RowsScanned };

    /// <summary>The cells of two results of the same levels and aggregations, which have no cell in common.</summary>
    public static AggregateResult Concat(AggregateResult a, AggregateResult b, string source) =>
        new(a.Levels, [.. a.Codes.Select((codes, l) => (int[])[.. codes, .. b.Codes[l]])],
            [.. a.Leaves.Select(l =>
            {
                var other = b.Leaf(l.Spec);
                return new LeafValues(l.Spec, [.. l.Values, .. other.Values], [.. l.Counts, .. other.Counts],
                    l.Vectors.Length == 0 && other.Vectors.Length == 0 ? null : [.. Full(l), .. Full(other)]);
            })], a.Elapsed + b.Elapsed, source)
        { RowsScanned = a.RowsScanned + b.RowsScanned };

    private static double[]?[] Full(LeafValues leaf) => leaf.Vectors.Length == 0 ? new double[]?[leaf.Counts.Length] : leaf.Vectors;

    private static T[] Pick<T>(T[] values, int[] cells)
    {
        var picked = new T[cells.Length];
        for (var i = 0; i < cells.Length; i++) picked[i] = values[cells[i]];
        return picked;
    }

    public LeafValues Leaf(AggregateSpec spec) => Leaves.First(l => l.Spec.Equals(spec));

    private long _bytes;

    /// <summary>About how much memory the result's arrays hold (for the cache's budget): computed once.</summary>
    public long EstimatedBytes
    {
        get
        {
            if (_bytes > 0) return _bytes;
            const long arrayOverhead = 24;
            var bytes = 256L + Codes.Sum(c => arrayOverhead + 4L * c.Length);
            foreach (var leaf in Leaves)
            {
                bytes += 2 * arrayOverhead + 8L * leaf.Values.Length + 8L * leaf.Counts.Length;
                foreach (var vector in leaf.Vectors) bytes += vector is null ? 8 : arrayOverhead + 8L * vector.Length;
            }
            return _bytes = bytes;
        }
    }
}
