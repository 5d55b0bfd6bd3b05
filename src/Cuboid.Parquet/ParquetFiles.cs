using Parquet;
using Parquet.Schema;

namespace Cuboid;

/// <summary>
/// Parquet files, read with Parquet.Net, as a table source: the top-level fields are the columns
/// (a list of numbers becomes an array column); each row group is read on its own reader, in
/// parallel, column by column into typed buffers that the table takes in block copies. A value a
/// column cannot take rejects its row, naming the file, the row and the column.
/// </summary>
public sealed class ParquetFiles : ITableSource
{
    private readonly IReadOnlyList<string> _files;

    /// <summary>The file a path names, or the files a glob matches (<c>data/*.parquet</c>), read in name order.</summary>
    public ParquetFiles(string pathOrGlob)
    {
        _files = SourceFiles.Resolve(pathOrGlob);
        Name = SourceFiles.TableName(_files[0]);
        Columns = [.. Types(_files[0]).Select(t => new SourceColumn(t.Key, t.Value))];
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>The first file's top-level fields, typed from its schema.</summary>
    public IReadOnlyList<SourceColumn> Columns { get; }

    /// <summary>A new options object per reader (one reader per row group, on its own thread).</summary>
    private static Parquet.ParquetOptions NewOptions() => new() { UseDateOnlyTypeForDates = true, TreatByteArrayAsString = true };

    /// <summary>The Cuboid type of each top-level field of a file.</summary>
    private static Dictionary<string, DataType> Types(string file)
    {
        using var reader = Open(file);
        var types = new Dictionary<string, DataType>(StringComparer.Ordinal);
        foreach (var field in reader.Schema.Fields)
        {
            types[field.Name] = field switch
            {
                DataField d => DataTypes.FromClrType(d.ClrType) ?? throw Unsupported(file, field, d.ClrType.Name),
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

    /// <summary>Writes every row group of every file; a file without one of the table's columns fails the load.</summary>
    public void Write(TableWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        for (var f = 0; f < _files.Count; f++)
        {
            var file = _files[f];
            int groups;
            long[] firstRows;
            using (var reader = Open(file))
            {
                groups = reader.RowGroupCount;
                firstRows = new long[groups];
                for (var g = 1; g < groups; g++) firstRows[g] = firstRows[g - 1] + reader.RowGroups[g - 1].RowCount;
                foreach (var column in writer.Columns)
                {
                    if (!reader.Schema.Fields.Any(field => field.Name == column))
                    {
                        throw new LoadException($"{file} has no column '{column}' (its columns: {string.Join(", ", reader.Schema.Fields.Select(field => field.Name))}).", []);
                    }
                }
            }
            // One reader per worker thread (opening one parses the file's footer), each taking row groups in turn;
            // the writer keeps the row groups in file order whatever order they finish in.
            var fileIndex = (long)f << 32;
            Parallel.For(0, groups, () => (Reader: Open(file), Scratch: new Scratch(writer.Columns.Count)), (g, _, worker) =>
            {
                WriteGroup(worker.Reader, worker.Scratch, writer, file, g, fileIndex | (uint)g, firstRows[g]);
                return worker;
            }, worker => worker.Reader.Dispose());
        }
    }

    private static void WriteGroup(Reader reader, Scratch scratch, TableWriter writer, string file, int group, long order, long firstRow)
    {
        Array[] columns;
        int rows;
        using (var rowGroup = reader.OpenRowGroupReader(group))
        {
            rows = (int)rowGroup.RowCount;
            columns = [.. writer.Columns.Select((c, i) => ReadColumn(rowGroup, reader.Schema.Fields.First(f => f.Name == c), scratch.Column(i)))];
        }
        writer.Write(order, file, firstRow, rows, columns);
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

    /// <summary>
    /// A text column as slices of the decoded pages (of the dictionary page, for a dictionary-encoded
    /// column): the table codes each slice by its characters, without a string a value — reading
    /// strings instead costs several times as long. A group holding nulls comes as strings.
    /// </summary>
    private static Array Strings(ParquetRowGroupReader rowGroup, DataField field, int rows, ColumnScratch scratch)
    {
        var values = scratch.Values<ReadOnlyMemory<char>>(rows);
        if (!field.IsNullable)
        {
            rowGroup.ReadAsync<ReadOnlyMemory<char>>(field, values.AsMemory(0, rows)).AsTask().GetAwaiter().GetResult();
            return values;
        }
        var levels = scratch.Levels(rows);
        rowGroup.ReadRawAsync<ReadOnlyMemory<char>>(field, values.AsMemory(0, rows), levels.AsMemory(0, rows), null).AsTask().GetAwaiter().GetResult();
        if (levels.AsSpan(0, rows).Count(field.MaxDefinitionLevel) == rows) return values;
        var strings = new string?[rows];
        for (int r = 0, v = 0; r < rows; r++) strings[r] = levels[r] == field.MaxDefinitionLevel ? values[v++].ToString() : null;
        return strings;
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
            rowGroup.ReadAsync<T>(field, values.AsMemory(0, rows)).AsTask().GetAwaiter().GetResult();
            return values;
        }
        var levels = scratch.Levels(rows);
        rowGroup.ReadRawAsync<T>(field, values.AsMemory(0, rows), levels.AsMemory(0, rows), null).AsTask().GetAwaiter().GetResult();
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
        using var raw = (Parquet.Data.RawColumnData<TIn>)rowGroup.ReadRawColumnDataBaseAsync(item).AsTask().GetAwaiter().GetResult();
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
