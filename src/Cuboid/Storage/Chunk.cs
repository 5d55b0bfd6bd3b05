namespace Cuboid.Storage;

/// <summary>
/// Up to <see cref="Size"/> rows of a table: one <see cref="ColumnData"/> per column, plus the rows
/// deleted since the chunk was written. A chunk object never changes; a commit that appends to it
/// or deletes from it publishes a new chunk object sharing the unchanged arrays. Derived data
/// (join maps, member codes) is cached against the chunk object, so it is recomputed only for
/// chunks a commit touched.
/// </summary>
internal sealed class Chunk
{
    public const int Shift = 16;
    public const int Size = 1 << Shift;
    public const int OffsetMask = Size - 1;

    public Chunk(ColumnData[] columns, int count, ulong[]? deleted, int deletedCount, long timestamp, object owner)
    {
        Columns = columns;
        Count = count;
        Deleted = deletedCount == 0 ? null : deleted;
        DeletedCount = deletedCount;
        Timestamp = timestamp;
        Owner = owner;
    }

    public ColumnData[] Columns { get; }

    /// <summary>Rows written, deleted ones included; row offsets run from 0 to Count - 1.</summary>
    public int Count { get; }

    /// <summary>Set bits are deleted rows; null when none is.</summary>
    public ulong[]? Deleted { get; }

    public int DeletedCount { get; }

    public int LiveCount => Count - DeletedCount;

    /// <summary>When a commit last changed this chunk (UTC ticks): feeds update.TIMESTAMP.</summary>
    public long Timestamp { get; }

    /// <summary>The branch allowed to append in place; any other must copy first.</summary>
    public object Owner { get; }

    public bool IsDeleted(int row) => Deleted is not null && Bits.Get(Deleted, row);

    public static int ChunkOf(int rowId) => rowId >>> Shift;

    public static int OffsetOf(int rowId) => rowId & OffsetMask;

    public static int RowId(int chunk, int offset) => (chunk << Shift) | offset;
}

/// <summary>One published state of a table: its chunks. Immutable.</summary>
internal sealed class TableVersion(Chunk[] chunks, long epoch)
{
    public static readonly TableVersion Empty = new([], 0);

    public Chunk[] Chunks { get; } = chunks;

    /// <summary>The session epoch that published this version.</summary>
    public long Epoch { get; } = epoch;

    public long RowCount { get; } = chunks.Sum(c => (long)c.LiveCount);

    /// <summary>One past the largest row id: arrays indexed by row id have this length.</summary>
    public int RowIdLimit => Chunks.Length == 0 ? 0 : Chunk.RowId(Chunks.Length - 1, Chunks[^1].Count);

    public object? GetValue(int column, int rowId) =>
        Chunks[Chunk.ChunkOf(rowId)].Columns[column].GetValue(Chunk.OffsetOf(rowId));

    /// <summary>The live row ids in storage order.</summary>
    public IEnumerable<int> LiveRows()
    {
        for (var c = 0; c < Chunks.Length; c++)
        {
            var chunk = Chunks[c];
            for (var r = 0; r < chunk.Count; r++)
            {
                if (!chunk.IsDeleted(r)) yield return Chunk.RowId(c, r);
            }
        }
    }
}
