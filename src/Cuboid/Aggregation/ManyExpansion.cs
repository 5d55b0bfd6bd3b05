using System.Runtime.InteropServices;
using Cuboid.Model;

namespace Cuboid.Aggregation;

/// <summary>
/// A scan's cells along the levels of a many-to-many join's target, by group of that join (and variant of the filter,
/// <see cref="ManyFilter"/>): for each group, the distinct values of Σ code × stride over those levels among its target
/// rows that pass the filter's mask; a group with no live row, and facts with no group, take the last one's (the columns'
/// defaults). Deduplicating is what makes the result a distinct sum: a product tagged red and warm counts once under
/// the Color group. Built once per plan, O(target rows); the kernel adds each fact row once to each of its group's cells.
/// </summary>
internal sealed class ManyExpansion
{
    private ManyExpansion(ManyMap many, bool[] isManyLevel, int variants, int[] offsets, long[] keys) =>
        (Many, IsManyLevel, Variants, Offsets, Keys) = (many, isManyLevel, variants, offsets, keys);

    public ManyMap Many { get; }

    /// <summary>By plan level, whether it is one of the join's (its codes come from <see cref="Keys"/>, not from the fact row).</summary>
    public bool[] IsManyLevel { get; }

    /// <summary>The filter's variants for the join (<see cref="ManyFilter.Variants"/>): one set of cells per variant and group.</summary>
    public int Variants { get; }

    /// <summary>Groups a variant: the join's groups and a last one for fact rows with no group.</summary>
    public int Stride => Many.GroupCount + 1;

    /// <summary>
    /// Group g's cell keys under variant v are Keys[Offsets[v × Stride + g]..Offsets[v × Stride + g + 1]]; the last group of
    /// a variant is the fact rows with no group. Two entries of padding follow the keys.
    /// </summary>
    public int[] Offsets { get; }

    public long[] Keys { get; }

    /// <summary>
    /// The expansions a plan needs, one per many-to-many join whose target has some of its levels (a fact's cells are then
    /// the cross product of its cells along each); null when none of its levels is on such a target.
    /// </summary>
    public static ManyExpansion[]? Of(ScanPlan plan)
    {
        var snapshot = plan.Snapshot;
        if (!snapshot.HasMany) return null;
        var byLevel = plan.Levels.Select(l => l.Hierarchy.ManyOf(snapshot)).ToArray();
        var joins = byLevel.OfType<ManyMap>().Distinct().ToList();
        return joins.Count == 0 ? null : [.. joins.Select(many => Of(plan, many, byLevel))];
    }

    private static ManyExpansion Of(ScanPlan plan, ManyMap many, ManyMap?[] byLevel)
    {
        var snapshot = plan.Snapshot;
        var filter = plan.Filter as ManyFilter;
        var variants = Math.Max(1, filter?.VariantsOf(many) ?? 0);
        var levels = Enumerable.Range(0, plan.Levels.Length).Where(l => byLevel[l] == many).ToArray();
        var codes = levels.Select(l => plan.Levels[l].Hierarchy.AnchorCodes(snapshot)[plan.Levels[l].Depth]).ToArray();
        var strides = levels.Select(l => plan.Strides[l]).ToArray();
        var none = codes[0].Length - 1;
        long KeyOf(int row)
        {
            long key = 0;
            for (var i = 0; i < codes.Length; i++) key += codes[i][row] * strides[i];
            return key;
        }
        var stride = many.GroupCount + 1;
        var offsets = new int[variants * stride + 1];
        var keys = new List<long>(variants * (many.Rows.Length + 1) + 2);
        for (var v = 0; v < variants; v++)
        {
            var mask = filter?.MaskOf(many, v);
            var noRowPasses = mask is null || mask[none];
            for (var g = 0; g < stride; g++)
            {
                var start = keys.Count;
                var rows = many.RowsOf(g);   // none for the last group
                if (rows.IsEmpty && noRowPasses) keys.Add(KeyOf(none));
                foreach (var row in rows)
                {
                    if (mask is null || mask[row]) keys.Add(KeyOf(row));
                }
                var span = CollectionsMarshal.AsSpan(keys)[start..];
                span.Sort();
                var distinct = span.Length == 0 ? 0 : 1;
                for (var i = 1; i < span.Length; i++)
                {
                    if (span[i] != span[distinct - 1]) span[distinct++] = span[i];
                }
                keys.RemoveRange(start + distinct, span.Length - distinct);
                offsets[v * stride + g + 1] = keys.Count;
            }
        }
        keys.AddRange([0, 0]);   // padding: the kernel reads a row's first two keys without testing its count
        return new ManyExpansion(many, [.. byLevel.Select(m => m == many)], variants, offsets, [.. keys]);
    }
}
