using System.Buffers;
using System.Text;
using Apache.Arrow;
using Apache.Arrow.Types;
using Cuboid.Storage;

namespace Cuboid.Loading;

/// <summary>
/// Reads Arrow record batches column by column into chunk-sized batches. A column whose Arrow
/// layout is the table's (int32, int64, float, double without nulls) goes over in one block copy
/// of its value buffer; strings are coded straight from their UTF-8 bytes (a dictionary-encoded
/// column maps each dictionary entry once); other types go through the table's conversions, and
/// a value a column cannot take rejects its row, named by its position in the stream.
/// </summary>
internal static class ArrowSource
{
    /// <summary>The Cuboid type of an Arrow type; null when Cuboid cannot store it.</summary>
    public static DataType? TypeOf(IArrowType type) => type switch
    {
        BooleanType => DataType.Boolean,
        Int8Type or Int16Type or Int32Type or UInt8Type or UInt16Type => DataType.Int,
        Int64Type or UInt32Type => DataType.Long,
        FloatType or HalfFloatType => DataType.Float,
        DoubleType or Decimal128Type => DataType.Double,
        StringType or LargeStringType or DictionaryType { ValueType: StringType } => DataType.String,
        Date32Type or Date64Type => DataType.LocalDate,
        Time32Type or Time64Type => DataType.LocalTime,
        TimestampType { Timezone: null or "" } => DataType.LocalDateTime,
        TimestampType => DataType.ZonedDateTime,
        ListType { ValueDataType: Int32Type or Int16Type } => DataType.IntArray,
        ListType { ValueDataType: Int64Type } => DataType.LongArray,
        ListType { ValueDataType: FloatType } => DataType.FloatArray,
        ListType { ValueDataType: DoubleType } => DataType.DoubleArray,
        _ => null,
    };

    /// <summary>Reads every batch; batches are converted as they come, so a stream is never held whole.</summary>
    public static LoadResult Read(IEnumerable<RecordBatch> batches, TableStore table, string source, IProgress<long>? progress)
    {
        var result = new LoadResult();
        foreach (var batch in batches)
        {
            var arrays = table.Columns.Select(c =>
            {
                var index = batch.Schema.GetFieldIndex(c.Name);
                if (index < 0) throw new LoadException($"{source} has no column '{c.Name}' for table '{table.Name}' (its columns: {string.Join(", ", batch.Schema.FieldsList.Select(f => f.Name))}).", []);
                return batch.Column(index);
            }).ToArray();
            result.Add(ColumnarBatches.Read(table, batch.Length, source, result.RowsRead,
                (c, start, count, builder, isKey, failures) => Fill(arrays[c], start, count, builder, isKey, failures)));
            progress?.Report(result.RowsRead);
        }
        return result;
    }

    /// <summary>An Arrow table as record batches, cut wherever any column's chunks end (columns may be chunked differently).</summary>
    public static IEnumerable<RecordBatch> Batches(Apache.Arrow.Table table)
    {
        var columns = Enumerable.Range(0, table.ColumnCount).Select(i => table.Column(i).Data).ToArray();
        var cuts = new SortedSet<long> { 0, table.RowCount };
        foreach (var column in columns)
        {
            var end = 0L;
            for (var i = 0; i < column.ArrayCount; i++) cuts.Add(end += column.ArrowArray(i).Length);
        }
        var bounds = cuts.ToArray();
        for (var k = 0; k + 1 < bounds.Length; k++)
        {
            var (from, length) = (bounds[k], (int)(bounds[k + 1] - bounds[k]));
            yield return new RecordBatch(table.Schema, columns.Select(c => Slice(c, from, length)), length);
        }
    }

    /// <summary>The rows [from, from + length) of a chunked array, which lie in one of its chunks.</summary>
    private static IArrowArray Slice(ChunkedArray column, long from, int length)
    {
        for (var i = 0; i < column.ArrayCount; i++)
        {
            var array = column.ArrowArray(i);
            if (from < array.Length) return ArrowArrayFactory.Slice(array, (int)from, length);
            from -= array.Length;
        }
        throw new ArgumentOutOfRangeException(nameof(from));
    }

    private static void Fill(IArrowArray array, int start, int count, ColumnBuilder builder, bool isKey, RowFailures failures)
    {
        switch (array)
        {
            case Int32Array a when builder is PrimitiveBuilder<int> b: Primitive(a, start, count, b, isKey, failures); return;
            case Int64Array a when builder is PrimitiveBuilder<long> b: Primitive(a, start, count, b, isKey, failures); return;
            case DoubleArray a when builder is PrimitiveBuilder<double> b: Primitive(a, start, count, b, isKey, failures); return;
            case FloatArray a when builder is PrimitiveBuilder<float> b: Primitive(a, start, count, b, isKey, failures); return;
            case StringArray a when builder is StringColumnBuilder b: Strings(a, start, count, b, isKey, failures); return;
            case DictionaryArray { Dictionary: StringArray } a when builder is StringColumnBuilder b: DictionaryStrings(a, start, count, b, isKey, failures); return;
        }
        for (var r = start; r < start + count; r++) failures.AddChecked(builder, r, ValueAt(array, r), isKey);
    }

    private static void Primitive<T>(PrimitiveArray<T> array, int start, int count, PrimitiveBuilder<T> builder, bool isKey, RowFailures failures) where T : unmanaged, IEquatable<T>
    {
        var values = array.Values;
        if (array.NullCount == 0)
        {
            builder.AddRange(values.Slice(start, count));   // the layouts match: one block copy
            return;
        }
        for (var r = start; r < start + count; r++)
        {
            if (array.IsValid(r))
            {
                builder.Add(values[r]);
                continue;
            }
            builder.AddNull();
            if (isKey) failures.Add(r, builder.NullKey);
        }
    }

    private static void Strings(StringArray array, int start, int count, StringColumnBuilder builder, bool isKey, RowFailures failures)
    {
        var chars = ArrayPool<char>.Shared.Rent(256);
        try
        {
            for (var r = start; r < start + count; r++)
            {
                if (array.IsNull(r))
                {
                    builder.AddNull();
                    if (isKey) failures.Add(r, builder.NullKey);
                    continue;
                }
                var bytes = array.GetBytes(r);
                if (Encoding.UTF8.GetMaxCharCount(bytes.Length) > chars.Length)
                {
                    ArrayPool<char>.Shared.Return(chars);
                    chars = ArrayPool<char>.Shared.Rent(Encoding.UTF8.GetMaxCharCount(bytes.Length));
                }
                var length = Encoding.UTF8.GetChars(bytes, chars);
                builder.AddCode(builder.Intern(chars.AsSpan(0, length)));   // no string for a value seen before
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>A dictionary-encoded string column: each dictionary entry is coded once, then rows copy codes.</summary>
    private static void DictionaryStrings(DictionaryArray array, int start, int count, StringColumnBuilder builder, bool isKey, RowFailures failures)
    {
        var dictionary = (StringArray)array.Dictionary;
        var codes = new int[dictionary.Length];
        System.Array.Fill(codes, int.MinValue);   // not coded yet
        for (var r = start; r < start + count; r++)
        {
            if (array.IsNull(r))
            {
                builder.AddNull();
                if (isKey) failures.Add(r, builder.NullKey);
                continue;
            }
            var index = IndexAt(array.Indices, r);
            if (codes[index] == int.MinValue) codes[index] = dictionary.IsNull(index) ? -1 : builder.Intern(dictionary.GetString(index));
            if (codes[index] >= 0) builder.AddCode(codes[index]);
            else
            {
                builder.AddNull();
                if (isKey) failures.Add(r, builder.NullKey);
            }
        }
    }

    private static int IndexAt(IArrowArray indices, int row) => indices switch
    {
        Int8Array a => a.Values[row],
        UInt8Array a => a.Values[row],
        Int16Array a => a.Values[row],
        UInt16Array a => a.Values[row],
        Int32Array a => a.Values[row],
        UInt32Array a => checked((int)a.Values[row]),
        Int64Array a => checked((int)a.Values[row]),
        _ => throw new NotSupportedException($"Arrow dictionary indices of {indices.Data.DataType.Name}"),
    };

    /// <summary>An Arrow value as the object the table's conversions take (null for a null).</summary>
    public static object? ValueAt(IArrowArray array, int row)
    {
        if (array.IsNull(row)) return null;
        return array switch
        {
            BooleanArray a => a.GetValue(row),
            Int8Array a => (int?)a.GetValue(row),
            Int16Array a => (int?)a.GetValue(row),
            Int32Array a => a.GetValue(row),
            UInt8Array a => (int?)a.GetValue(row),
            UInt16Array a => (int?)a.GetValue(row),
            UInt32Array a => (long?)a.GetValue(row),
            Int64Array a => a.GetValue(row),
            HalfFloatArray a => (float?)a.GetValue(row),
            FloatArray a => a.GetValue(row),
            DoubleArray a => a.GetValue(row),
            Decimal128Array a => (double?)a.GetValue(row),
            StringArray a => a.GetString(row),
            LargeStringArray a => a.GetString(row),
            DictionaryArray a => ValueAt(a.Dictionary, IndexAt(a.Indices, row)),
            Date32Array a => a.GetDateOnly(row),
            Date64Array a => a.GetDateOnly(row),
            Time32Array a => a.GetTime(row),
            Time64Array a => a.GetTime(row),
            TimestampArray a when ((TimestampType)a.Data.DataType).Timezone is null or "" => a.GetTimestamp(row)?.DateTime,
            TimestampArray a => a.GetTimestamp(row),
            ListArray a => ListValues(a, row),
            _ => throw new NotSupportedException($"Arrow arrays of {array.Data.DataType.Name}"),
        };
    }

    private static System.Array? ListValues(ListArray list, int row)
    {
        var values = list.GetSlicedValues(row);
        return values switch
        {
            Int32Array a => a.Values.ToArray(),
            Int16Array a => a.Values.ToArray().Select(v => (int)v).ToArray(),
            Int64Array a => a.Values.ToArray(),
            FloatArray a => a.Values.ToArray(),
            DoubleArray a => a.Values.ToArray(),
            _ => throw new NotSupportedException($"Arrow lists of {values.Data.DataType.Name}"),
        };
    }
}
