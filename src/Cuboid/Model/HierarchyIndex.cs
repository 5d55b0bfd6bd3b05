using System.Runtime.CompilerServices;
using Cuboid.Expressions;
using Cuboid.Storage;

namespace Cuboid.Model;

/// <summary>
/// Member codes of one hierarchy for the rows of its anchor table: the fact table, or the
/// first table joined from the fact on the way to the hierarchy's columns (Stores for
/// Region/Country/City). A query reads a fact row's member as <c>codes[joinMap[row]]</c>; for
/// fact-anchored hierarchies the codes are kept per fact chunk and reused while the chunk lives.
/// </summary>
internal sealed class HierarchyIndex
{
    private readonly ConditionalWeakTable<Chunk, ChunkCodes> _factCodes = new();
    private readonly Lock _lock = new();
    private readonly ConditionalWeakTable<int[], NarrowCodes> _narrow = new();
    private volatile AnchorCache? _anchorCodes;

    public HierarchyIndex(Hierarchy hierarchy, JoinGraph graph, bool parameter = false)
    {
        Hierarchy = hierarchy;
        Members = new MemberTable(hierarchy.Levels.Count);
        IsParameter = parameter;
        if (parameter)
        {
            // A parameter hierarchy's members are its own table's rows; no fact row refers to them.
            Anchor = hierarchy.Levels[0].Column.Table;
            Paths = [.. hierarchy.Levels.Select(_ => Array.Empty<JoinDefinition>())];
            PathTables = [Anchor];
            return;
        }
        var paths = hierarchy.Levels.Select(l => graph.PathTo(l.Column.Table)).ToArray();
        var shared = paths[0].TakeWhile((join, i) => paths.All(p => p.Length > i && p[i] == join)).ToArray();
        // Codes are per row of the first table joined (Stores), or of the last table on the shared path
        // joined on other columns than its keys: such a join may be many-to-many, and a fact then has one
        // member per row it matches there (Tags), which the scan expands (ManyExpansion).
        var partial = Array.FindLastIndex(shared, j => !j.OnTargetKeys);
        Anchor = partial >= 0 ? shared[partial].Target : shared.Length > 0 ? shared[0].Target : graph.Fact;
        Paths = [.. hierarchy.Levels.Select(l => graph.PathBetween(Anchor, l.Column.Table))];
        PathTables = [.. Paths.SelectMany(p => p).Select(j => j.Target).Append(Anchor).Distinct()];
    }

    public Hierarchy Hierarchy { get; }
    public MemberTable Members { get; }

    /// <summary>
    /// A parameter hierarchy (Atoti's <c>create_parameter_hierarchy</c>): not joined to the facts, so
    /// every fact counts under each of its members; scans leave it out and results are repeated per member.
    /// </summary>
    public bool IsParameter { get; }

    /// <summary>The table whose rows the codes are computed for.</summary>
    public Table Anchor { get; }

    /// <summary>For each level, the joins from the anchor to the level's table.</summary>
    public JoinDefinition[][] Paths { get; }

    private Table[] PathTables { get; }

    public bool FactAnchored(JoinGraph graph) => Anchor == graph.Fact;

    /// <summary>The many-to-many join whose target is the anchor in <paramref name="snapshot"/>: a fact row then has a member per target row it matches (null: one member).</summary>
    public ManyMap? ManyOf(CubeSnapshot snapshot) =>
        snapshot.HasMany && snapshot.ManyTo(Anchor) is { } many && many.Join.Target == Anchor ? many : null;

    /// <summary>Codes by depth over every row id of the anchor, plus one last slot for rows the join did not match.</summary>
    public int[][] AnchorCodes(CubeSnapshot snapshot)
    {
        // Scans ask once per vector: the snapshot that computed (or last confirmed) the codes answers without a lock.
        if (_anchorCodes is { } known && known.Snapshot == snapshot) return known.Codes;
        lock (_lock)
        {
            if (_anchorCodes is { } cached && PathTables.All(t => ReferenceEquals(cached.Data[t.Store], snapshot.Data[t.Store])))
            {
                _anchorCodes = cached with { Snapshot = snapshot };
                return cached.Codes;
            }
            var version = snapshot.Data[Anchor.Store];
            var limit = version.RowIdLimit;
            var codes = Enumerable.Range(0, Members.Depth).Select(_ => new int[limit + 1]).ToArray();
            for (var c = 0; c < version.Chunks.Length; c++) Compute(snapshot, version, c, codes, Chunk.RowId(c, 0));
            // The last slot is the member of a fact row the join did not match: the columns' default
            // values. It is made a member only when such a row exists, so it never shows up empty.
            if (!IsParameter && snapshot.HasUnmatched(Anchor))
            {
                Span<long> path = stackalloc long[Members.Depth];
                Span<int> unmatched = stackalloc int[Members.Depth];
                for (var d = 0; d < path.Length; d++) path[d] = DefaultKey(Hierarchy.Levels[d]);
                Members.Intern(path, unmatched);
                for (var d = 0; d < path.Length; d++) codes[d][limit] = unmatched[d];
            }
            _anchorCodes = new AnchorCache(snapshot.Data, snapshot, codes, [.. codes.Select(IsIdentity)]);
            return codes;
        }
    }

    /// <summary>
    /// The bytes of the member codes this index keeps for <paramref name="snapshot"/>: by anchor row,
    /// by fact row of a fact-anchored hierarchy, and the 1- or 2-byte codes per fact row of a joined one.
    /// </summary>
    public long Bytes(CubeSnapshot snapshot)
    {
        long bytes = 0;
        if (_anchorCodes is { } anchor) bytes += anchor.Codes.Sum(c => 4L * c.Length);
        if (_bySnapshot is { } byChunk && byChunk.Snapshot == snapshot)
        {
            bytes += byChunk.Codes.Sum(chunk => chunk?.Sum(c => 4L * c.Length) ?? 0);
        }
        if (Anchor == snapshot.Graph.Fact) return bytes;
        for (var c = 0; c < snapshot.Fact.Chunks.Length; c++)
        {
            if (snapshot.KnownFactRowsOf(Anchor, c) is { } map && _narrow.TryGetValue(map, out var narrow))
            {
                bytes += narrow.ByDepth.Sum(codes => codes is null ? 0 : (long)Buffer.ByteLength(codes));
            }
        }
        return bytes;
    }

    /// <summary>
    /// By depth, whether each anchor row id is its own member code (a level whose members are the
    /// anchor's rows in order: customers by id, say): a scan then takes the join map's row ids as
    /// the codes, sparing a lookup that misses the cache when the level has millions of members.
    /// </summary>
    public bool[] AnchorIdentity(CubeSnapshot snapshot)
    {
        AnchorCodes(snapshot);
        return _anchorCodes!.Identity;
    }

    private static bool IsIdentity(int[] codes)
    {
        for (var i = 0; i < codes.Length - 1; i++)
        {
            if (codes[i] != i) return false;
        }
        return true;
    }

    /// <summary>Codes by depth for the rows of a fact chunk (fact-anchored hierarchies only).</summary>
    public int[][] FactChunkCodes(CubeSnapshot snapshot, int chunkIndex)
    {
        // Scans ask once per vector: answer from the snapshot's table without rechecking versions.
        var byChunk = _bySnapshot;
        if (byChunk?.Snapshot == snapshot && byChunk.Codes[chunkIndex] is { } known) return known;
        if (byChunk?.Snapshot != snapshot) _bySnapshot = byChunk = CarriedOver(byChunk, snapshot);
        return byChunk.Codes[chunkIndex] = ComputeFactChunkCodes(snapshot, chunkIndex);
    }

    /// <summary>One snapshot's codes by chunk (an object, so that readers never see a snapshot with another's array).</summary>
    private sealed record CodesBySnapshot(CubeSnapshot Snapshot, int[][]?[] Codes);

    private CodesBySnapshot? _bySnapshot;

    /// <summary>
    /// A new snapshot's table, starting with the codes of the chunks it shares with the previous one
    /// when the joined tables are the same versions: after a commit, a query finds them without a
    /// lookup a chunk (1,500 of them at 100M rows).
    /// </summary>
    private CodesBySnapshot CarriedOver(CodesBySnapshot? previous, CubeSnapshot snapshot)
    {
        var chunks = snapshot.Data[Anchor.Store].Chunks;
        var codes = new int[chunks.Length][][];
        if (previous is { } old && PathTables.All(t => t == Anchor || ReferenceEquals(old.Snapshot.Data[t.Store], snapshot.Data[t.Store])))
        {
            var oldChunks = old.Snapshot.Data[Anchor.Store].Chunks;
            for (var c = 0; c < Math.Min(chunks.Length, oldChunks.Length); c++)
            {
                if (ReferenceEquals(chunks[c], oldChunks[c]) && old.Codes[c] is { } known) codes[c] = known;
            }
        }
        return new CodesBySnapshot(snapshot, codes);
    }

    private int[][] ComputeFactChunkCodes(CubeSnapshot snapshot, int chunkIndex)
    {
        var chunk = snapshot.Data[Anchor.Store].Chunks[chunkIndex];
        // The chunk object stands for its own rows: only the joined tables' versions sign its codes
        // (with the anchor's, every fact commit would recompute every chunk).
        var signature = PathTables.Where(t => t != Anchor).Select(t => snapshot.Data[t.Store]).ToArray();
        if (_factCodes.TryGetValue(chunk, out var cached) && cached.Signature.SequenceEqual(signature)) return cached.Codes;
        var codes = Enumerable.Range(0, Members.Depth).Select(_ => new int[chunk.Count]).ToArray();
        Compute(snapshot, snapshot.Data[Anchor.Store], chunkIndex, codes, 0);
        _factCodes.AddOrUpdate(chunk, new ChunkCodes(signature, codes));
        return codes;
    }

    private void Compute(CubeSnapshot snapshot, TableVersion anchor, int chunkIndex, int[][] codes, int offset)
    {
        var chunk = anchor.Chunks[chunkIndex];
        var depth = Members.Depth;
        var keys = new long[chunk.Count];
        if (SingleColumn)
        {
            // Every level reads the same column (a date hierarchy, or one level): intern each distinct value once.
            Gather(snapshot, chunkIndex, 0, keys);
            var memo = new Dictionary<long, int>();
            var distinctPaths = new List<long>();
            var rowPath = new int[chunk.Count];
            for (var r = 0; r < keys.Length; r++)
            {
                if (!memo.TryGetValue(keys[r], out var p))
                {
                    memo[keys[r]] = p = memo.Count;
                    for (var d = 0; d < depth; d++) distinctPaths.Add(Hierarchy.Levels[d].Source.KeyOf(keys[r]));
                }
                rowPath[r] = p;
            }
            var pathCodes = Enumerable.Range(0, depth).Select(_ => new int[memo.Count]).ToArray();
            Members.InternAll(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(distinctPaths), memo.Count, pathCodes, 0);
            for (var d = 0; d < depth; d++)
            {
                var (source, target) = (pathCodes[d], codes[d]);
                for (var r = 0; r < rowPath.Length; r++) target[offset + r] = source[rowPath[r]];
            }
            return;
        }
        var paths = new long[chunk.Count * depth];
        for (var d = 0; d < depth; d++)
        {
            Gather(snapshot, chunkIndex, d, keys);
            var source = Hierarchy.Levels[d].Source;
            for (var r = 0; r < keys.Length; r++) paths[r * depth + d] = source.KeyOf(keys[r]);
        }
        Members.InternAll(paths, chunk.Count, codes, offset);
    }

    /// <summary>True when all levels read one column (parts of a date, or a single level).</summary>
    private bool SingleColumn => Hierarchy.Levels.All(l => ReferenceEquals(l.Column, Hierarchy.Levels[0].Column));

    /// <summary>The raw key encodings of level <paramref name="depth"/>'s column for the rows of an anchor chunk.</summary>
    private void Gather(CubeSnapshot snapshot, int chunkIndex, int depth, long[] keys)
    {
        var level = Hierarchy.Levels[depth];
        var rows = snapshot.RowsAlong(Anchor, chunkIndex, Paths[depth]);
        var view = new ChunkView(new PathScope(Anchor.Store, snapshot.Data, level.Column.Table.Store, rows), chunkIndex);
        ColumnGather.Keys(view, level.Column.Table.Store, level.Column.Schema, keys);
        if (rows is null) return;
        // A row the joins did not match reads the column's default. Keys gives it only when the
        // default string is already in the column's dictionary; a member needs it always (the
        // "N/A" family of a product whose class is missing).
        var fallback = EncodedDefault(level.Column);
        for (var r = 0; r < keys.Length; r++)
        {
            if (rows[r] < 0) keys[r] = fallback;
        }
    }

    private static long DefaultKey(Level level) => level.Source.KeyOf(EncodedDefault(level.Column));

    private static long EncodedDefault(Column column)
    {
        KeyEncoding.TryEncodeValue(column.Schema, column.DefaultValue, addToDictionary: true, out var key);
        return key;
    }

    private sealed record ChunkCodes(TableVersion[] Signature, int[][] Codes);

    private sealed record AnchorCache(DataVersion Data, CubeSnapshot Snapshot, int[][] Codes, bool[] Identity);

    /// <summary>
    /// Member codes of a level of a joined hierarchy for the rows of one fact chunk: one byte a row
    /// for a level of at most 256 members, two for at most 65,536 (a byte[] or a ushort[]); null for
    /// larger levels. A scan then reads 1 or 2 bytes a row instead of a 4-byte join map entry and a
    /// lookup by joined row. Kept against the chunk's join map and valid while the anchor's codes
    /// are the same array.
    /// </summary>
    public Array? NarrowFactCodes(CubeSnapshot snapshot, int depth, int chunkIndex)
    {
        var members = Members.Count(depth);
        if (members > ushort.MaxValue + 1) return null;
        var codes = AnchorCodes(snapshot);
        var map = snapshot.FactRowsOf(Anchor, chunkIndex)!;
        if (_narrow.TryGetValue(map, out var entry) && entry.AnchorCodes == codes && entry.ByDepth[depth] is { } known) return known;
        if (entry is null || entry.AnchorCodes != codes)
        {
            entry = new NarrowCodes(codes, new Array?[Members.Depth]);
            _narrow.AddOrUpdate(map, entry);
        }
        var narrow = members <= byte.MaxValue + 1 ? Narrow<byte>(codes[depth], map) : (Array?)Narrow<ushort>(codes[depth], map);
        return narrow is null ? null : entry.ByDepth[depth] = narrow;
    }

    private static T[]? Narrow<T>(int[] source, int[] map) where T : unmanaged, System.Numerics.IBinaryInteger<T>, System.Numerics.IMinMaxValue<T>
    {
        var unmatched = (uint)(source.Length - 1);
        var max = uint.CreateTruncating(T.MaxValue);
        var narrow = new T[map.Length];
        for (var r = 0; r < map.Length; r++)
        {
            var id = (uint)map[r];
            var code = source[id < unmatched ? id : unmatched];
            if ((uint)code > max) return null;   // members added since the count was read: stay wide
            narrow[r] = T.CreateTruncating(code);
        }
        return narrow;
    }

    private sealed record NarrowCodes(int[][] AnchorCodes, Array?[] ByDepth);

    /// <summary>A scope that reads one other table through a given row map.</summary>
    private sealed class PathScope(TableStore anchor, DataVersion data, TableStore target, int[]? rows) : RowScope(anchor, data)
    {
        public override int[]? RowsOf(TableStore table, int chunk) => table == target ? rows : null;
    }
}
