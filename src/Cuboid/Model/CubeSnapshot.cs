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
    private readonly ConcurrentDictionary<(Table, int), int[]?> _composed = new();

    public CubeSnapshot(DataVersion data, JoinGraph graph, Dictionary<JoinDefinition, int[][]> edgeMaps)
    {
        Data = data;
        Graph = graph;
        _edgeMaps = edgeMaps;
        Fact = data[graph.Fact.Store];
        MandatoryTables = [.. graph.Tables.Where(t => graph.PathTo(t) is { Length: > 0 } p && p[^1].Optionality == TargetOptionality.Mandatory)];
    }

    public DataVersion Data { get; }
    public JoinGraph Graph { get; }
    public TableVersion Fact { get; }
    public long Epoch => Data.Epoch;

    /// <summary>Tables joined mandatorily: fact rows that do not reach them are left out.</summary>
    public Table[] MandatoryTables { get; }

    /// <summary>For each row of chunk <paramref name="chunk"/> of <paramref name="source"/>, the row id reached along <paramref name="path"/> (-1: no match); null for an empty path.</summary>
    public int[]? RowsAlong(Table source, int chunk, JoinDefinition[] path)
    {
        if (path.Length == 0) return null;
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
        _edgeMaps.Values.Sum(maps => maps.Sum(m => 4L * m.Length)) + _composed.Values.Sum(m => 4L * (m?.Length ?? 0));

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
        if (path.Length <= 1) return RowsAlong(Graph.Fact, chunk, path);
        return _composed.TryGetValue((table, chunk), out var rows) ? rows : null;
    }

    /// <summary>Whether some fact row finds no row of <paramref name="table"/> (a first-hop join target).</summary>
    public bool HasUnmatched(Table table) => _unmatched.GetOrAdd(table, t =>
    {
        if (Graph.Fact.Store.External is { } external) return external.HasUnmatched(this, t);
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
