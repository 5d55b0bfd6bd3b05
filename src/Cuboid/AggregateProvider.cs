using System.Collections;
using Cuboid.Aggregation;

namespace Cuboid;

/// <summary>
/// A pre-aggregated store of some measures by some levels (Atoti's aggregate provider): once
/// assigned to <see cref="Cube.AggregateProviders"/>, a query whose levels and measures it covers —
/// the same levels or coarser ones of the same hierarchies, totals, filters on those levels —
/// is answered from its cells without reading the facts. Each commit keeps it up to date: sums
/// and counts take the changed rows in and out, minimums and maximums merge added rows, and the
/// other aggregations rebuild the partitions the commit touched (the whole store without
/// <see cref="Partitioning"/>). It answers queries on the base scenario; scenarios are scanned.
/// </summary>
public sealed class AggregateProvider
{
    /// <param name="levels">The levels it groups by (the deepest of each hierarchy counts); none for totals only.</param>
    /// <param name="measures">The measures it answers: any measure whose aggregations these cover.</param>
    /// <param name="filter">The fact rows it holds (null: all); it answers only queries that filter at least this.</param>
    /// <param name="partitioning">A level of one of <paramref name="levels"/>' hierarchies, no deeper: what a commit rebuilds when it cannot update.</param>
    public AggregateProvider(IEnumerable<Level> levels, IEnumerable<Measure> measures, Condition? filter = null, Level? partitioning = null)
    {
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentNullException.ThrowIfNull(measures);
        Levels = [.. levels];
        Measures = [.. measures];
        Filter = filter;
        Partitioning = partitioning;
        if (Measures.Count == 0) throw new ArgumentException("An aggregate provider needs at least one measure.", nameof(measures));
        if (partitioning is not null && !Levels.Any(l => l.Hierarchy == partitioning.Hierarchy && l.Depth >= partitioning.Depth))
        {
            throw new ArgumentException($"The partitioning level {partitioning.UniqueName} is not one of the provider's levels or above one.", nameof(partitioning));
        }
    }

    /// <summary>The levels it groups by.</summary>
    public IReadOnlyList<Level> Levels { get; }

    /// <summary>The measures it answers.</summary>
    public IReadOnlyList<Measure> Measures { get; }

    /// <summary>The fact rows it holds (null: all).</summary>
    public Condition? Filter { get; }

    /// <summary>What a commit rebuilds when it cannot update the cells (null: everything).</summary>
    public Level? Partitioning { get; }
}

/// <summary>
/// A cube's aggregate providers by name. Assigning one builds it at once (a scan of the facts) and
/// checks it against the cube; removing one gives its memory back.
/// </summary>
public sealed class AggregateProviderCollection : IEnumerable<KeyValuePair<string, AggregateProvider>>
{
    private readonly Cube _cube;
    private readonly Lock _lock = new();
    private volatile ProviderStore[] _stores = [];

    internal AggregateProviderCollection(Cube cube) => _cube = cube;

    /// <summary>The provider of that name; assigning builds it (replacing one of the same name).</summary>
    public AggregateProvider this[string name]
    {
        get => Find(name)?.Definition ?? throw new KeyNotFoundException($"Cube '{_cube.Name}' has no aggregate provider '{name}'.");
        set
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(name);
            ArgumentNullException.ThrowIfNull(value);
            var store = ProviderStore.Create(_cube, name, value);
            lock (_lock) _stores = [.. _stores.Where(s => s.Name != name), store];
        }
    }

    /// <summary>How many providers the cube has.</summary>
    public int Count => _stores.Length;

    /// <summary>Whether a provider of that name exists.</summary>
    public bool ContainsKey(string name) => Find(name) is not null;

    /// <summary>Removes a provider; false when there was none of that name.</summary>
    public bool Remove(string name)
    {
        lock (_lock)
        {
            var kept = _stores.Where(s => s.Name != name).ToArray();
            if (kept.Length == _stores.Length) return false;
            _stores = kept;
            return true;
        }
    }

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, AggregateProvider>> GetEnumerator() =>
        _stores.Select(s => new KeyValuePair<string, AggregateProvider>(s.Name, s.Definition)).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private ProviderStore? Find(string name) => _stores.FirstOrDefault(s => s.Name == name);

    internal IReadOnlyList<ProviderStore> Stores => _stores;

    /// <summary>A commit's new snapshot: every provider brought up to it before queries see it.</summary>
    internal void Advance(Model.CubeSnapshot next)
    {
        foreach (var store in _stores) store.Advance(next);
    }

    /// <summary>The model or the joins changed: every provider is rebuilt when next asked.</summary>
    internal void Invalidate()
    {
        foreach (var store in _stores) store.Invalidate();
    }

    /// <summary>The answer of the smallest provider that covers the request, or null.</summary>
    internal AggregateResult? Answer(AggregationScope scope, LevelRef[] levels, AggregateSpec[] leaves)
    {
        if (_stores.Length == 0 || scope.ParameterFilter is not null || scope.Scenario != Session.BaseScenario) return null;
        foreach (var store in _stores.OrderBy(s => s.CellCount))
        {
            if (store.Answer(scope, levels, leaves) is { } result) return result;
        }
        return null;
    }
}
