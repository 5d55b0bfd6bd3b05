using Cuboid.Storage;
using Parquet;
using Parquet.Schema;

namespace Cuboid.Loading;

/// <summary>
/// Reads Parquet files with Parquet.Net: the top-level fields are the columns (a list of numbers
/// becomes an array column); each row group is read on its own reader, in parallel, column by
/// column into typed buffers, then into batches of one chunk. A value the column cannot take
/// rejects its row, naming the file, the row and the column.
/// </summary>
internal static class ParquetSource
{
    /// <summary>A new options object per reader (one reader per row group, on its own thread).</summary>
    private static Parquet.ParquetOptions NewOptions() => new() { UseDateOnlyTypeForDates = true, TreatByteArrayAsString = true };

    /// <summary>The Cuboid type of each top-level field of a file.</summary>
    public static Dictionary<string, DataType> Types(string file)
    {
        using var reader = Open(file);
        var types = new Dictionary<string, DataType>(StringComparer.Ordinal);
        foreach (var field in reader.Schema.Fields)
        {
            types[field.Name] = field switch
            {
                DataField d => Scalar(d.ClrType) ?? throw Unsupported(file, field, d.ClrType.Name),
                ListField { Item: DataField item } => ArrayOf(item.ClrType) ?? throw Unsupported(file, field, $"list of {item.ClrType.Name}"),
                _ => throw Unsupported(file, field, field.SchemaType.ToString()),
            };
        }
        return types;
    }

    private static ArgumentException Unsupported(string file, Field field, string what) =>
        new($"{file}: column '{field.Name}' is a {what}, which Cuboid cannot store.");

    private static DataType? Scalar(Type clr) => Type.GetTypeCode(clr) switch
    {
        TypeCode.Boolean => DataType.Boolean,
        TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 => DataType.Int,
        TypeCode.UInt32 or TypeCode.Int64 or TypeCode.UInt64 => DataType.Long,
        TypeCode.Single => DataType.Float,
        TypeCode.Double or TypeCode.Decimal => DataType.Double,
        TypeCode.String => DataType.String,
        TypeCode.DateTime => DataType.LocalDateTime,
        _ when clr == typeof(DateOnly) => DataType.LocalDate,
        _ when clr == typeof(TimeOnly) || clr == typeof(TimeSpan) => DataType.LocalTime,
        _ when clr == typeof(DateTimeOffset) => DataType.ZonedDateTime,
        _ when clr == typeof(ReadOnlyMemory<char>) => DataType.String,   // Parquet.Net's untyped strings
        _ => null,
    };

    private static DataType? ArrayOf(Type element) => Type.GetTypeCode(element) switch
    {
        TypeCode.Int16 or TypeCode.Int32 => DataType.IntArray,
        TypeCode.Int64 => DataType.LongArray,
        TypeCode.Single => DataType.FloatArray,
        TypeCode.Double or TypeCode.Decimal => DataType.DoubleArray,
        _ => null,
    };

    private static Reader Open(string file) => new(ParquetReader.CreateAsync(file, NewOptions()).GetAwaiter().GetResult());

    /// <summary>Parquet.Net's reader disposes asynchronously; reading here is synchronous (each row group on its own thread).</summary>
    private readonly struct Reader(ParquetReader reader) : IDisposable
    {
        public ParquetSchema Schema => reader.Schema;
        public int RowGroupCount => reader.RowGroupCount;
        public IReadOnlyList<ParquetRowGroupReader> RowGroups => reader.RowGroups;
        public ParquetRowGroupReader OpenRowGroupReader(int index) => reader.OpenRowGroupReader(index);
        public void Dispose() => reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    public static LoadResult Read(IReadOnlyList<string> files, TableStore table, IProgress<long>? progress)
    {
        var result = new LoadResult();
        long done = 0;
        foreach (var file in files)
        {
            int groups;
            long[] firstRows;
            using (var reader = Open(file))
            {
                groups = reader.RowGroupCount;
                firstRows = new long[groups];
                for (var g = 1; g < groups; g++) firstRows[g] = firstRows[g - 1] + reader.RowGroups[g - 1].RowCount;
                foreach (var column in table.Columns)
                {
                    if (!reader.Schema.Fields.Any(f => f.Name == column.Name))
                    {
                        throw new LoadException($"{file} has no column '{column.Name}' for table '{table.Name}' (its columns: {string.Join(", ", reader.Schema.Fields.Select(f => f.Name))}).", []);
                    }
                }
            }
            var parts = new LoadResult[groups];
            // One reader per worker thread (opening one parses the file's footer), each taking row groups in turn.
            Parallel.For(0, groups, () => Open(file), (g, _, reader) =>
            {
                parts[g] = ReadGroup(reader, file, g, firstRows[g], table);
                progress?.Report(Interlocked.Add(ref done, parts[g].RowsRead));
                return reader;
            }, reader => reader.Dispose());
            foreach (var part in parts) result.Add(part);
        }
        return result;
    }

    private static LoadResult ReadGroup(Reader reader, string file, int group, long firstRow, TableStore table)
    {
        Array[] columns;
        int rows;
        using (var rowGroup = reader.OpenRowGroupReader(group))
        {
            rows = (int)rowGroup.RowCount;
            columns = [.. table.Columns.Select(c => ReadColumn(rowGroup, reader.Schema.Fields.First(f => f.Name == c.Name)))];
        }
        return ColumnarBatches.Read(table, rows, file, firstRow, (c, start, count, builder, isKey, failures) => Fill(columns[c], start, count, builder, isKey, failures));
    }

    /// <summary>
    /// Adds rows [start, start + count) of a decoded column to a builder: in one block copy when the
    /// column's type is the file's and no value is null, typed and unboxed when only nulls differ,
    /// through conversion otherwise.
    /// </summary>
    private static void Fill(Array values, int start, int count, ColumnBuilder builder, bool isKey, RowFailures failures)
    {
        switch (values)
        {
            case int[] a when builder is PrimitiveBuilder<int> t: t.AddRange(a.AsSpan(start, count)); return;
            case long[] a when builder is PrimitiveBuilder<long> t: t.AddRange(a.AsSpan(start, count)); return;
            case double[] a when builder is PrimitiveBuilder<double> t: t.AddRange(a.AsSpan(start, count)); return;
            case float[] a when builder is PrimitiveBuilder<float> t: t.AddRange(a.AsSpan(start, count)); return;
            case bool[] a when builder is PrimitiveBuilder<bool> t: t.AddRange(a.AsSpan(start, count)); return;
            case DateOnly[] a when builder is PrimitiveBuilder<DateOnly> t: t.AddRange(a.AsSpan(start, count)); return;
            case DateTime[] a when builder is PrimitiveBuilder<DateTime> t: t.AddRange(a.AsSpan(start, count)); return;
            case string?[] a when builder is StringColumnBuilder t: FillStrings(a, start, count, t, isKey, failures); return;
            case int?[] a when builder is ITypedAdd<int?> t: FillNullable(a, start, count, t, isKey, builder, failures); return;
            case long?[] a when builder is ITypedAdd<long?> t: FillNullable(a, start, count, t, isKey, builder, failures); return;
            case double?[] a when builder is ITypedAdd<double?> t: FillNullable(a, start, count, t, isKey, builder, failures); return;
            case float?[] a when builder is ITypedAdd<float?> t: FillNullable(a, start, count, t, isKey, builder, failures); return;
            case DateOnly?[] a when builder is ITypedAdd<DateOnly?> t: FillNullable(a, start, count, t, isKey, builder, failures); return;
            case DateTime?[] a when builder is ITypedAdd<DateTime?> t: FillNullable(a, start, count, t, isKey, builder, failures); return;
        }
        for (var r = start; r < start + count; r++)
        {
            var value = values.GetValue(r);
            failures.AddChecked(builder, r, value is decimal d ? (double)d : value, isKey);
        }
    }

    private static void FillStrings(string?[] values, int start, int count, StringColumnBuilder builder, bool isKey, RowFailures failures)
    {
        for (var r = start; r < start + count; r++)
        {
            builder.Add(values[r]);
            if (isKey && values[r] is null) failures.Add(r, builder.NullKey);
        }
    }

    private static void FillNullable<T>(T?[] values, int start, int count, ITypedAdd<T?> add, bool isKey, ColumnBuilder builder, RowFailures failures) where T : struct
    {
        for (var r = start; r < start + count; r++)
        {
            add.Add(values[r]);
            if (isKey && values[r] is null) failures.Add(r, builder.NullKey);
        }
    }

    /// <summary>A column's values for every row of the group: a typed array (nullable elements), or arrays for a list.</summary>
    private static Array ReadColumn(ParquetRowGroupReader rowGroup, Field field)
    {
        var rows = (int)rowGroup.RowCount;
        return field switch
        {
            DataField { ClrType: var t } d when t == typeof(string) || t == typeof(ReadOnlyMemory<char>) => Strings(rowGroup, d, rows),
            DataField d => Typed(rowGroup, d, rows),
            ListField { Item: DataField item } => Lists(rowGroup, item, rows),
            _ => throw new NotSupportedException(field.Name),
        };
    }

    private static string?[] Strings(ParquetRowGroupReader rowGroup, DataField field, int rows)
    {
        var values = new string?[rows];
        rowGroup.ReadAsync(field, values.AsMemory()).GetAwaiter().GetResult();
        return values;
    }

    private static Array Typed(ParquetRowGroupReader rowGroup, DataField field, int rows) => field.ClrType switch
    {
        var t when t == typeof(bool) => Nullable<bool>(rowGroup, field, rows),
        var t when t == typeof(byte) => Nullable<byte>(rowGroup, field, rows),
        var t when t == typeof(sbyte) => Nullable<sbyte>(rowGroup, field, rows),
        var t when t == typeof(short) => Nullable<short>(rowGroup, field, rows),
        var t when t == typeof(ushort) => Nullable<ushort>(rowGroup, field, rows),
        var t when t == typeof(int) => Nullable<int>(rowGroup, field, rows),
        var t when t == typeof(uint) => Nullable<uint>(rowGroup, field, rows),
        var t when t == typeof(long) => Nullable<long>(rowGroup, field, rows),
        var t when t == typeof(ulong) => Nullable<ulong>(rowGroup, field, rows),
        var t when t == typeof(float) => Nullable<float>(rowGroup, field, rows),
        var t when t == typeof(double) => Nullable<double>(rowGroup, field, rows),
        var t when t == typeof(decimal) => Nullable<decimal>(rowGroup, field, rows),
        var t when t == typeof(DateTime) => Nullable<DateTime>(rowGroup, field, rows),
        var t when t == typeof(DateOnly) => Nullable<DateOnly>(rowGroup, field, rows),
        var t when t == typeof(TimeOnly) => Nullable<TimeOnly>(rowGroup, field, rows),
        var t when t == typeof(TimeSpan) => Nullable<TimeSpan>(rowGroup, field, rows),
        var t when t == typeof(DateTimeOffset) => Nullable<DateTimeOffset>(rowGroup, field, rows),
        var t => throw new NotSupportedException($"column '{field.Name}' of type {t.Name}"),
    };

    /// <summary>A column of a value type: its own values for a required field (Parquet.Net's nullable read of a required field loses values), nullable ones otherwise.</summary>
    private static Array Nullable<T>(ParquetRowGroupReader rowGroup, DataField field, int rows) where T : struct
    {
        if (!field.IsNullable)
        {
            var required = new T[rows];
            rowGroup.ReadAsync<T>(field, required.AsMemory()).GetAwaiter().GetResult();
            return required;
        }
        var values = new T?[rows];
        rowGroup.ReadAsync<T>(field, values.AsMemory()).GetAwaiter().GetResult();
        return values;
    }

    /// <summary>
    /// A list column: its leaf values (null where a row has no element there) with their repetition
    /// levels (0 starts a row). A row whose only entry is null is a null (or empty) list; null
    /// elements inside a list are left out.
    /// </summary>
    private static Array Lists(ParquetRowGroupReader rowGroup, DataField item, int rows) => item.ClrType switch
    {
        var t when t == typeof(int) => Assemble<int, int>(rowGroup, item, rows, x => x),
        var t when t == typeof(short) => Assemble<short, int>(rowGroup, item, rows, x => x),
        var t when t == typeof(long) => Assemble<long, long>(rowGroup, item, rows, x => x),
        var t when t == typeof(float) => Assemble<float, float>(rowGroup, item, rows, x => x),
        var t when t == typeof(double) => Assemble<double, double>(rowGroup, item, rows, x => x),
        var t when t == typeof(decimal) => Assemble<decimal, double>(rowGroup, item, rows, x => (double)x),
        var t => throw new NotSupportedException($"list column '{item.Name}' of {t.Name}"),
    };

    private static TOut[]?[] Assemble<TIn, TOut>(ParquetRowGroupReader rowGroup, DataField item, int rows, Func<TIn, TOut> convert) where TIn : struct
    {
        using var raw = (Parquet.Data.RawColumnData<TIn>)rowGroup.ReadRawColumnDataBaseAsync(item).GetAwaiter().GetResult();
        var values = raw.NullableValues.ToArray();
        var repetition = raw.RepetitionLevels;
        var entries = repetition.Length;
        var lists = new TOut[]?[rows];
        var current = new List<TOut>();
        var row = -1;
        var onlyNull = false;
        void Close()
        {
            if (row >= 0) lists[row] = onlyNull && current.Count == 0 ? null : [.. current];
        }
        for (var i = 0; i < entries; i++)
        {
            if (repetition[i] == 0)
            {
                Close();
                row++;
                current.Clear();
                onlyNull = values[i] is null;
            }
            if (values[i] is { } value) current.Add(convert(value));
        }
        Close();
        return lists;
    }
}
