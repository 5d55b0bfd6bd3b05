using Cuboid.Aggregation;
using Cuboid.Model;
using Cuboid.Storage;

namespace Cuboid;

/// <summary>How <see cref="Session.CreateCube"/> fills a new cube.</summary>
public enum CubeMode
{
    /// <summary>A hierarchy per key or non-numeric column of the fact and joined tables; SUM and MEAN per numeric fact column; contributors.COUNT; update.TIMESTAMP.</summary>
    Auto,
    /// <summary>A hierarchy per non-numeric fact column and per key of joined tables; contributors.COUNT only.</summary>
    Manual,
    /// <summary>Like Auto for hierarchies, with no measure but contributors.COUNT and update.TIMESTAMP.</summary>
    NoMeasures,
}

/// <summary>
/// A cube over a fact table and the tables it joins: hierarchies, levels and measures, and
/// queries (<see cref="Query(IEnumerable{Measure}, IEnumerable{Level}?, Condition?, bool, bool, string?, string?, IEnumerable{string}?)"/>). Partial files: Cube.Query.cs. The cube keeps, per data
/// version, a snapshot with the joins resolved; a commit builds the next one.
/// </summary>
public sealed partial class Cube
{
    private readonly Lock _lock = new();
    private readonly Dictionary<JoinDefinition, JoinResolver> _resolvers = [];
    private Dictionary<Hierarchy, HierarchyIndex> _indexes = [];
    private JoinGraph _graph;
    private volatile CubeSnapshot? _snapshot;

    internal Cube(Session session, Table fact, string name)
    {
        Session = session;
        FactTable = fact;
        Name = name;
        Hierarchies = new HierarchyCollection(this);
        Levels = new LevelCollection(this);
        Measures = new MeasureCollection(this);
        CalculatedMembers = new CalculatedMemberCollection(this);
        Cache = new AggregateCache(session.Config.AggregateCacheBytes);
        AggregateProviders = new AggregateProviderCollection(this);
        _graph = new JoinGraph(fact);
    }

    /// <summary>The cube's name.</summary>
    public string Name { get; }

    /// <summary>The session.</summary>
    public Session Session { get; }

    /// <summary>The fact table: each of its rows contributes to the cells of its members.</summary>
    public Table FactTable { get; }

    /// <summary>The hierarchies.</summary>
    public HierarchyCollection Hierarchies { get; }

    /// <summary>The levels of all hierarchies, by name.</summary>
    public LevelCollection Levels { get; }

    /// <summary>The measures.</summary>
    public MeasureCollection Measures { get; }

    /// <summary>Calculated members written in MDX, seen by every MDX query on the cube.</summary>
    public CalculatedMemberCollection CalculatedMembers { get; }

    internal AggregateCache Cache { get; }

    /// <summary>Pre-aggregated stores that answer the queries they cover without reading the facts (Atoti's <c>cube.aggregate_providers</c>).</summary>
    public AggregateProviderCollection AggregateProviders { get; }

    /// <summary>Where aggregates the cache cannot answer come from: the facts in memory, or the database of an external fact table (DirectQuery).</summary>
    internal IAggregateSource AggregateSource => FactTable.Store.External?.Aggregates ?? InMemoryAggregates.Instance;

    internal JoinGraph Graph => _graph;

    /// <summary>
    /// Adds a hierarchy whose levels are parts of a date column: <c>{"Year": "y", "Month": "M", "Day": "d"}</c>
    /// (also "Q" quarter and "w" week). By default Year / Month / Day.
    /// </summary>
    public Hierarchy CreateDateHierarchy(string name, Column column, IReadOnlyDictionary<string, string>? levels = null, string? dimension = null)
    {
        levels ??= new Dictionary<string, string> { ["Year"] = "y", ["Month"] = "M", ["Day"] = "d" };
        var built = levels.Select(l => new Level(l.Key, new DatePartLevelSource(column, l.Value))).ToList();
        return Hierarchies.Set(name, built, dimension);
    }

    /// <summary>Empties the aggregate cache (for cold-cache measurements, or to give its memory back).</summary>
    public void ClearCache() => Cache.Clear();

    /// <summary>What the aggregate cache holds now: entries, their bytes (estimated), its budget (<see cref="SessionConfig.AggregateCacheBytes"/>), and its hits and misses so far.</summary>
    public AggregateCacheSize CacheSize
    {
        get
        {
            var (entries, bytes, hits, misses) = Cache.Size;
            return new AggregateCacheSize(entries, bytes, Cache.CapacityBytes, hits, misses);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"Cube '{Name}' on '{FactTable.Name}'";

    /// <summary>The snapshot of the newest data version (joins resolved).</summary>
    internal CubeSnapshot Snapshot
    {
        get
        {
            var snapshot = _snapshot;
            if (snapshot is not null && snapshot.Data == Session.Current) return snapshot;
            lock (_lock) return _snapshot ??= Resolve(Session.Current);
        }
    }

    /// <summary>Called by a commit, under the session's write lock, before the version is published.</summary>
    internal void Refresh(DataVersion next)
    {
        CubeSnapshot snapshot;
        lock (_lock) snapshot = Resolve(next);
        AggregateProviders.Advance(snapshot);   // current before any query reads the new version
        lock (_lock) _snapshot = snapshot;
    }

    /// <summary>Joins changed: rebuild the graph, then the snapshot.</summary>
    internal void OnSchemaChanged(DataVersion current)
    {
        lock (_lock)
        {
            _graph = new JoinGraph(FactTable);
            _indexes = [];
            _resolvers.Clear();
            _snapshot = Resolve(current);
        }
        Cache.Clear();
        Catalogs.Clear();
        AggregateProviders.Invalidate();
    }

    internal void OnModelChanged()
    {
        Cache.Clear();
        Catalogs.Clear();
        AggregateProviders.Invalidate();
    }

    /// <summary>MDX catalogs kept between queries on the same data (their members are costly to make on big levels).</summary>
    internal Mdx.Execution.MdxCatalogPool Catalogs { get; } = new();

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<Storage.DataVersion, CubeSnapshot> _scenarioSnapshots = new();

    /// <summary>The snapshot of a scenario's newest data (the base's is <see cref="Snapshot"/>).</summary>
    internal CubeSnapshot SnapshotOf(string scenario)
    {
        if (scenario == Session.BaseScenario) return Snapshot;
        var data = Session.VersionOf(scenario);
        lock (_lock) return _scenarioSnapshots.GetValue(data, Resolve);
    }

    /// <summary>A snapshot of other data than a published version's (a DirectQuery drillthrough's rows).</summary>
    internal CubeSnapshot SnapshotOf(DataVersion data)
    {
        lock (_lock) return Resolve(data);
    }

    /// <summary>What the newest snapshot's join maps and the hierarchies' member codes take.</summary>
    internal long IndexBytes
    {
        get
        {
            var snapshot = Snapshot;
            List<HierarchyIndex> indexes;
            lock (_lock) indexes = [.. _indexes.Values];
            return snapshot.JoinMapBytes + indexes.Sum(i => i.Bytes(snapshot));
        }
    }

    internal HierarchyIndex IndexOf(Hierarchy hierarchy)
    {
        lock (_lock)
        {
            if (!_indexes.TryGetValue(hierarchy, out var index))
            {
                _indexes[hierarchy] = index = new HierarchyIndex(hierarchy, _graph, _parameterTables.Contains(hierarchy.Levels[0].Column.Table));
            }
            return index;
        }
    }

    internal TableStore TableOf(Column column)
    {
        CheckReachable(column, $"column '{column.Name}'");
        return column.Table.Store;
    }

    internal void CheckReachable(Column column, string what)
    {
        if (!_graph.Reaches(column.Table))
        {
            throw new ArgumentException($"The {what} comes from table '{column.Table.Name}', which is not joined to the fact table '{FactTable.Name}' of cube '{Name}'.");
        }
    }

    internal void CheckDefinition(string name, MeasureDefinition definition)
    {
        switch (definition)
        {
            case AggregatedMeasure a:
                foreach (var column in a.Input.Columns()) CheckReachable(column, $"measure '{name}' reads column '{column.Name}' which");
                break;
            case Measure { Cube: { } other } m when other != this:
                throw new ArgumentException($"Measure '{name}' refers to measure '{m.Name}' of another cube ('{other.Name}').");
            case Measure { Cube: not null }:
                return;   // a measure of this cube, checked when it was named
        }
        foreach (var operand in definition.Operands) CheckDefinition(name, operand);
    }

    private CubeSnapshot Resolve(DataVersion data)
    {
        var maps = new Dictionary<JoinDefinition, int[][]>();
        var many = new Dictionary<JoinDefinition, ManyMap>();
        foreach (var join in _graph.Joins)
        {
            if (!_resolvers.TryGetValue(join, out var resolver)) _resolvers[join] = resolver = new JoinResolver(join);
            var (rows, manyMap) = resolver.Resolve(data[join.Source.Store], data[join.Target.Store]);
            if (manyMap is not null) many[join] = manyMap;
            else maps[join] = rows!;
        }
        return new CubeSnapshot(data, _graph, maps, many);
    }
}

/// <summary>What a cube's aggregate cache holds: entries, their estimated bytes, the budget they stay within, and the requests it answered (hits) or not (misses).</summary>
public readonly record struct AggregateCacheSize(int Entries, long Bytes, long CapacityBytes, long Hits, long Misses);
