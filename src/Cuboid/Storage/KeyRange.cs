using System.Runtime.CompilerServices;

namespace Cuboid.Storage;

/// <summary>
/// The smallest and largest key encoding (see <see cref="KeyEncoding"/>) of a column's values,
/// for integral, date and string columns: what lets a distinct count use bitmaps over the value
/// range instead of hash sets. Computed once per chunk column and kept with it.
/// </summary>
internal static class KeyRange
{
    private static readonly ConditionalWeakTable<ColumnData, StrongBox<(long Min, long Max)>> s_ranges = new();

    public static (long Min, long Max)? Of(TableVersion table, ColumnSchema column)
    {
        if (column.Type == DataType.String) return (0, Math.Max(0, column.Dictionary!.Count - 1));
        if (column.Type is not (DataType.Int or DataType.Long or DataType.LocalDate or DataType.Boolean)) return null;
        long min = long.MaxValue, max = long.MinValue;
        foreach (var chunk in table.Chunks)
        {
            var data = chunk.Columns[column.Index];
            var range = s_ranges.GetValue(data, d => new StrongBox<(long, long)>(Compute(d, chunk.Count))).Value;
            min = Math.Min(min, range.Min);
            max = Math.Max(max, range.Max);
        }
        return min > max ? (0, 0) : (min, max);
    }

    private static (long, long) Compute(ColumnData data, int count)
    {
        long min = long.MaxValue, max = long.MinValue;
        for (var r = 0; r < count; r++)
        {
            var key = KeyEncoding.Encode(data, r);
            if (key == KeyEncoding.Null) continue;
            if (key < min) min = key;
            if (key > max) max = key;
        }
        return (min, max);
    }
}
