using System.Runtime.CompilerServices;
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
    /// <summary>Numbers as doubles; returns whether some are null, and only then fills <paramref name="valid"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool Doubles(in ChunkView view, TableStore table, ColumnSchema column, Span<double> values, Span<bool> valid)
    {
        var (source, rows) = view.Source(table);
        var (count, offset, sel) = (view.Count, view.Offset, view.Selection);
        if (rows is null)
        {
            var data = source.Chunks[view.Index].Columns[column.Index];
            if (sel is null)
            {
                switch (data)
                {
                    case PrimitiveData<double> d: d.Values.AsSpan(offset, count).CopyTo(values); break;
                    case PackedData p: p.ReadDoubles(offset, count, values); break;
                    case PrimitiveData<int> i: Widen(i.Values.AsSpan(offset, count), values); break;
                    case PrimitiveData<long> l: for (var r = 0; r < count; r++) values[r] = l.Values[offset + r]; break;
                    case PrimitiveData<float> f: for (var r = 0; r < count; r++) values[r] = f.Values[offset + r]; break;
                    case PrimitiveData<DateOnly> day: for (var r = 0; r < count; r++) values[r] = day.Values[offset + r].DayNumber; break;
                    case CodedData: values[..count].Clear(); break;   // strings are only counted
                    default: for (var r = 0; r < count; r++) values[r] = ToDouble(data.GetValue(offset + r)); break;
                }
                if (!data.HasNulls) return false;
                for (var r = 0; r < count; r++) valid[r] = !data.IsNull(offset + r);
                return true;
            }
            switch (data)
            {
                case PrimitiveData<double> d: for (var r = 0; r < count; r++) values[r] = d.Values[sel[r]]; break;
                case PackedData p: p.GatherDoubles(sel.AsSpan(0, count), values); break;
                case PrimitiveData<int> i: for (var r = 0; r < count; r++) values[r] = i.Values[sel[r]]; break;
                case PrimitiveData<long> l: for (var r = 0; r < count; r++) values[r] = l.Values[sel[r]]; break;
                case PrimitiveData<float> f: for (var r = 0; r < count; r++) values[r] = f.Values[sel[r]]; break;
                default: for (var r = 0; r < count; r++) values[r] = ToDouble(data.GetValue(sel[r])); break;
            }
            if (!data.HasNulls) return false;
            for (var r = 0; r < count; r++) valid[r] = !data.IsNull(sel[r]);
            return true;
        }
        using var idLease = BufferPool.Ints(count, out var idBuffer);
        var ids = view.Map(rows, idBuffer);
        var fallback = ToDouble(column.DefaultValue);
        var fallbackValid = column.DefaultValue is not null;
        var hasNulls = false;
        for (var r = 0; r < count; r++)
        {
            var id = ids[r];
            if (id < 0)
            {
                values[r] = fallback;
                valid[r] = fallbackValid;
                hasNulls |= !fallbackValid;
                continue;
            }
            var data = source.Chunks[id >>> Chunk.Shift].Columns[column.Index];
            var at = id & Chunk.OffsetMask;
            var isNull = data.IsNull(at);
            valid[r] = !isNull;
            hasNulls |= isNull;
            values[r] = data switch
            {
                PrimitiveData<double> d => d.Values[at],
                PackedData p => p.Double(at),
                PrimitiveData<int> i => i.Values[at],
                PrimitiveData<long> l => l.Values[at],
                PrimitiveData<float> f => f.Values[at],
                _ => ToDouble(data.GetValue(at)),
            };
        }
        return hasNulls;
    }

    /// <summary>Key-encoded values (see <see cref="KeyEncoding"/>): string codes, integers, day numbers, ticks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Keys(in ChunkView view, TableStore table, ColumnSchema column, Span<long> values)
    {
        var (source, rows) = view.Source(table);
        var (count, offset, sel) = (view.Count, view.Offset, view.Selection);
        if (rows is null)
        {
            var data = source.Chunks[view.Index].Columns[column.Index];
            if (sel is not null)
            {
                for (var r = 0; r < count; r++) values[r] = KeyEncoding.Encode(data, sel[r]);
                return;
            }
            switch (data)
            {
                case CodedData c: for (var r = 0; r < count; r++) values[r] = c.Codes[offset + r] < 0 ? KeyEncoding.Null : c.Codes[offset + r]; break;
                case PackedData p: p.ReadKeys(offset, count, values); break;
                case PrimitiveData<int> i when !i.HasNulls: for (var r = 0; r < count; r++) values[r] = i.Values[offset + r]; break;
                case PrimitiveData<DateOnly> d when !d.HasNulls: for (var r = 0; r < count; r++) values[r] = d.Values[offset + r].DayNumber; break;
                default: for (var r = 0; r < count; r++) values[r] = KeyEncoding.Encode(data, offset + r); break;
            }
            return;
        }
        using var idLease = BufferPool.Ints(count, out var idBuffer);
        var ids = view.Map(rows, idBuffer);
        // An unmatched row reads the default, as a value (not null) even when no row holds it yet.
        KeyEncoding.TryEncodeValue(column, column.DefaultValue, addToDictionary: true, out var fallback);
        for (var r = 0; r < count; r++)
        {
            var id = ids[r];
            values[r] = id < 0 ? fallback : KeyEncoding.Encode(source.Chunks[id >>> Chunk.Shift].Columns[column.Index], id & Chunk.OffsetMask);
        }
    }

    private static void Widen(ReadOnlySpan<int> source, Span<double> target)
    {
        for (var r = 0; r < source.Length; r++) target[r] = source[r];
    }

    /// <summary>The value of a column at a row id of its table, boxed (for previews and members).</summary>
    public static object? Value(TableVersion table, ColumnSchema column, int rowId) =>
        rowId < 0 ? column.DefaultValue : table.GetValue(column.Index, rowId);

    /// <summary>
    /// A value as the scan aggregates it: numbers as they are, dates as day numbers and times of
    /// day and date-times as ticks (their Min and Max come back as dates and times), and other
    /// values as 0 (only counted).
    /// </summary>
    public static double ToDouble(object? value) => value switch
    {
        null => 0,
        double d => d,
        int i => i,
        long l => l,
        float f => f,
        bool b => b ? 1 : 0,
        DateOnly day => day.DayNumber,
        DateTime time => time.Ticks,
        TimeOnly time => time.Ticks,
        DateTimeOffset time => time.UtcTicks,
        string => 0,
        _ => Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture),
    };
}
