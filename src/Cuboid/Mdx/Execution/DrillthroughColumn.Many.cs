using System.Globalization;
using Cuboid.Aggregation;
using Cuboid.Expressions;
using Cuboid.Model;
using Cuboid.Storage;

namespace Cuboid.Mdx.Execution;

/// <summary>
/// Drillthrough columns through a many-to-many join: a fact row is returned once, so a level or a column of the join's
/// target shows the distinct values of the target rows the fact matched and the filter kept (a restricted user sees
/// only the tags they may), joined with ", " — members in their order, column values in ordinal order.
/// </summary>
internal abstract partial class DrillthroughColumn
{
    /// <summary>Values a cell lists at most, read from at most ten times as many target rows: a tag shared by millions of rows stays a line.</summary>
    private const int MaxListed = 100;

    /// <summary>For each row of the view, the target rows the filter kept (<paramref name="none"/>: no row; at most 10 × <see cref="MaxListed"/>, then one more as a mark).</summary>
    private static void KeptRows(in ChunkView view, CubeSnapshot snapshot, RowCondition? filter, ManyMap many, int none, Action<int, List<int>> each)
    {
        var groups = snapshot.FactGroupsOf(many, view.Index);
        var manyFilter = filter as ManyFilter;
        using var lease = BufferPool.Bytes(view.Count, out var variants);
        if (manyFilter is not null && manyFilter.VariantsOf(many) > 1) manyFilter.Variants(many, view, variants);
        else variants.Clear();
        var kept = new List<int>();
        for (var r = 0; r < view.Count; r++)
        {
            kept.Clear();
            var mask = manyFilter?.MaskOf(many, variants[r]);
            var rows = many.RowsOf(groups[view.Selection![r]]);
            if (rows.IsEmpty && (mask is null || mask[none])) kept.Add(none);
            foreach (var row in rows)
            {
                if (mask is not null && !mask[row]) continue;
                kept.Add(row);
                if (kept.Count > 10 * MaxListed) break;
            }
            each(r, kept);
        }
    }

    /// <summary>The values joined with ", ", at most <see cref="MaxListed"/> of them, and "…" when some were left out (null: none).</summary>
    private static string? List(List<string> values, bool cut)
    {
        if (values.Count == 0) return null;
        var listed = string.Join(", ", values.Take(MaxListed));
        return cut || values.Count > MaxListed ? listed + ", …" : listed;
    }

    private sealed class ManyLevelColumn(string name, MdxHierarchy hierarchy, int depth, string part, ManyMap many) : DrillthroughColumn(name, typeof(string))
    {
        protected override void Read(in ChunkView view, CubeSnapshot snapshot, RowCondition? filter, object?[] values, int at)
        {
            var index = hierarchy.Index!;
            var codes = index.AnchorCodes(snapshot)[depth];
            var ranks = MemberOrder.Ranks(index, snapshot, depth);
            KeptRows(view, snapshot, filter, many, codes.Length - 1, (r, rows) =>
            {
                var members = rows.Select(t => codes[t]).Distinct().OrderBy(c => ranks[c]).Select(c => Text(hierarchy.Member(depth, c))).ToList();
                values[at + r] = List(members, cut: rows.Count > 10 * MaxListed);
            });
        }

        private string Text(MdxMember member) => part.ToUpperInvariant() switch
        {
            "KEY" => Convert.ToString(member.Key, CultureInfo.InvariantCulture) ?? "",
            "UNIQUENAME" => member.UniqueName,
            _ => member.Caption,
        };
    }

    private sealed class ManyTableColumn(string name, Table table, Column column, ManyMap many) : DrillthroughColumn(name, typeof(string))
    {
        protected override void Read(in ChunkView view, CubeSnapshot snapshot, RowCondition? filter, object?[] values, int at)
        {
            var target = many.Join.Target;
            var path = snapshot.Graph.PathBetween(target, table);
            var version = snapshot.Data[table.Store];
            var maps = new Dictionary<int, int[]?>();
            var none = snapshot.Data[target.Store].RowIdLimit;
            KeptRows(view, snapshot, filter, many, none, (r, rows) =>
            {
                var texts = new SortedSet<string>(StringComparer.Ordinal);
                foreach (var t in rows)
                {
                    if (t == none) continue;   // no target row: the column has no value, as for an unmatched one-to-one join
                    var chunk = Chunk.ChunkOf(t);
                    if (!maps.TryGetValue(chunk, out var map)) maps[chunk] = map = snapshot.RowsAlong(target, chunk, path);
                    var id = map is null ? t : map[Chunk.OffsetOf(t)];
                    if (id >= 0 && Convert.ToString(version.GetValue(column.Schema.Index, id), CultureInfo.InvariantCulture) is { } text) texts.Add(text);
                }
                values[at + r] = List([.. texts], cut: rows.Count > 10 * MaxListed);
            });
        }
    }
}
