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
                DataField d => ClrTypes.Of(d.ClrType) ?? throw Unsupported(file, field, d.ClrType.Name),
                ListField { Item: DataField item } => ArrayOf(item.ClrType) ?? throw Unsupported(file, field, $"list of {item.ClrType.Name}"),
                _ => throw Unsupported(file, field, field.SchemaType.ToString()),
            };
        }
        return types;
    }

    private static ArgumentException Unsupported(string file, Field field, string what) =>
        new($"{file}: column '{field.Name}' is a {what}, which Cuboid cannot store.");

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
            Parallel.For(0, groups, () => (Reader: Open(file), Scratch: new Scratch(table.Columns.Count)), (g, _, worker) =>
            {
                parts[g] = ReadGroup(worker.Reader, worker.Scratch, file, g, firstRows[g], table);
                progress?.Report(Interlocked.Add(ref done, parts[g].RowsRead));
                return worker;
            }, worker => worker.Reader.Dispose());
            foreach (var part in parts) result.Add(part);
        }
        return result;
    }

    private static LoadResult ReadGroup(Reader reader, Scratch scratch, string file, int group, long firstRow, TableStore table)
    {
        Array[] columns;
        int rows;
        using (var rowGroup = reader.OpenRowGroupReader(group))
        {
            rows = (int)rowGroup.RowCount;
            columns = [.. table.Columns.Select((c, i) => ReadColumn(rowGroup, reader.Schema.Fields.First(f => f.Name == c.Name), scratch.Column(i)))];
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
    private static Array ReadColumn(ParquetRowGroupReader rowGroup, Field field, ColumnScratch scratch)
    {
        var rows = (int)rowGroup.RowCount;
        return field switch
        {
            DataField { ClrType: var t } d when t == typeof(string) || t == typeof(ReadOnlyMemory<char>) => Strings(rowGroup, d, rows, scratch),
            DataField d => Typed(rowGroup, d, rows, scratch),
            ListField { Item: DataField item } => Lists(rowGroup, item, rows),
            _ => throw new NotSupportedException(field.Name),
        };
    }

    private static string?[] Strings(ParquetRowGroupReader rowGroup, DataField field, int rows, ColumnScratch scratch)
    {
        var values = scratch.Values<string?>(rows);
        rowGroup.ReadAsync(field, values.AsMemory(0, rows)).GetAwaiter().GetResult();
        return values;
    }

    private static Array Typed(ParquetRowGroupReader rowGroup, DataField field, int rows, ColumnScratch scratch) => field.ClrType switch
    {
        var t when t == typeof(bool) => Nullable<bool>(rowGroup, field, rows, scratch),
        var t when t == typeof(byte) => Nullable<byte>(rowGroup, field, rows, scratch),
        var t when t == typeof(sbyte) => Nullable<sbyte>(rowGroup, field, rows, scratch),
        var t when t == typeof(short) => Nullable<short>(rowGroup, field, rows, scratch),
        var t when t == typeof(ushort) => Nullable<ushort>(rowGroup, field, rows, scratch),
        var t when t == typeof(int) => Nullable<int>(rowGroup, field, rows, scratch),
        var t when t == typeof(uint) => Nullable<uint>(rowGroup, field, rows, scratch),
        var t when t == typeof(long) => Nullable<long>(rowGroup, field, rows, scratch),
        var t when t == typeof(ulong) => Nullable<ulong>(rowGroup, field, rows, scratch),
        var t when t == typeof(float) => Nullable<float>(rowGroup, field, rows, scratch),
        var t when t == typeof(double) => Nullable<double>(rowGroup, field, rows, scratch),
        var t when t == typeof(decimal) => Nullable<decimal>(rowGroup, field, rows, scratch),
        var t when t == typeof(DateTime) => Nullable<DateTime>(rowGroup, field, rows, scratch),
        var t when t == typeof(DateOnly) => Nullable<DateOnly>(rowGroup, field, rows, scratch),
        var t when t == typeof(TimeOnly) => Nullable<TimeOnly>(rowGroup, field, rows, scratch),
        var t when t == typeof(TimeSpan) => Nullable<TimeSpan>(rowGroup, field, rows, scratch),
        var t when t == typeof(DateTimeOffset) => Nullable<DateTimeOffset>(rowGroup, field, rows, scratch),
        var t => throw new NotSupportedException($"column '{field.Name}' of type {t.Name}"),
    };

    /// <summary>
    /// A column of a value type: its own values when no row is null (a required field, or an
    /// optional one without nulls: the common case, which then goes into chunks in block copies),
    /// nullable ones otherwise. Values come raw, packed, with definition levels marking the nulls.
    /// </summary>
    private static Array Nullable<T>(ParquetRowGroupReader rowGroup, DataField field, int rows, ColumnScratch scratch) where T : struct
    {
        var values = scratch.Values<T>(rows);
        if (!field.IsNullable)
        {
            rowGroup.ReadAsync<T>(field, values.AsMemory(0, rows)).GetAwaiter().GetResult();
            return values;
        }
        var levels = scratch.Levels(rows);
        rowGroup.ReadRawAsync<T>(field, values.AsMemory(0, rows), levels.AsMemory(0, rows), null).GetAwaiter().GetResult();
        var defined = levels.AsSpan(0, rows).Count(field.MaxDefinitionLevel);
        if (defined == rows) return values;
        var nullable = scratch.Nullables<T>(rows);
        for (int r = 0, v = 0; r < rows; r++) nullable[r] = levels[r] == field.MaxDefinitionLevel ? values[v++] : null;
        return nullable;
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

    /// <summary>
    /// A worker thread's decode buffers, reused from row group to row group: decoded values are
    /// copied into batches, so keeping the buffers saves allocating (and the OS zeroing) a whole
    /// table's worth of temporary arrays. A buffer may be longer than the row group.
    /// </summary>
    private sealed class Scratch(int columns)
    {
        private readonly ColumnScratch[] _columns = [.. Enumerable.Range(0, columns).Select(_ => new ColumnScratch())];

        public ColumnScratch Column(int index) => _columns[index];
    }

    private sealed class ColumnScratch
    {
        private Array? _values;
        private Array? _nullables;
        private int[] _levels = [];

        public T[] Values<T>(int rows) => Reuse<T>(ref _values, rows);

        public T?[] Nullables<T>(int rows) where T : struct => Reuse<T?>(ref _nullables, rows);

        public int[] Levels(int rows) => _levels.Length >= rows ? _levels : _levels = new int[rows];

        private static T[] Reuse<T>(ref Array? buffer, int rows) =>
            buffer is T[] typed && typed.Length >= rows ? typed : (T[])(buffer = new T[rows]);
    }
}
