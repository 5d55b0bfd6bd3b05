using Cuboid.Storage;

namespace Cuboid.Expressions;

/// <summary>
/// A column of the scope's base table against numbers, every comparison holding: on a packed chunk,
/// their common range of packed offsets (<see cref="PackedRange"/>) is tested without decoding a
/// value; anything else (plain arrays, a joined table's column) compares the decoded doubles
/// (<paramref name="general"/>).
/// </summary>
internal sealed class ColumnComparison(TableStore table, ColumnSchema column, (ComparisonOperator Op, double Constant)[] tests, RowCondition general) : RowCondition
{
    /// <summary>A chunk's range, found once: a scan asks slice after slice (workers take different chunks).</summary>
    private sealed record Known(PackedData Data, PackedRange? Range);

    private Known?[] _known = [];

    public override void Eval(in ChunkView view, Span<bool> result)
    {
        var (source, rows) = view.Source(table);
        if (rows is not null || source.Chunks[view.Index].Columns[column.Index] is not PackedData { Kind: PackedData.ValueKind.Int or PackedData.ValueKind.Long or PackedData.ValueKind.Double } packed
            || RangeOf(packed, view.Index, source.Chunks.Length) is not { } range)
        {
            general.Eval(view, result);
            return;
        }
        packed.Test(range, view.Offset, view.Count, view.Selection is { } selection ? selection.AsSpan(0, view.Count) : default, result);
    }

    /// <summary>The offsets every comparison accepts; null when they do not make one range (two ≠, say).</summary>
    private PackedRange? RangeOf(PackedData packed, int chunk, int chunks)
    {
        var known = _known;
        if (known.Length != chunks) _known = known = new Known?[chunks];   // a new version: one slot a chunk (a lost race costs a recomputation)
        if (known[chunk] is { } k && ReferenceEquals(k.Data, packed)) return k.Range;
        PackedRange? range = PackedRange.Of(packed, tests[0].Op, tests[0].Constant);
        for (var t = 1; t < tests.Length && range is { } r; t++) range = r.Intersect(PackedRange.Of(packed, tests[t].Op, tests[t].Constant));
        known[chunk] = new Known(packed, range);
        return range;
    }
}
