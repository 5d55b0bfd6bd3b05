using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Cuboid.Model;
using Cuboid.Storage;

namespace Cuboid.Mdx.Execution;

/// <summary>
/// The MDX names (key or caption as text) and keys of a level's members, kept per hierarchy index
/// across queries, with name indexes built on first lookup: a query over a million-member level
/// neither formats a million names again nor scans them to find one. An entry holds while the
/// level's members are the same (they only grow, so their count tells) and, with captions, while
/// the captions' table is.
/// </summary>
internal sealed class MemberNames
{
    private static readonly ConditionalWeakTable<HierarchyIndex, ConcurrentDictionary<int, MemberNames>> s_cache = new();

    private readonly TableVersion? _captions;
    private Dictionary<string, int>? _exact;
    private Dictionary<string, int>? _loose;
    private int[]? _indexedRanks;   // the order the indexes were built in (a level's order can be changed)

    private MemberNames(int count, TableVersion? captions, string[] names, object?[] keys)
    {
        Count = count;
        _captions = captions;
        Names = names;
        Keys = keys;
    }

    public int Count { get; }
    public string[] Names { get; }
    public object?[] Keys { get; }

    public static MemberNames Of(HierarchyIndex index, CubeSnapshot snapshot, int depth)
    {
        var level = index.Hierarchy.Levels[depth];
        var count = index.Members.Count(depth);
        var captionData = level.CaptionColumn is { } column ? snapshot.Data[column.Table.Store] : null;
        var perIndex = s_cache.GetOrCreateValue(index);
        if (perIndex.TryGetValue(depth, out var known) && known.Count == count && ReferenceEquals(known._captions, captionData)) return known;
        var keys = new object?[count];
        for (var code = 0; code < count; code++) keys[code] = level.Source.ValueOf(index.Members.Key(depth, code));
        var captions = level.CaptionColumn is null ? keys : MemberCaptions.Of(index, snapshot, depth);
        var names = new string[count];
        for (var code = 0; code < count; code++) names[code] = MdxHierarchy.Text(captions[code]);
        return perIndex[depth] = new MemberNames(count, captionData, names, keys);
    }

    /// <summary>
    /// The member named <paramref name="name"/>, first in <paramref name="ranks"/> order, exactly or
    /// else ignoring case; -1 when none is. Names may repeat under different parents: the caller
    /// checks the parent and scans when it is another.
    /// </summary>
    public int Find(string name, bool ignoreCase, int[] ranks)
    {
        lock (Names)
        {
            if (_exact is null || !ReferenceEquals(_indexedRanks, ranks))
            {
                _indexedRanks = ranks;
                var byRank = new int[Count];
                for (var code = 0; code < Count; code++) byRank[ranks[code]] = code;
                _exact = new Dictionary<string, int>(Count, StringComparer.Ordinal);
                _loose = new Dictionary<string, int>(Count, StringComparer.OrdinalIgnoreCase);
                foreach (var code in byRank)
                {
                    _exact.TryAdd(Names[code], code);
                    _loose.TryAdd(Names[code], code);
                }
            }
            return (ignoreCase ? _loose! : _exact).TryGetValue(name, out var found) ? found : -1;
        }
    }
}
