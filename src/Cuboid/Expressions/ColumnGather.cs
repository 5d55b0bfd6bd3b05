using Cuboid.Storage;

namespace Cuboid.Expressions;

/// <summary>
/// Reads one column for the rows of a base chunk into a flat buffer: straight from the chunk's
/// array for the base table, or through the row map for a joined table (an unmatched row reads
/// the column's default value, as Atoti shows missing joins). One type switch per chunk, then a
/// plain loop.
/// </summary>
internal static class ColumnGather
{
    /// <summary>Numbers as doubles; <paramref name="valid"/> is false for nulls.</summary>
    public static void Doubles(in ChunkView view, TableStore table, ColumnSchema column, Span<double> values, Span<bool> valid)
    {
        var (source, rows) = view.Source(column, table);
        var count = view.Count;
        if (rows is null)
        {
            var data = source.Chunks[view.Index].Columns[column.Index];
            switch (data)
            {
                case PrimitiveData<double> d: d.Values.AsSpan(0, count).CopyTo(values); break;
                case PrimitiveData<int> i: for (var r = 0; r < count; r++) values[r] = i.Values[r]; break;
                case PrimitiveData<long> l: for (var r = 0; r < count; r++) values[r] = l.Values[r]; break;
                case PrimitiveData<float> f: for (var r = 0; r < count; r++) values[r] = f.Values[r]; break;
                default: for (var r = 0; r < count; r++) values[r] = ToDouble(data.GetValue(r)); break;
            }
            if (data.HasNulls) for (var r = 0; r < count; r++) valid[r] = !data.IsNull(r);
            else valid[..count].Fill(true);
            return;
        }
        var fallback = ToDouble(column.DefaultValue);
        var fallbackValid = column.DefaultValue is not null;
        for (var r = 0; r < count; r++)
        {
            var id = rows[r];
            if (id < 0) { values[r] = fallback; valid[r] = fallbackValid; continue; }
            var data = source.Chunks[id >>> Chunk.Shift].Columns[column.Index];
            var offset = id & Chunk.OffsetMask;
            valid[r] = !data.IsNull(offset);
            values[r] = data switch
            {
                PrimitiveData<double> d => d.Values[offset],
                PrimitiveData<int> i => i.Values[offset],
                PrimitiveData<long> l => l.Values[offset],
                PrimitiveData<float> f => f.Values[offset],
                _ => ToDouble(data.GetValue(offset)),
            };
        }
    }

    /// <summary>Key-encoded values (see <see cref="KeyEncoding"/>): string codes, integers, day numbers, ticks.</summary>
    public static void Keys(in ChunkView view, TableStore table, ColumnSchema column, Span<long> values)
    {
        var (source, rows) = view.Source(column, table);
        var count = view.Count;
        if (rows is null)
        {
            var data = source.Chunks[view.Index].Columns[column.Index];
            switch (data)
            {
                case CodedData c: for (var r = 0; r < count; r++) values[r] = c.Codes[r] < 0 ? KeyEncoding.Null : c.Codes[r]; break;
                case PrimitiveData<int> i when !i.HasNulls: for (var r = 0; r < count; r++) values[r] = i.Values[r]; break;
                default: for (var r = 0; r < count; r++) values[r] = KeyEncoding.Encode(data, r); break;
            }
            return;
        }
        KeyEncoding.TryEncodeValue(column, column.DefaultValue, addToDictionary: false, out var fallback);
        for (var r = 0; r < count; r++)
        {
            var id = rows[r];
            values[r] = id < 0 ? fallback : KeyEncoding.Encode(source.Chunks[id >>> Chunk.Shift].Columns[column.Index], id & Chunk.OffsetMask);
        }
    }

    /// <summary>The value of a column at a row id of its table, boxed (for previews and members).</summary>
    public static object? Value(TableVersion table, ColumnSchema column, int rowId) =>
        rowId < 0 ? column.DefaultValue : table.GetValue(column.Index, rowId);

    public static double ToDouble(object? value) => value switch
    {
        null => 0,
        double d => d,
        int i => i,
        long l => l,
        float f => f,
        bool b => b ? 1 : 0,
        _ => Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture),
    };
}
