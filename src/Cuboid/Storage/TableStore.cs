using Cuboid.Loading;

namespace Cuboid.Storage;

/// <summary>
/// The write side of a table: its schema, its key index and the commit logic that turns new
/// rows and deletions into a new <see cref="TableVersion"/>. Writers are serialized by the
/// session; readers only ever see published versions.
/// </summary>
internal sealed class TableStore
{
    private readonly int[] _keyColumns;
    private KeyIndex? _keyIndex;

    public TableStore(string name, IReadOnlyList<ColumnSchema> columns, IReadOnlyList<string> keys)
    {
        Name = name;
        Columns = columns;
        _keyColumns = [.. keys.Select(k => columns.First(c => c.Name == k).Index)];
        Keys = keys;
        if (_keyColumns.Length > 0) _keyIndex = NewKeyIndex();
    }

    public string Name { get; }
    public IReadOnlyList<ColumnSchema> Columns { get; }
    public IReadOnlyList<string> Keys { get; }
    public ReadOnlySpan<int> KeyColumns => _keyColumns;

    /// <summary>The key index of the newest version; null for a table without keys.</summary>
    public KeyIndex? KeyIndex => _keyIndex;

    public ColumnSchema? Find(string name) => Columns.FirstOrDefault(c => c.Name == name);

    public KeyTuple KeyOf(Chunk chunk, int row)
    {
        Span<long> values = stackalloc long[KeyTuple.MaxColumns];
        for (var k = 0; k < _keyColumns.Length; k++) values[k] = KeyEncoding.Encode(chunk.Columns[_keyColumns[k]], row);
        return KeyTuple.From(values[.._keyColumns.Length]);
    }

    /// <summary>
    /// Appends validated batches: each batch becomes a chunk (its arrays adopted), and a row whose
    /// key exists already (in the table or earlier in the same load) deletes the older row.
    /// Nothing here can fail on user data: sources validated every row before.
    /// </summary>
    public TableVersion Append(TableVersion current, IReadOnlyList<RowBatch> batches, long epoch, long timestamp)
    {
        var chunks = new List<Chunk>(current.Chunks);
        var deletions = new Dictionary<int, List<int>>();
        foreach (var batch in batches)
        {
            if (batch.Count == 0) continue;
            foreach (var column in batch.Columns)
            {
                if (column is StringColumnBuilder s) s.Recode();
            }
            var data = batch.Columns.Select(c => c.Build()).ToArray();
            var (chunkIndex, first) = chunks.Count > 0 && chunks[^1].Count + batch.Count <= Chunk.Size
                ? MergeIntoLast(chunks, data, batch.Count, timestamp)
                : (chunks.Count, 0);
            if (chunkIndex == chunks.Count) chunks.Add(new Chunk(data, batch.Count, null, 0, timestamp, this));
            if (_keyIndex is null) continue;
            var chunk = chunks[chunkIndex];
            for (var r = first; r < chunk.Count; r++)
            {
                var replaced = _keyIndex.Set(KeyOf(chunk, r), Chunk.RowId(chunkIndex, r));
                if (replaced >= 0) MarkDeleted(deletions, replaced);
            }
        }
        ApplyDeletions(chunks, deletions, timestamp);
        return new TableVersion([.. chunks], epoch);
    }

    /// <summary>Deletes the rows whose flag in <paramref name="maskOf"/>(chunk) is set (all rows of a chunk when it returns null).</summary>
    public (TableVersion Version, long Dropped) Delete(TableVersion current, Func<int, bool[]?> maskOf, long epoch, long timestamp)
    {
        var chunks = new List<Chunk>(current.Chunks);
        var deletions = new Dictionary<int, List<int>>();
        long dropped = 0;
        for (var c = 0; c < chunks.Count; c++)
        {
            var chunk = chunks[c];
            var mask = maskOf(c);
            for (var r = 0; r < chunk.Count; r++)
            {
                if (chunk.IsDeleted(r) || (mask is not null && !mask[r])) continue;
                MarkDeleted(deletions, Chunk.RowId(c, r));
                _keyIndex?.Remove(KeyOf(chunk, r));
                dropped++;
            }
        }
        ApplyDeletions(chunks, deletions, timestamp);
        return (new TableVersion([.. chunks], epoch), dropped);
    }

    /// <summary>Rebuilds the key index from a version: after a rollback, or for a branch.</summary>
    public void RebuildKeyIndex(TableVersion version)
    {
        if (_keyColumns.Length == 0) return;
        _keyIndex = NewKeyIndex();
        for (var c = 0; c < version.Chunks.Length; c++)
        {
            var chunk = version.Chunks[c];
            for (var r = 0; r < chunk.Count; r++)
            {
                if (!chunk.IsDeleted(r)) _keyIndex.Set(KeyOf(chunk, r), Chunk.RowId(c, r));
            }
        }
    }

    private KeyIndex NewKeyIndex()
    {
        var dense = _keyColumns.Length == 1 && Columns[_keyColumns[0]].Type is DataType.Int or DataType.Long or DataType.String or DataType.LocalDate;
        return new KeyIndex(_keyColumns.Length, dense);
    }

    /// <summary>
    /// Small appends go into the last chunk instead of making a new one each time, so that many
    /// small commits do not fragment the table. The last chunk is copied, never written in place:
    /// older versions may still be reading it.
    /// </summary>
    private static (int Chunk, int FirstRow) MergeIntoLast(List<Chunk> chunks, ColumnData[] data, int count, long timestamp)
    {
        var last = chunks[^1];
        var total = last.Count + count;
        var capacity = (int)Math.Min(Chunk.Size, Math.Max(System.Numerics.BitOperations.RoundUpToPowerOf2((uint)total), 1024));
        var merged = new ColumnData[data.Length];
        for (var i = 0; i < data.Length; i++)
        {
            merged[i] = last.Columns[i].Grow(capacity, last.Count);
            merged[i].CopyRange(data[i], 0, last.Count, count);
            merged[i] = merged[i].WithNulls(data[i].HasNulls);
        }
        var deleted = last.Deleted is null ? null : Bits.CopyResized(last.Deleted, capacity);
        chunks[^1] = new Chunk(merged, total, deleted, last.DeletedCount, timestamp, last.Owner);
        return (chunks.Count - 1, last.Count);
    }

    private static void MarkDeleted(Dictionary<int, List<int>> deletions, int rowId)
    {
        var chunk = Chunk.ChunkOf(rowId);
        if (!deletions.TryGetValue(chunk, out var rows)) deletions[chunk] = rows = [];
        rows.Add(Chunk.OffsetOf(rowId));
    }

    /// <summary>Copy-on-write of the deletion masks of the chunks that lost rows.</summary>
    private static void ApplyDeletions(List<Chunk> chunks, Dictionary<int, List<int>> deletions, long timestamp)
    {
        foreach (var (index, rows) in deletions)
        {
            var chunk = chunks[index];
            var mask = Bits.CopyResized(chunk.Deleted, chunk.Count);
            foreach (var r in rows) Bits.Set(mask, r);
            chunks[index] = new Chunk(chunk.Columns, chunk.Count, mask, Bits.Count(mask), timestamp, chunk.Owner);
        }
    }
}
