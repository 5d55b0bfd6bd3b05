using Cuboid.Storage;

namespace Cuboid.Loading;

/// <summary>
/// Cuts the rows of a columnar source (a Parquet row group, an Arrow record batch, a data frame,
/// a 2-D array) into chunk-sized batches, filling each column's builder in one pass. A row that
/// any column rejects leaves its batch and is reported once, with the first reason found.
/// </summary>
internal static class ColumnarBatches
{
    /// <summary>Adds rows [start, start + count) of <paramref name="column"/> to <paramref name="builder"/>, one value a row, reporting the rows it cannot take.</summary>
    public delegate void ColumnFill(int column, int start, int count, ColumnBuilder builder, bool isKey, RowFailures failures);

    /// <summary>Reads <paramref name="rows"/> rows; <paramref name="firstLine"/> is the 0-based position of the first one in the source (for the report).</summary>
    public static LoadResult Read(TableStore table, int rows, string source, long firstLine, ColumnFill fill)
    {
        var result = new LoadResult { RowsRead = rows };
        var isKey = table.Columns.Select(c => table.Keys.Contains(c.Name)).ToArray();
        for (var start = 0; start < rows; start += Chunk.Size)
        {
            var count = Math.Min(Chunk.Size, rows - start);
            var batch = new RowBatch(table.Columns, count, packOnFill: table.Pack);
            var failures = new RowFailures(source, firstLine, start, count);
            for (var c = 0; c < isKey.Length; c++)
            {
                failures.Column = table.Columns[c].Name;
                fill(c, start, count, batch.Columns[c], isKey[c], failures);
            }
            if (failures.Keep is { } keep) batch.Compact(keep);
            if (table.Pack) batch.Pack();
            result.Rejected.AddRange(failures.Rejected.OrderBy(r => r.Line));
            result.Batches.Add(batch);
        }
        return result;
    }
}

/// <summary>The rows of one batch that a column could not take.</summary>
internal sealed class RowFailures(string source, long firstLine, int start, int count)
{
    public string Column { get; set; } = "";

    /// <summary>Null while every row is good; otherwise false for the rows to drop.</summary>
    public bool[]? Keep { get; private set; }

    public List<RejectedRow> Rejected { get; } = [];

    /// <summary>Rejects <paramref name="row"/> (a position in the source segment, not in the batch), unless another column already did.</summary>
    public void Add(int row, string reason) => Reject(row, Column, reason);

    /// <summary>Rejects a row that is bad as a whole (a null record), naming no column.</summary>
    public void AddRow(int row, string reason) => Reject(row, null, reason);

    private void Reject(int row, string? column, string reason)
    {
        if (Keep is null)
        {
            Keep = new bool[count];
            Array.Fill(Keep, true);
        }
        if (!Keep[row - start]) return;
        Keep[row - start] = false;
        Rejected.Add(new RejectedRow(source, firstLine + row + 1, column, reason));
    }

    /// <summary>Adds a boxed value (the slow path, for conversions), rejecting the row when it is a null key or a value the column cannot take.</summary>
    public void AddChecked(ColumnBuilder builder, int row, object? value, bool isKey)
    {
        if (builder.AddChecked(value, isKey) is { } reason) Add(row, reason);
    }
}
