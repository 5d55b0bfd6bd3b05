using System.Collections.Concurrent;
using Cuboid.Expressions;
using Cuboid.Storage;

namespace Cuboid.Model;

/// <summary>
/// A cube as of one data version: the resolved joins (row maps per source chunk) and access to
/// member codes. Built at commit; queries take the newest one and read it throughout, so a
/// commit during a query changes nothing for that query.
/// </summary>
internal sealed class CubeSnapshot
{
    private readonly Dictionary<JoinDefinition, int[][]> _edgeMaps;
    private readonly Dictionary<JoinDefinition, ManyMap> _many;
    private readonly ConcurrentDictionary<(Table, int), int[]?> _composed = new();
    private readonly ConcurrentDictionary<(JoinDefinition, int), int[]> _factGroups = new();

    public CubeSnapshot(DataVersion data, JoinGraph graph, Dictionary<JoinDefinition, int[][]> edgeMaps, Dictionary<JoinDefinition, ManyMap> many)
    {
        Data = data;
        Graph = graph;
        _edgeMaps = edgeMaps;
        _many = many;
        Fact = data[graph.Fact.Store];
        var mandatory = graph.Tables.Where(t => graph.PathTo(t) is { Length: > 0 } p && p[^1].Optionality == TargetOptionality.Mandatory).ToList();
        MandatoryTables = [.. mandatory.Where(t => !_many.ContainsKey(graph.PathTo(t)[^1]))];
        MandatoryMany = [.. mandatory.Select(t => graph.PathTo(t)[^1]).Where(_many.ContainsKey)];
    }

    public DataVersion Data { get; }
    public JoinGraph Graph { get; }
    public TableVersion Fact { get; }
    public long Epoch => Data.Epoch;

    /// <summary>Tables joined mandatorily one-to-one: fact rows that do not reach them are left out.</summary>
    public Table[] MandatoryTables { get; }

    /// <summary>Many-to-many joins made mandatory: fact rows that match no target row are left out.</summary>
    public JoinDefinition[] MandatoryMany { get; }

    /// <summary>Whether some join of this version is many-to-many (a source row matches several target rows).</summary>
    public bool HasMany => _many.Count > 0;

    /// <summary>A many-to-many join of this version, if any: for the paths that take none.</summary>
    public ManyMap? FirstMany => _many.Values.FirstOrDefault();

    /// <summary>The many-to-many join on the way from the fact table to <paramref name="table"/> (null: every join on it is one-to-one).</summary>
    public ManyMap? ManyTo(Table table)
    {
        if (_many.Count == 0) return null;
        foreach (var join in Graph.PathTo(table))
        {
            if (_many.TryGetValue(join, out var map)) return map;
        }
        return null;
    }

    /// <summary>
    /// For each row of fact chunk <paramref name="chunk"/>, its group in <paramref name="many"/> (-1: none):
    /// the join's own groups when it starts at the fact table, else composed with the one-to-one joins before it.
    /// </summary>
    public int[] FactGroupsOf(ManyMap many, int chunk) => _factGroups.GetOrAdd((many.Join, chunk), key =>
    {
        var groups = _many[key.Item1].GroupOf;
        var before = FactRowsOf(key.Item1.Source, key.Item2);
        if (before is null) return groups[key.Item2];
        var composed = new int[before.Length];
        for (var r = 0; r < before.Length; r++)
        {
            var id = before[r];
            composed[r] = id < 0 ? -1 : groups[id >>> Chunk.Shift][id & Chunk.OffsetMask];
        }
        return composed;
    });

    /// <summary>
    /// For fact chunk <paramref name="chunk"/>, one map per mandatory join whose negative entries are the
    /// rows it leaves out: the row map of a one-to-one join; for a many-to-many one, a row of the
    /// fact's group (-1 when it has none).
    /// </summary>
    public int[][] MandatoryMaps(int chunk) => MandatoryTables.Length + MandatoryMany.Length == 0 ? [] : _mandatory.GetOrAdd(chunk, c =>
        [.. MandatoryTables.Select(t => FactRowsOf(t, c)!), .. MandatoryMany.Select(j =>
        {
            var many = _many[j];
            var groups = FactGroupsOf(many, c);
            var rows = new int[groups.Length];
            for (var r = 0; r < rows.Length; r++) rows[r] = many.RowsOf(groups[r]) is { IsEmpty: false } matched ? matched[0] : -1;
            return rows;
        })]);

    private readonly ConcurrentDictionary<int, int[][]> _mandatory = new();

    /// <summary>For each row of chunk <paramref name="chunk"/> of <paramref name="source"/>, the row id reached along <paramref name="path"/> (-1: no match); null for an empty path.</summary>
    /// <exception cref="NotSupportedException">A join on the path is many-to-many: a row has no one row to read.</exception>
    public int[]? RowsAlong(Table source, int chunk, JoinDefinition[] path)
    {
        if (path.Length == 0) return null;
        foreach (var join in path)
        {
            if (_many.TryGetValue(join, out var many)) throw many.ReadThrough("a calculation on rows (a measure's input, a hierarchy with levels on both sides)");
        }
        var rows = _edgeMaps[path[0]][chunk];
        for (var i = 1; i < path.Length; i++)
        {
            var next = _edgeMaps[path[i]];
            var composed = new int[rows.Length];
            for (var r = 0; r < rows.Length; r++)
            {
                var id = rows[r];
                composed[r] = id < 0 ? -1 : next[id >>> Chunk.Shift][id & Chunk.OffsetMask];
            }
            rows = composed;
        }
        return rows;
    }

    /// <summary>The join maps' bytes: a row id a source row for each join, and the composed maps of snowflake tables asked for.</summary>
    public long JoinMapBytes =>
        _edgeMaps.Values.Sum(maps => maps.Sum(m => 4L * m.Length)) + _composed.Values.Sum(m => 4L * (m?.Length ?? 0)) + _many.Values.Sum(m => m.Bytes);

    /// <summary>Fact chunk rows → rows of <paramref name="table"/>; compositions for snowflake tables are cached.</summary>
    public int[]? FactRowsOf(Table table, int chunk)
    {
        var path = Graph.PathTo(table);
        if (path.Length <= 1) return RowsAlong(Graph.Fact, chunk, path);
        return _composed.GetOrAdd((table, chunk), key => RowsAlong(Graph.Fact, key.Item2, Graph.PathTo(key.Item1)));
    }

    /// <summary><see cref="FactRowsOf"/> where it is at hand, without composing a snowflake table's map (null then): for measuring, not reading.</summary>
    public int[]? KnownFactRowsOf(Table table, int chunk)
    {
        var path = Graph.PathTo(table);
        if (path.Any(_many.ContainsKey)) return null;
        if (path.Length <= 1) return RowsAlong(Graph.Fact, chunk, path);
        return _composed.TryGetValue((table, chunk), out var rows) ? rows : null;
    }

    /// <summary>Whether some fact row finds no row of <paramref name="table"/> (a first-hop join target).</summary>
    public bool HasUnmatched(Table table) => _unmatched.GetOrAdd(table, t =>
    {
        if (Graph.Fact.Store.External is { } external) return external.HasUnmatched(this, t);
        if (ManyTo(t) is { } many) return HasUnmatched(many);
        for (var c = 0; c < Fact.Chunks.Length; c++)
        {
            var chunk = Fact.Chunks[c];
            var rows = FactRowsOf(t, c);
            for (var r = 0; rows is not null && r < chunk.Count; r++)
            {
                if (rows[r] < 0 && !chunk.IsDeleted(r)) return true;
            }
        }
        return false;
    });

    private readonly ConcurrentDictionary<Table, bool> _unmatched = new();

    /// <summary>Whether some live fact row has no target row through <paramref name="many"/> (no group, or a group whose rows were all deleted).</summary>
    private bool HasUnmatched(ManyMap many)
    {
        for (var c = 0; c < Fact.Chunks.Length; c++)
        {
            var chunk = Fact.Chunks[c];
            var groups = FactGroupsOf(many, c);
            for (var r = 0; r < chunk.Count; r++)
            {
                if (many.RowsOf(groups[r]).IsEmpty && !chunk.IsDeleted(r)) return true;
            }
        }
        return false;
    }

    /// <summary>The scope calcs of this cube read columns in.</summary>
    public RowScope Scope => new FactScope(this);

    private sealed class FactScope(CubeSnapshot snapshot) : RowScope(snapshot.Graph.Fact.Store, snapshot.Data)
    {
        private readonly Dictionary<TableStore, Table> _tables = snapshot.Graph.Tables.ToDictionary(t => t.Store);

        public override int[]? RowsOf(TableStore table, int chunk) =>
            table == Base ? null
            : _tables.TryGetValue(table, out var t) ? snapshot.FactRowsOf(t, chunk)
            : throw new ArgumentException($"Table '{table.Name}' is not joined to the cube's fact table '{Base.Name}'.");
    }
}
