using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using Microsoft.Data.Analysis;

namespace Cuboid;

/// <summary>
/// Reading Apache Arrow data (record batches, tables, streams, IPC files) and data frames into
/// tables — the read_arrow and read_pandas of Atoti. Columns are typed from the Arrow schema or
/// the frame's column types (a list of numbers becomes an array column); values go through the
/// table's validation, so a bad one names its row and column and a failed read leaves nothing.
/// </summary>
public static class SourceInterop
{
    /// <summary>Reads record batches (one schema) into a new table.</summary>
    public static Cuboid.Table ReadArrow(this Session session, IEnumerable<RecordBatch> batches, RecordOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        var list = batches.ToList();
        if (list.Count == 0) throw new ArgumentException("There is no record batch to read.", nameof(batches));
        options ??= new RecordOptions();
        var types = Session.WithGivenTypes(list[0].Schema.FieldsList.ToDictionary(f => f.Name, f => TypeOf(f.DataType) ?? throw Unsupported(f)), options, "the Arrow data");
        return session.CreateAndLoad(options.TableName ?? "arrow", types, options, table => table.LoadArrow(list));
    }

    /// <summary>Reads one record batch into a new table.</summary>
    public static Cuboid.Table ReadArrow(this Session session, RecordBatch batch, RecordOptions? options = null) => session.ReadArrow([batch], options);

    /// <summary>Reads an Arrow stream (every batch it yields) into a new table.</summary>
    public static Cuboid.Table ReadArrow(this Session session, IArrowArrayStream stream, RecordOptions? options = null) => session.ReadArrow(Drain(stream), options);

    /// <summary>Reads an Arrow IPC file (the file format, or the stream format) into a new table.</summary>
    public static Cuboid.Table ReadArrowFile(this Session session, string path, RecordOptions? options = null)
    {
        using var file = File.OpenRead(path);
        var magic = new byte[6];
        var isFile = file.Read(magic) == 6 && magic.SequenceEqual("ARROW1"u8.ToArray());
        file.Position = 0;
        using IArrowArrayStream reader = isFile ? new ArrowFileReader(file, leaveOpen: true) : new ArrowStreamReader(file, leaveOpen: true);
        options ??= new RecordOptions();
        return session.ReadArrow(Drain(reader), options with { TableName = options.TableName ?? Path.GetFileNameWithoutExtension(path) });
    }

    /// <summary>Appends record batches to a table; fields are matched to its columns by name.</summary>
    public static LoadReport LoadArrow(this Cuboid.Table table, IEnumerable<RecordBatch> batches)
    {
        ArgumentNullException.ThrowIfNull(table);
        var rows = new List<object?[]>();
        foreach (var batch in batches)
        {
            var arrays = table.Columns.Select(c =>
            {
                var index = batch.Schema.GetFieldIndex(c.Name);
                if (index < 0) throw new LoadException($"The Arrow data has no column '{c.Name}' for table '{table.Name}' (its columns: {string.Join(", ", batch.Schema.FieldsList.Select(f => f.Name))}).", []);
                return batch.Column(index);
            }).ToArray();
            for (var r = 0; r < batch.Length; r++) rows.Add([.. arrays.Select(a => ValueAt(a, r))]);
        }
        return table.Append([.. rows]);
    }

    /// <summary>Reads a data frame into a new table: a column per frame column, typed by the frame.</summary>
    public static Cuboid.Table ReadDataFrame(this Session session, DataFrame frame, RecordOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        options ??= new RecordOptions();
        var types = Session.WithGivenTypes(frame.Columns.ToDictionary(c => c.Name, c => TypeOf(c.DataType) ?? throw new ArgumentException($"Column '{c.Name}' of the frame holds {c.DataType.Name}, which Cuboid cannot store.")), options, "the data frame");
        return session.CreateAndLoad(options.TableName ?? "frame", types, options, table => table.LoadDataFrame(frame));
    }

    /// <summary>Appends a data frame's rows to a table; columns are matched by name.</summary>
    public static LoadReport LoadDataFrame(this Cuboid.Table table, DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(table);
        var columns = table.Columns.Select(c => frame.Columns.FirstOrDefault(f => f.Name == c.Name)
            ?? throw new LoadException($"The data frame has no column '{c.Name}' for table '{table.Name}' (its columns: {string.Join(", ", frame.Columns.Select(f => f.Name))}).", [])).ToArray();
        var rows = new object?[frame.Rows.Count][];
        for (var r = 0; r < rows.Length; r++) rows[r] = [.. columns.Select(c => c[r])];
        return table.Append(rows);
    }

    private static IEnumerable<RecordBatch> Drain(IArrowArrayStream stream)
    {
        while (stream.ReadNextRecordBatchAsync().AsTask().GetAwaiter().GetResult() is { } batch) yield return batch;
    }

    private static ArgumentException Unsupported(Field field) => new($"Arrow column '{field.Name}' is {field.DataType.Name}, which Cuboid cannot store.");

    private static DataType? TypeOf(IArrowType type) => type switch
    {
        BooleanType => DataType.Boolean,
        Int8Type or Int16Type or Int32Type or UInt8Type or UInt16Type => DataType.Int,
        Int64Type or UInt32Type => DataType.Long,
        FloatType => DataType.Float,
        DoubleType or Decimal128Type => DataType.Double,
        StringType or LargeStringType => DataType.String,
        Date32Type or Date64Type => DataType.LocalDate,
        TimestampType { Timezone: null or "" } => DataType.LocalDateTime,
        TimestampType => DataType.ZonedDateTime,
        ListType { ValueDataType: Int32Type or Int16Type } => DataType.IntArray,
        ListType { ValueDataType: Int64Type } => DataType.LongArray,
        ListType { ValueDataType: FloatType } => DataType.FloatArray,
        ListType { ValueDataType: DoubleType } => DataType.DoubleArray,
        _ => null,
    };

    private static DataType? TypeOf(Type clr) => clr switch
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

    /// <summary>An Arrow value as the object the table's validation takes (null for a null).</summary>
    private static object? ValueAt(IArrowArray array, int row)
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
            FloatArray a => a.GetValue(row),
            DoubleArray a => a.GetValue(row),
            Decimal128Array a => (double?)a.GetValue(row),
            StringArray a => a.GetString(row),
            LargeStringArray a => a.GetString(row),
            Date32Array a => a.GetDateOnly(row),
            Date64Array a => a.GetDateOnly(row),
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
