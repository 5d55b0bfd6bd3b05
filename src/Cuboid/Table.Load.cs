using Cuboid.Expressions;
using Cuboid.Loading;
using Cuboid.Storage;

namespace Cuboid;

public sealed partial class Table
{
    /// <summary>Loads objects: public properties or fields are matched to columns by name.</summary>
    public LoadReport Load<T>(IEnumerable<T> rows, ErrorHandling errorHandling = ErrorHandling.Fail) => Load(rows, errorHandling, Session.BaseScenario);

    internal LoadReport Load<T>(IEnumerable<T> rows, ErrorHandling errorHandling, string scenario)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows is CsvLoad csv) return Load(csv, scenario);
        return Commit(RecordSource.Read(rows, Store, $"{typeof(T).Name} rows"), errorHandling, scenario);
    }

    /// <summary>Loads CSV files (a path or a glob) into this table; their header must name every column.</summary>
    public LoadReport Load(CsvLoad csv) => Load(csv, Session.BaseScenario);

    internal LoadReport Load(CsvLoad csv, string scenario)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var options = csv.Options ?? new CsvOptions();
        return Load(SourceFiles.Resolve(csv.Path), options, scenario);
    }

    internal LoadReport Load(IReadOnlyList<string> files, CsvOptions options, string scenario = Session.BaseScenario) =>
        Commit(CsvSource.Read(files, Store, options), options.ErrorHandling, scenario);

    /// <summary>Loads the result of a SQL query (any ADO.NET provider), streamed; its columns are matched to the table's by name.</summary>
    public LoadReport Load(SqlLoad sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var options = sql.Options ?? new SqlOptions();
        using var reader = SqlSource.Execute(sql.Connection, sql.Sql, options);
        return Commit(SqlSource.Read(reader, Store, "sql", options.Progress), options.ErrorHandling, Session.BaseScenario);
    }

    /// <summary>Loads the rows of a source that lives outside the engine (see <see cref="ITableSource"/>); its columns are matched to the table's by name.</summary>
    public LoadReport Load(SourceLoad load)
    {
        ArgumentNullException.ThrowIfNull(load);
        return Commit(TableWriter.Read(load.Source, Store, load.Progress), load.ErrorHandling, Session.BaseScenario);
    }

    /// <summary>Commits rows a source has read, with the source's error handling.</summary>
    internal LoadReport Load(LoadResult result, ErrorHandling errorHandling) => Commit(result, errorHandling, Session.BaseScenario);

    /// <summary>Appends rows given as values in column order.</summary>
    public LoadReport Append(params object?[][] rows) => Append(rows, Session.BaseScenario);

    internal LoadReport Append(object?[][] rows, string scenario)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ThrowIfExternal();
        var result = new LoadResult { RowsRead = rows.Length };
        var batch = new RowBatch(Store.Columns, Math.Min(rows.Length, Chunk.Size));
        var rejected = new List<RejectedRow>();
        for (var r = 0; r < rows.Length; r++)
        {
            if (batch.Count == Chunk.Size)
            {
                // A batch becomes a chunk: at most one chunk's worth of rows.
                result.Batches.Add(batch);
                batch = new RowBatch(Store.Columns, Math.Min(rows.Length - r, Chunk.Size));
            }
            var row = rows[r];
            if (row.Length != _columns.Length)
            {
                throw new LoadException($"Row {r + 1} has {row.Length} values; table '{Name}' has {_columns.Length} columns ({string.Join(", ", _columns.Select(c => c.Name))}).",
                    [new RejectedRow("Append", r + 1, null, "wrong number of values")]);
            }
            for (var c = 0; c < row.Length; c++)
            {
                var builder = batch.Columns[c];
                if (row[c] is null && Keys.Contains(_columns[c].Name)) rejected.Add(new RejectedRow("Append", r + 1, _columns[c].Name, $"the key column '{_columns[c].Name}' is null"));
                else if (!builder.TryAdd(row[c])) rejected.Add(new RejectedRow("Append", r + 1, _columns[c].Name, $"{ValueConversion.Describe(row[c])} is not a valid {_columns[c].DataType}"));
                else continue;
                throw new LoadException($"Row {r + 1}, column '{_columns[c].Name}': {rejected[^1].Reason}.", rejected);
            }
        }
        result.Batches.Add(batch);
        return Commit(result, ErrorHandling.Fail, scenario);
    }

    /// <summary>Deletes the rows matching <paramref name="condition"/> (all rows when null); returns how many.</summary>
    public long Drop(Condition? condition = null) => Drop(condition, Session.BaseScenario);

    internal long Drop(Condition? condition, string scenario) => Session.Commit(context =>
    {
        ThrowIfExternal();
        var current = context[Store];
        var filter = condition is null ? null : RowCondition.Compile(condition, OwnTable);
        var scope = new TableScope(Store, context.View);
        var masks = new bool[current.Chunks.Length][];
        for (var c = 0; c < current.Chunks.Length && filter is not null; c++)
        {
            masks[c] = new bool[current.Chunks[c].Count];
            filter.Eval(new ChunkView(scope, c), masks[c]);
        }
        var (version, dropped) = Store.Delete(current, c => masks[c], context.Epoch, context.Timestamp, context.IsBranch);
        if (dropped > 0) context.Changes[Store] = version;
        return dropped;
    }, scenario);

    /// <summary>
    /// Commits what a source read, after applying the error handling: Fail rejects the whole
    /// load (the table is untouched), Skip and Log load the rest.
    /// </summary>
    private LoadReport Commit(LoadResult result, ErrorHandling errorHandling, string scenario)
    {
        ThrowIfExternal();
        if (result.Rejected.Count > 0)
        {
            if (errorHandling == ErrorHandling.Fail)
            {
                var first = result.Rejected[0];
                throw new LoadException($"Nothing was loaded into table '{Name}': {first}.", result.Rejected);
            }
            if (errorHandling == ErrorHandling.Log)
            {
                foreach (var row in result.Rejected) Session.Log.Write($"rejected from '{Name}': {row}");
            }
        }
        Session.CheckMemory(this, result.RowsLoaded);
        Session.Commit(context =>
        {
            context.Changes[Store] = Store.Append(context[Store], result.Batches, context.Epoch, context.Timestamp, context.IsBranch);
            return 0;
        }, scenario);
        if (Session.Log.Logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Information))
        {
            var milliseconds = (long)System.Diagnostics.Stopwatch.GetElapsedTime(result.Started).TotalMilliseconds;
            SessionEvents.Loaded(Session.Log.Logger, Name, result.RowsLoaded, result.Rejected.Count, milliseconds);
        }
        return LastLoadReport = new LoadReport(result.RowsRead, result.RowsLoaded, result.Rejected);
    }

    /// <summary>
    /// The report of the last load committed into this table — how a <c>ReadX</c> with
    /// <see cref="ErrorHandling.Skip"/> or <see cref="ErrorHandling.Log"/> tells which rows it left out.
    /// </summary>
    public LoadReport? LastLoadReport
    {
        get => Volatile.Read(ref _lastLoadReport);
        private set => Volatile.Write(ref _lastLoadReport, value);
    }

    private LoadReport? _lastLoadReport;

    /// <summary>An external table's data changes in its database: loads are refused, naming it.</summary>
    private void ThrowIfExternal()
    {
        if (Store.External is { } external)
        {
            throw new InvalidOperationException($"Table '{Name}' is {external.Description}: its rows stay in the database (DirectQuery). Change them there and refresh the external database.");
        }
    }

    /// <summary>
    /// Replaces every row with <paramref name="result"/>'s in one commit, or inside the open
    /// transaction of the calling flow: how an external table's in-memory mirror is refreshed.
    /// </summary>
    internal void ReplaceRows(LoadResult result)
    {
        if (result.Rejected.Count > 0) throw new LoadException($"Table '{Name}' was not refreshed: {result.Rejected[0]}.", result.Rejected);
        Session.Commit(context =>
        {
            var (emptied, _) = Store.Delete(context[Store], c => null, context.Epoch, context.Timestamp, context.IsBranch);
            context.Changes[Store] = Store.Append(emptied, result.Batches, context.Epoch, context.Timestamp, context.IsBranch);
            return 0;
        }, Session.BaseScenario);
    }

    private TableStore OwnTable(Column column) =>
        column.Table == this ? Store : throw new ArgumentException($"Column '{column.Name}' belongs to table '{column.Table.Name}', not to '{Name}'.");
}
