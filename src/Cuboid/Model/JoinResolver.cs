using Cuboid.Storage;

namespace Cuboid.Model;

/// <summary>
/// Resolves a join for every row of the source table: the row id of the matching target row,
/// or -1. Runs at commit, under the write lock, when the target's key index matches the version
/// being published; a query then reads joined columns through these arrays without hashing.
/// Maps are kept per source chunk and reused while that chunk and the target are unchanged.
/// A join on other target columns than its keys is many-to-many when some value of them is
/// shared by several target rows; it is then resolved to a <see cref="ManyMap"/> (see
/// <see cref="PartialJoin"/>), else to row ids as a join on keys is.
/// </summary>
internal sealed class JoinResolver(JoinDefinition join)
{
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<Chunk, int[]> _maps = new();
    private readonly PartialJoin? _partial = join.OnTargetKeys ? null : new PartialJoin(join);
    private TableVersion? _target;

    public JoinDefinition Join { get; } = join;

    /// <summary>
    /// The join for <paramref name="source"/> against <paramref name="target"/>: the row maps of each
    /// source chunk, or the many-to-many map when some source rows match several target rows.
    /// </summary>
    public (int[][]? Rows, ManyMap? Many) Resolve(TableVersion source, TableVersion target)
    {
        if (!ReferenceEquals(target, _target))
        {
            _maps.Clear();
            _target = target;
        }
        if (_partial is not null)
        {
            var grouping = _partial.Group(target);
            var groups = _partial.Resolve(source);
            if (grouping.IsMany) return (null, new ManyMap(Join, groups, grouping.Offsets, grouping.Rows));
            var rows = new int[groups.Length][];
            for (var c = 0; c < rows.Length; c++)
            {
                if (!_maps.TryGetValue(source.Chunks[c], out var known)) _maps.AddOrUpdate(source.Chunks[c], known = grouping.FirstRows(groups[c]));
                rows[c] = known;
            }
            return (rows, null);
        }
        var translators = Join.Columns.Select(c => new KeyTranslator(c.Source.Schema, c.Target.Schema)).ToArray();
        var direct = DirectIndex(translators);
        var result = new int[source.Chunks.Length][];
        var missing = new List<int>();
        for (var c = 0; c < result.Length; c++)
        {
            if (_maps.TryGetValue(source.Chunks[c], out var map)) result[c] = map;
            else missing.Add(c);
        }
        // Chunks resolve independently: a first join of a large fact is one pass per core.
        if (direct is not null)
        {
            Parallel.ForEach(missing, c => result[c] = ResolveChunk(source.Chunks[c], direct));
        }
        else
        {
            var lookup = KeyLookup();
            foreach (var c in missing) result[c] = ResolveChunk(source.Chunks[c], lookup, translators);   // translators cache codes: one thread
        }
        foreach (var c in missing) _maps.AddOrUpdate(source.Chunks[c], result[c]);
        return (result, null);
    }

    /// <summary>The target's key index when one source column maps the target's one key column as it is (integers, dates): the lookups then go a chunk at a time.</summary>
    private KeyIndex? DirectIndex(KeyTranslator[] translators) =>
        translators is [{ IsIdentity: true }] && Join.Target.Store.KeyIndex is { Width: 1 } index ? index : null;

    private int[] ResolveChunk(Chunk chunk, KeyIndex index)
    {
        var map = GC.AllocateUninitializedArray<int>(chunk.Count);
        var keys = System.Buffers.ArrayPool<long>.Shared.Rent(chunk.Count);
        try
        {
            var span = keys.AsSpan(0, chunk.Count);
            KeyEncoding.EncodeRange(chunk.Columns[Join.Columns[0].Source.Schema.Index], 0, span);   // a null encodes as Null, which no key holds
            index.GetAll(span, map);
        }
        finally
        {
            System.Buffers.ArrayPool<long>.Shared.Return(keys);
        }
        return map;
    }

    private int[] ResolveChunk(Chunk chunk, Func<KeyTuple, int> lookup, KeyTranslator[] translators)
    {
        var map = new int[chunk.Count];
        Span<long> key = stackalloc long[KeyTuple.MaxColumns];
        var width = translators.Length;
        for (var r = 0; r < chunk.Count; r++)
        {
            var missing = false;
            for (var k = 0; k < width; k++)
            {
                var value = translators[k].Translate(KeyEncoding.Encode(chunk.Columns[Join.Columns[k].Source.Schema.Index], r));
                missing |= value == KeyEncoding.Null;
                key[k] = value;
            }
            map[r] = missing ? -1 : lookup(KeyTuple.From(key[..width]));
        }
        return map;
    }

    /// <summary>The target's key index, the tuple put in its key order (the mapping may list the key columns in any order).</summary>
    private Func<KeyTuple, int> KeyLookup()
    {
        var index = Join.Target.Store.KeyIndex ?? throw new InvalidOperationException($"Table '{Join.Target.Name}' has no key index.");
        var order = Join.Target.Keys.Select(k => Join.Columns.ToList().FindIndex(c => c.Target.Name == k)).ToArray();
        if (order.Select((o, i) => o == i).All(x => x)) return key => index.TryGet(key, out var row) ? row : -1;
        return key =>
        {
            Span<long> values = [key.A, key.B, key.C, key.D];
            Span<long> ordered = stackalloc long[order.Length];
            for (var i = 0; i < order.Length; i++) ordered[i] = values[order[i]];
            return index.TryGet(KeyTuple.From(ordered), out var row) ? row : -1;
        };
    }
}

/// <summary>Translates key encodings between two columns; string codes through a cached code table.</summary>
internal sealed class KeyTranslator(ColumnSchema from, ColumnSchema to)
{
    private readonly Func<long, long> _slow = KeyEncoding.Translate(from, to);
    private readonly bool _identity = from.Type == to.Type && from.Type != DataType.String || (from.Type.IsIntegral() && to.Type.IsIntegral());
    private int[] _codes = [];

    /// <summary>Whether keys cross unchanged (same non-string type, or integers of any width).</summary>
    public bool IsIdentity => _identity;

    public long Translate(long key)
    {
        if (_identity || key == KeyEncoding.Null) return key;
        if (from.Type != DataType.String) return _slow(key);
        if (key >= _codes.Length) GrowCodes();
        var code = _codes[key];
        return code < 0 ? KeyEncoding.Null : code;
    }

    private void GrowCodes()
    {
        var codes = new int[from.Dictionary!.Count];
        Array.Copy(_codes, codes, _codes.Length);
        for (var c = _codes.Length; c < codes.Length; c++) codes[c] = to.Dictionary!.TryGetCode(from.Dictionary[c], out var t) ? t : -1;
        _codes = codes;
    }
}
