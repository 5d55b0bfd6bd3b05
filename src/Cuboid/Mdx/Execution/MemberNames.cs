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

    private MemberNames(int count, TableVersion? captions, string[] names, object?[] keys, string[] captionTexts)
    {
        Count = count;
        _captions = captions;
        Names = names;
        Keys = keys;
        Captions = captionTexts;
    }

    public int Count { get; }
    public string[] Names { get; }
    public object?[] Keys { get; }

    /// <summary>
    /// What a member shows (MDX's MEMBER_CAPTION): its name, except for a part of a date under a year, which carries the
    /// year ("2024 Q1", "2024-03", "2024-03-15", "2024 W05") — a quarter or a month alone is one of four or twelve.
    /// </summary>
    public string[] Captions { get; }

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
        return perIndex[depth] = new MemberNames(count, captionData, names, keys, DateCaptions(index, depth, keys) ?? names);
    }

    /// <summary>The captions of a date part's members with their year (and month), or null for other levels.</summary>
    private static string[]? DateCaptions(HierarchyIndex index, int depth, object?[] keys)
    {
        var levels = index.Hierarchy.Levels;
        if (levels[depth].Source is not DatePartLevelSource { Part: not 'y' } part || levels[depth].CaptionColumn is not null) return null;
        int Ancestor(int code, char of)
        {
            for (var d = depth - 1; d >= 0; d--)
            {
                code = index.Members.Parent(d + 1, code);
                if (levels[d].Source is DatePartLevelSource source && source.Part == of) return (int)levels[d].Source.ValueOf(index.Members.Key(d, code))!;
            }
            return -1;
        }
        var captions = new string[keys.Length];
        for (var code = 0; code < keys.Length; code++)
        {
            var year = Ancestor(code, 'y');
            var value = keys[code] is int v ? v : -1;
            var month = part.Part == 'd' ? Ancestor(code, 'M') : -1;
            captions[code] = year < 0 || value < 0 ? MdxHierarchy.Text(keys[code]) : part.Part switch
            {
                'Q' => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{year} Q{value}"),
                'M' => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{year}-{value:00}"),
                'w' => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{year} W{value:00}"),
                _ when month > 0 => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{year}-{month:00}-{value:00}"),
                _ => MdxHierarchy.Text(keys[code]),
            };
        }
        return captions;
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
