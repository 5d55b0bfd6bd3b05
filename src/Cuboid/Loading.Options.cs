using System.Globalization;
using System.Text;

namespace Cuboid;

/// <summary>What a load does with a row it cannot take.</summary>
public enum ErrorHandling
{
    /// <summary>Reject the whole load at the first bad row; the table stays exactly as it was.</summary>
    Fail,
    /// <summary>Load the good rows and drop the bad ones silently (they are still in the report).</summary>
    Skip,
    /// <summary>Load the good rows and write every rejected row to the session log and the report.</summary>
    Log,
}

/// <summary>Options shared by every source: the table to create and how to treat bad rows.</summary>
public abstract record LoadOptions
{
    /// <summary>The name of the table to create; defaults to the file name without extension.</summary>
    public string? TableName { get; init; }

    /// <summary>The key columns: a row with an existing key replaces the old row.</summary>
    public IReadOnlyList<string>? Keys { get; init; }

    /// <summary>Column types to use instead of inferred ones (by column name, after renames).</summary>
    public IReadOnlyDictionary<string, DataType>? Types { get; init; }

    /// <summary>Default values replacing nulls, by column name.</summary>
    public IReadOnlyDictionary<string, object?>? DefaultValues { get; init; }

    /// <summary>What to do with rows that cannot be loaded.</summary>
    public ErrorHandling ErrorHandling { get; init; } = ErrorHandling.Fail;

    /// <summary>Receives the number of rows read so far (for progress bars), as chunks, row groups or batches finish.</summary>
    public IProgress<long>? Progress { get; init; }
}

/// <summary>How to read CSV files (and globs of them).</summary>
public sealed record CsvOptions : LoadOptions
{
    /// <summary>The field separator; inferred from the header among , ; tab and | when null.</summary>
    public char? Separator { get; init; }

    /// <summary>The quote character; fields in quotes may hold separators, line breaks and doubled quotes.</summary>
    public char Quote { get; init; } = '"';

    /// <summary>The file encoding; UTF-8 by default.</summary>
    public Encoding? Encoding { get; init; }

    /// <summary>
    /// Whether bytes that are not valid in the encoding become U+FFFD (true) or fail the load naming
    /// their line and field (false, the default: a file in another encoding is not loaded garbled).
    /// </summary>
    public bool ReplaceInvalidText { get; init; }

    /// <summary>Patterns (Java or .NET letters) for LocalDate and LocalDateTime columns, tried in order before ISO formats.</summary>
    public IReadOnlyList<string>? DatePatterns { get; init; }

    /// <summary>The separator of values inside an array field, e.g. "1;2;3".</summary>
    public char ArraySeparator { get; init; } = ';';

    /// <summary>Words read as true for Boolean columns (default true/True/TRUE).</summary>
    public IReadOnlyList<string>? TrueValues { get; init; }

    /// <summary>Words read as false for Boolean columns (default false/False/FALSE).</summary>
    public IReadOnlyList<string>? FalseValues { get; init; }

    /// <summary>Field texts read as null, besides the empty field.</summary>
    public IReadOnlyList<string>? NullValues { get; init; }

    /// <summary>Renames applied to header names: file column → table column.</summary>
    public IReadOnlyDictionary<string, string>? ColumnRenames { get; init; }

    /// <summary>Number format of the files; invariant by default.</summary>
    public CultureInfo? Culture { get; init; }

    /// <summary>How many rows type inference reads.</summary>
    public int InferenceRows { get; init; } = 1000;
}

/// <summary>Loads CSV data into an existing table: <c>table.Load(new CsvLoad("file.csv"))</c>.</summary>
public sealed record CsvLoad(string Path, CsvOptions? Options = null);

/// <summary>A row a load did not take, and why.</summary>
public sealed record RejectedRow(string Source, long Line, string? Column, string Reason)
{
    /// <inheritdoc/>
    public override string ToString() =>
        Column is null ? $"{Source}:{Line}: {Reason}" : $"{Source}:{Line}, column '{Column}': {Reason}";
}

/// <summary>What a load did: rows read, rows loaded, rows rejected.</summary>
public sealed record LoadReport(long RowsRead, long RowsLoaded, IReadOnlyList<RejectedRow> Rejected);

/// <summary>A load that failed; the table is unchanged. <see cref="Rejected"/> names the row(s) at fault.</summary>
public sealed class LoadException(string message, IReadOnlyList<RejectedRow> rejected) : Exception(message)
{
    /// <summary>The rows at fault (the first one for <see cref="ErrorHandling.Fail"/>).</summary>
    public IReadOnlyList<RejectedRow> Rejected { get; } = rejected;
}

/// <summary>How to read the result of a SQL query (any ADO.NET provider).</summary>
public sealed record SqlOptions : LoadOptions
{
    /// <summary>The query's parameters, by name (with or without the provider's prefix: <c>@id</c>, <c>:id</c>, <c>$id</c>).</summary>
    public IReadOnlyDictionary<string, object?>? Parameters { get; init; }

    /// <summary>Seconds the query may run (the provider's default when null).</summary>
    public int? CommandTimeout { get; init; }
}

/// <summary>A SQL query to load into an existing table: <c>table.Load(new SqlLoad("SELECT …", connection))</c>. Its columns are matched to the table's by name.</summary>
public sealed record SqlLoad(string Sql, System.Data.Common.DbConnection Connection, SqlOptions? Options = null);

/// <summary>How to read objects or a 2-D array into a new table.</summary>
public sealed record RecordOptions : LoadOptions;
