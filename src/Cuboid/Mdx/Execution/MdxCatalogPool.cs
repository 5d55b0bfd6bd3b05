using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Cuboid.Model;

namespace Cuboid.Mdx.Execution;

/// <summary>
/// Idle MDX catalogs of a cube, a few per (snapshot, scenario, access): a query rents one — no other query
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

    /// <summary>A catalog of <paramref name="snapshot"/> for a user's <paramref name="access"/> (everything when null): users who see the same share them.</summary>
    public MdxCatalog Rent(Cube cube, CubeSnapshot snapshot, string scenario, DataAccess? access = null)
    {
        var stamp = Stamp(cube);
        access ??= DataAccess.Everything;
        var key = KeyOf(scenario, access.KeyFor(cube));
        if (_idle.TryGetValue(snapshot, out var byKey) && byKey.TryGetValue(key, out var bag))
        {
            while (bag.TryTake(out var idle))
            {
                if (!idle.Stamp.SequenceEqual(stamp)) continue;   // built from another model: dropped
                idle.Reset();
                return idle;
            }
        }
        return new MdxCatalog(cube, snapshot, scenario, access) { Stamp = stamp, PoolKey = key };
    }

    private static string KeyOf(string scenario, string access) => access.Length == 0 ? scenario : scenario + "\u0001" + access;

    /// <summary>Runs <paramref name="use"/> on a rented catalog of the scenario's newest data as <paramref name="access"/> sees it, and gives it back.</summary>
    public T Use<T>(Cube cube, string scenario, Func<MdxCatalog, T> use, DataAccess? access = null)
    {
        var catalog = Rent(cube, cube.SnapshotOf(scenario), scenario, access);
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
        var bag = _idle.GetOrCreateValue(catalog.Snapshot).GetOrAdd(catalog.PoolKey, _ => []);
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
