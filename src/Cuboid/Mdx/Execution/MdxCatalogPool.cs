using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Cuboid.Model;

namespace Cuboid.Mdx.Execution;

/// <summary>
/// Idle MDX catalogs of a cube, a few per (snapshot, scenario): a query rents one — no other query
/// uses it meanwhile — and gives it back, so the members it made (a million for a big level) serve
/// the next query on the same data instead of being made again. A catalog is taken back only
/// while the cube's model is what it was built from (<see cref="Stamp"/>); the pool forgets a
/// snapshot's catalogs with the snapshot.
/// </summary>
internal sealed class MdxCatalogPool
{
    /// <summary>Idle catalogs kept per (snapshot, scenario): enough for concurrent queries on two cores and more, few enough for big levels' members.</summary>
    private const int MaxIdle = 4;

    private readonly ConditionalWeakTable<CubeSnapshot, ConcurrentDictionary<string, ConcurrentBag<MdxCatalog>>> _idle = new();

    public MdxCatalog Rent(Cube cube, CubeSnapshot snapshot, string scenario)
    {
        var stamp = Stamp(cube);
        if (_idle.TryGetValue(snapshot, out var byScenario) && byScenario.TryGetValue(scenario, out var bag))
        {
            while (bag.TryTake(out var idle))
            {
                if (!idle.Stamp.SequenceEqual(stamp)) continue;   // built from another model: dropped
                idle.Reset();
                return idle;
            }
        }
        return new MdxCatalog(cube, snapshot, scenario) { Stamp = stamp };
    }

    /// <summary>Runs <paramref name="use"/> on a rented catalog of the scenario's newest data, and gives it back.</summary>
    public T Use<T>(Cube cube, string scenario, Func<MdxCatalog, T> use)
    {
        var catalog = Rent(cube, cube.SnapshotOf(scenario), scenario);
        try
        {
            return use(catalog);
        }
        finally
        {
            Return(catalog);
        }
    }

    public void Return(MdxCatalog catalog)
    {
        var bag = _idle.GetOrCreateValue(catalog.Snapshot).GetOrAdd(catalog.Scenario, _ => []);
        if (bag.Count < MaxIdle) bag.Add(catalog);
    }

    public void Clear() => _idle.Clear();

    /// <summary>Everything of the model a catalog is built from: the visible measures, the hierarchies and their levels as they are now.</summary>
    public static List<object?> Stamp(Cube cube)
    {
        var stamp = new List<object?> { cube.EpochHierarchy };
        foreach (var measure in cube.Measures.Where(m => m.Visible)) stamp.AddRange([measure, measure.Name]);
        foreach (var hierarchy in cube.Hierarchies)
        {
            stamp.AddRange([hierarchy, hierarchy.Dimension, hierarchy.Name, hierarchy.Slicing, hierarchy.AllMemberName, cube.IndexOf(hierarchy), hierarchy.Levels.Count]);
            foreach (var level in hierarchy.Levels)
            {
                stamp.AddRange([level, level.Name, level.Order, level.CaptionColumn, level.Properties.Count]);
                foreach (var (name, column) in level.Properties) stamp.AddRange([name, column]);
            }
        }
        return stamp;
    }
}
