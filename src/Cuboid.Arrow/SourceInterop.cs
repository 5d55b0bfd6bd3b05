using Apache.Arrow;
using Apache.Arrow.Ipc;
using Cuboid.Loading;
using Microsoft.Data.Analysis;

namespace Cuboid;

/// <summary>
/// Reading Apache Arrow data (record batches, tables, streams, IPC files) and data frames into
/// tables — the read_arrow and read_pandas of Atoti. Columns are typed from the Arrow schema or
/// the frame's column types (a list of numbers becomes an array column). Reads take the options
/// of every source: a bad value names its row and column, and with <see cref="ErrorHandling.Fail"/>
/// a failed read leaves nothing behind.
/// </summary>
public static class SourceInterop
{
    /// <summary>Reads record batches (one schema) into a new table; batches are converted as they are enumerated.</summary>
    public static Cuboid.Table ReadArrow(this Session session, IEnumerable<RecordBatch> batches, RecordOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(batches);
        using var enumerator = batches.GetEnumerator();
        if (!enumerator.MoveNext()) throw new ArgumentException("There is no record batch to read.", nameof(batches));
        return session.ReadArrow(enumerator.Current.Schema, Rest(enumerator), options);
    }

    /// <summary>Reads one record batch into a new table.</summary>
    public static Cuboid.Table ReadArrow(this Session session, RecordBatch batch, RecordOptions? options = null) => session.ReadArrow([batch], options);

    /// <summary>Reads an Arrow table (columns chunked alike or not) into a new table.</summary>
    public static Cuboid.Table ReadArrow(this Session session, Apache.Arrow.Table table, RecordOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        return session.ReadArrow(table.Schema, ArrowSource.Batches(table), options);
    }

    /// <summary>Reads an Arrow stream into a new table, a batch at a time.</summary>
    public static Cuboid.Table ReadArrow(this Session session, IArrowArrayStream stream, RecordOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return session.ReadArrow(stream.Schema, Drain(stream), options);
    }

    /// <summary>Reads an Arrow IPC file (the file format, or the stream format) into a new table named after the file.</summary>
    public static Cuboid.Table ReadArrowFile(this Session session, string path, RecordOptions? options = null)
    {
        using var file = File.OpenRead(path);
        var magic = new byte[6];
        var isFile = file.Read(magic) == 6 && magic.SequenceEqual("ARROW1"u8.ToArray());
        file.Position = 0;
        using IArrowArrayStream reader = isFile ? new ArrowFileReader(file, leaveOpen: true) : new ArrowStreamReader(file, leaveOpen: true);
        options ??= new RecordOptions();
        return session.ReadArrow(reader, options with { TableName = options.TableName ?? Path.GetFileNameWithoutExtension(path) });
    }

    /// <summary>Lets the session's model files name Arrow IPC files (<c>{ "name": "T", "arrow": "t.arrow" }</c>).</summary>
    public static Session UseArrow(this Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        session.FileFormats["arrow"] = (path, options) => session.ReadArrowFile(path, options);
        return session;
    }

    /// <summary>Appends record batches to a table; fields are matched to its columns by name.</summary>
    public static LoadReport LoadArrow(this Cuboid.Table table, IEnumerable<RecordBatch> batches, ErrorHandling errorHandling = ErrorHandling.Fail, IProgress<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.Load(ArrowSource.Read(batches, table.Store, "the Arrow data", progress), errorHandling);
    }

    /// <summary>Appends an Arrow table's rows to a table; fields are matched to its columns by name.</summary>
    public static LoadReport LoadArrow(this Cuboid.Table table, Apache.Arrow.Table arrow, ErrorHandling errorHandling = ErrorHandling.Fail, IProgress<long>? progress = null) =>
        table.LoadArrow(ArrowSource.Batches(arrow), errorHandling, progress);

    /// <summary>Appends an Arrow stream's rows to a table, a batch at a time.</summary>
    public static LoadReport LoadArrow(this Cuboid.Table table, IArrowArrayStream stream, ErrorHandling errorHandling = ErrorHandling.Fail, IProgress<long>? progress = null) =>
        table.LoadArrow(Drain(stream), errorHandling, progress);

    /// <summary>Appends a record batch: <c>table.Load(batch)</c> (see <see cref="LoadArrow(Cuboid.Table, IEnumerable{RecordBatch}, ErrorHandling, IProgress{long}?)"/>).</summary>
    public static LoadReport Load(this Cuboid.Table table, RecordBatch batch, ErrorHandling errorHandling = ErrorHandling.Fail) => table.LoadArrow([batch], errorHandling);

    /// <summary>Appends an Arrow table: <c>table.Load(arrowTable)</c>.</summary>
    public static LoadReport Load(this Cuboid.Table table, Apache.Arrow.Table arrow, ErrorHandling errorHandling = ErrorHandling.Fail) => table.LoadArrow(arrow, errorHandling);

    /// <summary>Appends an Arrow stream: <c>table.Load(stream)</c>.</summary>
    public static LoadReport Load(this Cuboid.Table table, IArrowArrayStream stream, ErrorHandling errorHandling = ErrorHandling.Fail) => table.LoadArrow(stream, errorHandling);

    /// <summary>Appends a data frame: <c>table.Load(frame)</c>.</summary>
    public static LoadReport Load(this Cuboid.Table table, DataFrame frame, ErrorHandling errorHandling = ErrorHandling.Fail) => table.LoadDataFrame(frame, errorHandling);

    /// <summary>Reads a data frame into a new table: a column per frame column, typed by the frame.</summary>
    public static Cuboid.Table ReadDataFrame(this Session session, DataFrame frame, RecordOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(frame);
        options ??= new RecordOptions();
        var types = Session.WithGivenTypes(frame.Columns.ToDictionary(c => c.Name, c => DataFrameSource.TypeOf(c.DataType) ?? throw new ArgumentException($"Column '{c.Name}' of the frame holds {c.DataType.Name}, which Cuboid cannot store.")), options, "the data frame");
        return session.CreateAndLoad(options.TableName ?? "frame", types, options,
            table => table.Load(DataFrameSource.Read(frame, table.Store, options.Progress), options.ErrorHandling));
    }

    /// <summary>Appends a data frame's rows to a table; columns are matched by name.</summary>
    public static LoadReport LoadDataFrame(this Cuboid.Table table, DataFrame frame, ErrorHandling errorHandling = ErrorHandling.Fail, IProgress<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(frame);
        return table.Load(DataFrameSource.Read(frame, table.Store, progress), errorHandling);
    }

    private static Cuboid.Table ReadArrow(this Session session, Schema schema, IEnumerable<RecordBatch> batches, RecordOptions? options)
    {
        ArgumentNullException.ThrowIfNull(session);
        options ??= new RecordOptions();
        var types = Session.WithGivenTypes(schema.FieldsList.ToDictionary(f => f.Name, f => ArrowSource.TypeOf(f.DataType)
            ?? throw new ArgumentException($"Arrow column '{f.Name}' is {f.DataType.Name}, which Cuboid cannot store.")), options, "the Arrow data");
        return session.CreateAndLoad(options.TableName ?? "arrow", types, options,
            table => table.Load(ArrowSource.Read(batches, table.Store, "the Arrow data", options.Progress), options.ErrorHandling));
    }

    /// <summary>The first batch (already taken to read the schema), then the rest.</summary>
    private static IEnumerable<RecordBatch> Rest(IEnumerator<RecordBatch> enumerator)
    {
        do yield return enumerator.Current;
        while (enumerator.MoveNext());
    }

    private static IEnumerable<RecordBatch> Drain(IArrowArrayStream stream)
    {
        while (stream.ReadNextRecordBatchAsync().AsTask().GetAwaiter().GetResult() is { } batch) yield return batch;
    }
}
