using Cuboid.Storage;
using Microsoft.Data.Analysis;

namespace Cuboid.Loading;

/// <summary>
/// Reads a data frame (Atoti's read_pandas) column by column. A numeric, boolean or date-time
/// column of the table's type is copied from the frame's buffers in blocks when it has no null,
/// read typed and unboxed otherwise; other columns go through the table's conversions.
/// </summary>
internal static class DataFrameSource
{
    /// <summary>Rows read per segment: a frame is long-indexed, a segment is not.</summary>
    private const int Segment = 1 << 20;

    public static DataType? TypeOf(Type clr) => clr switch
    {
        _ when clr == typeof(bool) => DataType.Boolean,
        _ when clr == typeof(int) || clr == typeof(short) || clr == typeof(byte) || clr == typeof(sbyte) || clr == typeof(ushort) => DataType.Int,
        _ when clr == typeof(long) || clr == typeof(uint) => DataType.Long,
        _ when clr == typeof(float) => DataType.Float,
        _ when clr == typeof(double) || clr == typeof(decimal) => DataType.Double,
        _ when clr == typeof(string) => DataType.String,
        _ when clr == typeof(DateTime) => DataType.LocalDateTime,
        _ => null,
    };

    public static LoadResult Read(DataFrame frame, TableStore table, IProgress<long>? progress)
    {
        var columns = table.Columns.Select(c => frame.Columns.FirstOrDefault(f => f.Name == c.Name)
            ?? throw new LoadException($"The data frame has no column '{c.Name}' for table '{table.Name}' (its columns: {string.Join(", ", frame.Columns.Select(f => f.Name))}).", [])).ToArray();
        var result = new LoadResult();
        for (var first = 0L; first < frame.Rows.Count; first += Segment)
        {
            var rows = (int)Math.Min(Segment, frame.Rows.Count - first);
            var offset = first;
            result.Add(ColumnarBatches.Read(table, rows, "data frame", first,
                (c, start, count, builder, isKey, failures) => Fill(columns[c], offset, start, count, builder, isKey, failures)));
            progress?.Report(result.RowsRead);
        }
        return result;
    }

    private static void Fill(DataFrameColumn column, long offset, int start, int count, ColumnBuilder builder, bool isKey, RowFailures failures)
    {
        if (Typed<int>(column, offset, start, count, builder, isKey, failures)
            || Typed<long>(column, offset, start, count, builder, isKey, failures)
            || Typed<double>(column, offset, start, count, builder, isKey, failures)
            || Typed<float>(column, offset, start, count, builder, isKey, failures)
            || Typed<bool>(column, offset, start, count, builder, isKey, failures)
            || Typed<DateTime>(column, offset, start, count, builder, isKey, failures))
        {
            return;
        }
        if (builder is StringColumnBuilder strings && column is StringDataFrameColumn or ArrowStringDataFrameColumn)
        {
            for (var r = start; r < start + count; r++)
            {
                var value = (string?)column[offset + r];
                strings.Add(value);
                if (isKey && value is null) failures.Add(r, strings.NullKey);
            }
            return;
        }
        for (var r = start; r < start + count; r++)
        {
            var value = column[offset + r];
            failures.AddChecked(builder, r, value is decimal d ? (double)d : value, isKey);
        }
    }

    /// <summary>A column of the table's own type: block copies from the frame's buffers when nothing is null, a typed read otherwise.</summary>
    private static bool Typed<T>(DataFrameColumn column, long offset, int start, int count, ColumnBuilder builder, bool isKey, RowFailures failures) where T : unmanaged
    {
        if (column is not PrimitiveDataFrameColumn<T> typed || builder is not PrimitiveBuilder<T> target) return false;
        if (typed.NullCount == 0)
        {
            var from = offset + start;
            var left = count;
            foreach (var buffer in typed.GetReadOnlyDataBuffers())
            {
                if (from >= buffer.Length)
                {
                    from -= buffer.Length;
                    continue;
                }
                var take = (int)Math.Min(left, buffer.Length - from);
                target.AddRange(buffer.Span.Slice((int)from, take));
                left -= take;
                from = 0;
                if (left == 0) break;
            }
            return true;
        }
        for (var r = start; r < start + count; r++)
        {
            var value = typed[offset + r];
            ((ITypedAdd<T?>)target).Add(value);
            if (isKey && value is null) failures.Add(r, target.NullKey);
        }
        return true;
    }
}
