using Cuboid.Storage;

namespace Cuboid.Loading;

/// <summary>
/// New rows for a table, column by column, at most one chunk's worth. Sources fill batches
/// (in parallel when they can); a commit turns each batch into a chunk without copying.
/// </summary>
internal sealed class RowBatch
{
    public RowBatch(IReadOnlyList<ColumnSchema> schema, int capacity = Chunk.Size, bool packOnFill = false)
    {
        Columns = [.. schema.Select(c => ColumnBuilder.Create(c, capacity))];
        foreach (var column in Columns) column.PackOnFill = packOnFill;
    }

    public ColumnBuilder[] Columns { get; }

    public int Count => Columns.Length == 0 ? 0 : Columns[0].Count;

    /// <summary>Rolls back a row that failed half way.</summary>
    public void Truncate(int count)
    {
        foreach (var c in Columns) c.Truncate(count);
    }

    /// <summary>Packs the columns that can be packed before the commit (<see cref="ColumnBuilder.Pack"/>); the batch is complete.</summary>
    public void Pack()
    {
        foreach (var c in Columns) c.Pack();
    }

    public void Compact(ReadOnlySpan<bool> keep)
    {
        foreach (var c in Columns) c.Compact(keep);
    }
}
