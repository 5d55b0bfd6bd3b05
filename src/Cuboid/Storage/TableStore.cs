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

    /// <summary>Whether the columns of the chunks a commit writes are packed (<see cref="PackedData"/>; <see cref="SessionConfig.CompressColumns"/>).</summary>
    public bool Pack { get; init; }

    /// <summary>Set for a table whose rows stay in a database (DirectQuery).</summary>
    public Model.IExternalTable? External { get; init; }
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
    /// Nothing here can fail on user data: sources validated every row before. A scenario's
    /// version (<paramref name="branch"/>) leaves the key index alone — it maps the base's rows —
    /// and finds the rows its keys replace by reading the version's key columns.
    /// </summary>
    public TableVersion Append(TableVersion current, IReadOnlyList<RowBatch> batches, long epoch, long timestamp, bool branch = false)
    {
        var chunks = new List<Chunk>(current.Chunks);
        var deletions = new Dictionary<int, List<int>>();
        var added = new List<(int Chunk, int First, int End)>();
        if (_keyIndex is not null && !branch) ReserveKeys(batches);
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
            added.Add((chunkIndex, first, chunks[chunkIndex].Count));
            if (_keyIndex is null || branch) continue;
            var chunk = chunks[chunkIndex];
            // One integral key column without nulls (surrogate ids): its array goes to the index in one pass.
            if (_keyColumns.Length == 1 && chunk.Columns[_keyColumns[0]] is PrimitiveData<long> { HasNulls: false } longs)
            {
                SetKeys(longs.Values.AsSpan(first, chunk.Count - first), chunkIndex, first, deletions);
                continue;
            }
            if (_keyColumns.Length == 1 && chunk.Columns[_keyColumns[0]] is PrimitiveData<int> { HasNulls: false } ints)
            {
                SetKeys(ints.Values.AsSpan(first, chunk.Count - first), chunkIndex, first, deletions);
                continue;
            }
            if (_keyColumns.Length == 1 && chunk.Columns[_keyColumns[0]] is PackedData { Kind: PackedData.ValueKind.Int or PackedData.ValueKind.Long } packed)
            {
                SetKeys(packed, chunkIndex, first, chunk.Count - first, deletions);
                continue;
            }
            for (var r = first; r < chunk.Count; r++)
            {
                var replaced = _keyIndex.Set(KeyOf(chunk, r), Chunk.RowId(chunkIndex, r));
                if (replaced >= 0) MarkDeleted(deletions, replaced);
            }
        }
        if (_keyIndex is not null && branch) ReplaceByScan(chunks, added, deletions);
        if (Pack) PackWritten(chunks, [.. added.Select(a => a.Chunk).Distinct()]);
        ApplyDeletions(chunks, deletions, timestamp);
        return new TableVersion([.. chunks], epoch);
    }

    /// <summary>
    /// Packs the columns of the chunks this commit wrote that their loaders did not pack (string codes,
    /// final only now; rows appended one by one), on every core. A chunk is never written
    /// in place: a later commit that appends to the last one copies it (unpacking it), so packing
    /// the partial chunks too (a parallel CSV load leaves one per range) is safe.
    /// </summary>
    private void PackWritten(List<Chunk> chunks, int[] written)
    {
        if (written.Length == 0) return;
        var packed = new Chunk[written.Length];
        Parallel.For(0, written.Length, i =>
        {
            var chunk = chunks[written[i]];
            ColumnData[] columns = [.. chunk.Columns.Select((data, column) => PackedData.Pack(data, chunk.Count, Columns[column]))];
            packed[i] = new Chunk(columns, chunk.Count, chunk.Deleted, chunk.DeletedCount, chunk.Timestamp, chunk.Owner);
        });
        for (var i = 0; i < written.Length; i++) chunks[written[i]] = packed[i];
    }

    /// <summary>Sizes a dense key index once for the whole load (from its key column's range) rather than doubling it chunk by chunk.</summary>
    private void ReserveKeys(IReadOnlyList<RowBatch> batches)
    {
        if (_keyColumns.Length != 1) return;
        var (min, max, count) = (long.MaxValue, long.MinValue, 0);
        foreach (var batch in batches)
        {
            var (low, high) = batch.Columns[_keyColumns[0]] switch
            {
                PrimitiveBuilder<long> { Packed: { } packed } => packed.Range,
                PrimitiveBuilder<long> longs => KeyIndex.Range(longs.Values),
                PrimitiveBuilder<int> { Packed: { } packed } => packed.Range,
                PrimitiveBuilder<int> ints => KeyIndex.Range(ints.Values),
                _ => (long.MaxValue, long.MinValue),
            };
            if (low > high && batch.Count > 0) return;   // not an integral key
            (min, max, count) = (Math.Min(min, low), Math.Max(max, high), count + batch.Count);
        }
        if (count > 0) _keyIndex!.Reserve(min, max, count);
    }

    private void SetKeys<T>(ReadOnlySpan<T> keys, int chunkIndex, int first, Dictionary<int, List<int>> deletions) where T : struct, System.Numerics.IBinaryInteger<T>
    {
        var replaced = new List<int>();
        _keyIndex!.SetAll(keys, Chunk.RowId(chunkIndex, first), replaced);
        foreach (var row in replaced) MarkDeleted(deletions, row);
    }

    /// <summary>A packed integral key column (a batch its loader packed) decoded a chunk at a time into the index.</summary>
    private void SetKeys(PackedData keys, int chunkIndex, int first, int count, Dictionary<int, List<int>> deletions)
    {
        var buffer = System.Buffers.ArrayPool<long>.Shared.Rent(count);
        try
        {
            KeyEncoding.EncodeRange(keys, first, buffer.AsSpan(0, count));
            SetKeys<long>(buffer.AsSpan(0, count), chunkIndex, first, deletions);
        }
        finally
        {
            System.Buffers.ArrayPool<long>.Shared.Return(buffer);
        }
    }

    /// <summary>Upserts in a scenario: the new rows' keys (the last occurrence wins) delete the live rows that hold them.</summary>
    private void ReplaceByScan(List<Chunk> chunks, List<(int Chunk, int First, int End)> added, Dictionary<int, List<int>> deletions)
    {
        var incoming = new Dictionary<KeyTuple, int>();
        var firstNew = new Dictionary<int, int>();   // chunk → first new row in it
        foreach (var (c, first, end) in added)
        {
            firstNew[c] = firstNew.TryGetValue(c, out var known) ? Math.Min(known, first) : first;
            for (var r = first; r < end; r++)
            {
                var key = KeyOf(chunks[c], r);
                if (incoming.TryGetValue(key, out var earlier)) MarkDeleted(deletions, earlier);
                incoming[key] = Chunk.RowId(c, r);
            }
        }
        for (var c = 0; c < chunks.Count; c++)
        {
            var chunk = chunks[c];
            var end = firstNew.TryGetValue(c, out var first) ? first : chunk.Count;
            for (var r = 0; r < end; r++)
            {
                if (!chunk.IsDeleted(r) && incoming.ContainsKey(KeyOf(chunk, r))) MarkDeleted(deletions, Chunk.RowId(c, r));
            }
        }
    }

    /// <summary>Deletes the rows whose flag in <paramref name="maskOf"/>(chunk) is set (all rows of a chunk when it returns null).</summary>
    public (TableVersion Version, long Dropped) Delete(TableVersion current, Func<int, bool[]?> maskOf, long epoch, long timestamp, bool branch = false)
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
                if (!branch) _keyIndex?.Remove(KeyOf(chunk, r));
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
            // A batch its loader packed is read back in plain arrays to be copied in.
            merged[i].CopyRange(data[i] is PackedData packed ? packed.Unpacked(count) : data[i], 0, last.Count, count);
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
