using Cuboid.Loading;
using Cuboid.Storage;

namespace Cuboid;

/// <summary>
/// A source of rows that lives outside the engine (Parquet files in Cuboid.Parquet, or one of your
/// own): it names its columns and types, and writes its rows into a <see cref="TableWriter"/> as
/// segments of columns. <see cref="Session.ReadTable"/> creates a table from it and
/// <see cref="Table.Load(SourceLoad)"/> appends to one, with every
/// source's checks: a value a column cannot take rejects its row, named by source, row and column,
/// and a failed load leaves the table as it was.
/// </summary>
public interface ITableSource
{
    /// <summary>Names the source in errors and load reports ("sales.parquet"), and the table read from it by default.</summary>
    string Name { get; }

    /// <summary>The source's columns with the Cuboid type each holds, in order.</summary>
    IReadOnlyList<SourceColumn> Columns { get; }

    /// <summary>
    /// Writes every row: for each segment, one array per column of <see cref="TableWriter.Columns"/>
    /// (the table's columns, which the source must have). May write segments from several threads.
    /// </summary>
    void Write(TableWriter writer);
}

/// <summary>A source's rows to load into an existing table: <c>table.Load(new SourceLoad(source))</c>. Columns are matched by name.</summary>
public sealed record SourceLoad(ITableSource Source, ErrorHandling ErrorHandling = ErrorHandling.Fail, IProgress<long>? Progress = null);

/// <summary>A column of a <see cref="ITableSource"/>: its name and the Cuboid type of its values.</summary>
public sealed record SourceColumn(string Name, DataType Type);

/// <summary>
/// Takes a source's rows for one table, a segment at a time (a row group, a record batch): one CLR
/// array per column, in the order of <see cref="Columns"/>. An array of the column's own type —
/// int[], long[], double[], float[], bool[], DateOnly[], DateTime[], string?[] — goes into storage in
/// block copies (text may also come as ReadOnlyMemory&lt;char&gt;[] slices of a decoded page, none null); arrays of nullable values (int?[]…) are typed and unboxed; any other array (of
/// decimals, of arrays for an array column, of objects) is converted value by value. Thread-safe.
/// </summary>
public sealed class TableWriter
{
    private readonly TableStore _table;
    private readonly IProgress<long>? _progress;
    private readonly SortedDictionary<long, LoadResult> _segments = [];
    private long _rows;
    private readonly long _started = System.Diagnostics.Stopwatch.GetTimestamp();

    internal TableWriter(TableStore table, IProgress<long>? progress)
    {
        _table = table;
        _progress = progress;
        Columns = [.. table.Columns.Select(c => c.Name)];
    }

    /// <summary>The table's columns: the source writes one array per column, in this order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>
    /// Writes rows [0, <paramref name="rows"/>) of the arrays (which may be longer: reused buffers).
    /// <paramref name="order"/> places the segment among the others (segments written in parallel are
    /// stored in this order, so a load is the same every time); <paramref name="source"/> and
    /// <paramref name="firstRow"/> (the 0-based position of its first row there) name rejected rows.
    /// </summary>
    public void Write(long order, string source, long firstRow, int rows, IReadOnlyList<Array> columns)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count != Columns.Count) throw new ArgumentException($"A segment of {source} has {columns.Count} columns; table '{_table.Name}' has {Columns.Count}.", nameof(columns));
        for (var c = 0; c < columns.Count; c++)
        {
            if (columns[c].Length < rows) throw new ArgumentException($"Column '{Columns[c]}' of a segment of {source} holds {columns[c].Length} values for {rows} rows.", nameof(columns));
        }
        var part = ColumnarBatches.Read(_table, rows, source, firstRow, (c, start, count, builder, isKey, failures) => ArrayColumns.Fill(columns[c], start, count, builder, isKey, failures));
        lock (_segments)
        {
            if (!_segments.TryAdd(order, part)) throw new ArgumentException($"Two segments of {source} have order {order}.", nameof(order));
            _progress?.Report(_rows += rows);
        }
    }

    /// <summary>Every segment, in order.</summary>
    internal LoadResult Result()
    {
        var result = new LoadResult { Started = _started };
        foreach (var part in _segments.Values) result.Add(part);
        return result;
    }

    internal static LoadResult Read(ITableSource source, TableStore table, IProgress<long>? progress)
    {
        ArgumentNullException.ThrowIfNull(source);
        var writer = new TableWriter(table, progress);
        try
        {
            source.Write(writer);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            // A source's parallel workers report one failure as itself.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        return writer.Result();
    }
}
