using System.Collections.Concurrent;
using Cuboid.Expressions;

namespace Cuboid.Model;

/// <summary>
/// Ranks of a level's members in display order: under their parent's rank, by the level's
/// order (natural by key, by caption, or custom first elements). Computed once per member count
/// and kept, since high-cardinality levels (a million customers) are costly to sort per query.
/// </summary>
internal static class MemberOrder
{
    private static readonly ConditionalWeakTableCache s_cache = new();

    public static int[] Ranks(HierarchyIndex index, CubeSnapshot snapshot, int depth)
    {
        var level = index.Hierarchy.Levels[depth];
        var count = index.Members.Count(depth);
        var key = (depth, level.Order, level.CaptionColumn);
        // Ranks hold while the members are the same (they only grow, so their count says) and, when
        // ordered by caption, while the captions' table is: an upsert can rename a member.
        var captionData = level.Order is LevelOrder.CaptionOrder && level.CaptionColumn is { } captionColumn ? snapshot.Data[captionColumn.Table.Store] : null;
        var perIndex = s_cache.For(index);
        if (perIndex.TryGetValue(key, out var cached) && cached.Count == count && ReferenceEquals(cached.Captions, captionData)) return cached.Ranks;
        var parentRanks = depth == 0 ? null : Ranks(index, snapshot, depth - 1);
        var values = new object?[count];
        for (var code = 0; code < count; code++) values[code] = level.Source.ValueOf(index.Members.Key(depth, code));
        var captions = level.Order is LevelOrder.CaptionOrder ? MemberCaptions.Of(index, snapshot, depth) : null;
        var custom = level.Order is LevelOrder.CustomOrder c ? c.FirstElements : null;
        var descending = level.Order is LevelOrder.NaturalOrder { Descending: true };
        var codes = Enumerable.Range(0, count).ToArray();
        Array.Sort(codes, (a, b) =>
        {
            if (parentRanks is not null)
            {
                var byParent = parentRanks[index.Members.Parent(depth, a)].CompareTo(parentRanks[index.Members.Parent(depth, b)]);
                if (byParent != 0) return byParent;
            }
            if (custom is not null)
            {
                var (ia, ib) = (IndexIn(custom, values[a]), IndexIn(custom, values[b]));
                if (ia != ib) return ia.CompareTo(ib);
            }
            var order = captions is not null ? CompareValues(captions[a], captions[b]) : CompareValues(values[a], values[b]);
            return descending ? -order : order;
        });
        var ranks = new int[count];
        for (var i = 0; i < count; i++) ranks[codes[i]] = i;
        perIndex[key] = (count, captionData, ranks);
        return ranks;
    }

    public static int CompareValues(object? a, object? b)
    {
        if (a is null || b is null) return a is null ? (b is null ? 0 : -1) : 1;
        if (a is string sa && b is string sb) return string.CompareOrdinal(sa, sb);
        if (a.GetType() == b.GetType() && a is IComparable ca) return ca.CompareTo(b);
        return ColumnGather.ToDouble(a).CompareTo(ColumnGather.ToDouble(b));
    }

    private static int IndexIn(IReadOnlyList<object> first, object? value)
    {
        for (var i = 0; i < first.Count; i++)
        {
            if (Equals(first[i], value) || (value is not null && string.Equals(Convert.ToString(first[i], System.Globalization.CultureInfo.InvariantCulture), Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))) return i;
        }
        return int.MaxValue;
    }

    private sealed class ConditionalWeakTableCache
    {
        private readonly System.Runtime.CompilerServices.ConditionalWeakTable<HierarchyIndex, ConcurrentDictionary<(int, LevelOrder, Column?), (int Count, Storage.TableVersion? Captions, int[] Ranks)>> _table = new();

        public ConcurrentDictionary<(int, LevelOrder, Column?), (int Count, Storage.TableVersion? Captions, int[] Ranks)> For(HierarchyIndex index) => _table.GetOrCreateValue(index);
    }
}

/// <summary>Captions of members whose level has a caption column: the caption column's value on a row of the member.</summary>
internal static class MemberCaptions
{
    public static object?[] Of(HierarchyIndex index, CubeSnapshot snapshot, int depth) =>
        Of(index, snapshot, depth, index.Hierarchy.Levels[depth].CaptionColumn);

    /// <summary>The value of <paramref name="column"/> (a column of the level's table) on a row of each member; the key when null.</summary>
    public static object?[] Of(HierarchyIndex index, CubeSnapshot snapshot, int depth, Column? column)
    {
        var level = index.Hierarchy.Levels[depth];
        var count = index.Members.Count(depth);
        var captions = new object?[count];
        if (column is null)
        {
            for (var code = 0; code < count; code++) captions[code] = level.Source.ValueOf(index.Members.Key(depth, code));
            return captions;
        }
        var seen = new bool[count];
        var anchor = snapshot.Data[index.Anchor.Store];
        var path = index.Paths[depth];
        for (var c = 0; c < anchor.Chunks.Length; c++)
        {
            var chunk = anchor.Chunks[c];
            var rows = snapshot.RowsAlong(index.Anchor, c, path);
            var codes = index.FactAnchored(snapshot.Graph) ? index.FactChunkCodes(snapshot, c)[depth] : index.AnchorCodes(snapshot)[depth];
            var offset = index.FactAnchored(snapshot.Graph) ? 0 : Storage.Chunk.RowId(c, 0);
            var table = snapshot.Data[column.Table.Store];
            for (var r = 0; r < chunk.Count; r++)
            {
                var code = codes[offset + r];
                if (code >= count || seen[code] || chunk.IsDeleted(r)) continue;
                seen[code] = true;
                var row = rows is null ? Storage.Chunk.RowId(c, r) : rows[r];
                captions[code] = ColumnGather.Value(table, column.Schema, row);
            }
        }
        for (var code = 0; code < count; code++)
        {
            if (!seen[code]) captions[code] = ReferenceEquals(column, level.CaptionColumn) ? level.Source.ValueOf(index.Members.Key(depth, code)) : null;
        }
        return captions;
    }
}
