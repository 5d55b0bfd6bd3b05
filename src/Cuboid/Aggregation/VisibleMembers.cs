using Cuboid.Model;

namespace Cuboid.Aggregation;

/// <summary>
/// The members a restricted user may see: those with at least one fact their restriction lets through, and their
/// ancestors. Found by the aggregation kernel (the contributors count by a hierarchy's deepest level under the
/// restriction's filter, cached like any other aggregate), once per hierarchy a query navigates; members of other
/// levels follow from their descendants. Member lists show only these, and measures that walk a level (Shift,
/// cumulative windows, member indexes) walk only these, as if the others did not exist.
/// </summary>
internal sealed class VisibleMembers(Cube cube, CubeSnapshot snapshot, Condition restriction, string scenario)
{
    private readonly Dictionary<HierarchyIndex, bool[][]> _byHierarchy = [];
    private readonly Dictionary<(HierarchyIndex, int), int[]> _ranks = [];
    private Aggregator? _aggregator;

    /// <summary>The user's restriction.</summary>
    public Condition Restriction => restriction;

    /// <summary>The same restriction on another scenario's data.</summary>
    public VisibleMembers For(CubeSnapshot other, string otherScenario) =>
        other == snapshot ? this : new VisibleMembers(cube, other, restriction, otherScenario);

    /// <summary>Whether each member of depth <paramref name="depth"/> is visible, by code (codes past its end are not).</summary>
    public bool[] At(HierarchyIndex index, int depth)
    {
        lock (_byHierarchy)
        {
            if (!_byHierarchy.TryGetValue(index, out var byDepth)) _byHierarchy[index] = byDepth = Compute(index);
            return byDepth[depth];
        }
    }

    public bool IsVisible(HierarchyIndex index, int depth, int code) => At(index, depth) is var visible && code < visible.Length && visible[code];

    /// <summary>
    /// The members' ranks in display order (<see cref="MemberOrder.Ranks"/>) with the visible ones first: a level walked
    /// by rank meets the visible members one after the other, and only past the last one the hidden ones (with no
    /// fact the user may see, so no value).
    /// </summary>
    public int[] Ranks(HierarchyIndex index, int depth)
    {
        var all = MemberOrder.Ranks(index, snapshot, depth);
        var visible = At(index, depth);
        lock (_ranks)
        {
            if (_ranks.TryGetValue((index, depth), out var known) && known.Length == all.Length) return known;
            var byRank = new int[all.Length];
            for (var code = 0; code < all.Length; code++) byRank[all[code]] = code;
            var ranks = new int[all.Length];
            var next = 0;
            foreach (var code in byRank)
            {
                if (code < visible.Length && visible[code]) ranks[code] = next++;
            }
            foreach (var code in byRank)
            {
                if (code >= visible.Length || !visible[code]) ranks[code] = next++;
            }
            return _ranks[(index, depth)] = ranks;
        }
    }

    private bool[][] Compute(HierarchyIndex index)
    {
        var depth = index.Members.Depth;
        bool[][] Levels() => [.. Enumerable.Range(0, depth).Select(d => new bool[index.Members.Count(d)])];
        if (index.IsParameter || index.Hierarchy == cube.EpochHierarchy)
        {
            // Not joined to the facts (parameters, scenarios): every member shows every visible fact.
            var all = Levels();
            foreach (var level in all) Array.Fill(level, true);
            return all;
        }
        _aggregator ??= new Aggregator(cube, new AggregationScope(snapshot, scenario, restriction));
        var leaves = _aggregator.Get([new LevelRef(index, depth - 1)], [AggregateSpec.Contributors]);
        var counts = leaves.Leaves[0].Counts;
        var codes = leaves.Codes[0];
        var visible = Levels();   // sized after the scan, which may have met members the catalog had not
        for (var cell = 0; cell < codes.Length; cell++)
        {
            if (counts[cell] == 0) continue;
            for (int d = depth - 1, code = codes[cell]; d >= 0 && !visible[d][code]; code = d > 0 ? index.Members.Parent(d, code) : 0, d--)
            {
                visible[d][code] = true;
            }
        }
        return visible;
    }
}
