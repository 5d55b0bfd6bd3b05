using Cuboid.Mdx.Binding;
using Cuboid.Mdx.Execution;
using Cuboid.Mdx.Syntax;

namespace Cuboid.Mdx.Functions;

internal static partial class SetFunctions
{
    /// <summary>
    /// Order(set, key [, ASC|DESC|BASC|BDESC] [, key2 [, flag2]]…): each key breaks the ties of
    /// the one before. BASC/BDESC compare the tuples' values and break the hierarchy. ASC/DESC
    /// sort hierarchically, as Mondrian: two tuples are compared at the first position where they
    /// differ; there an ancestor comes before its descendants, and otherwise the members'
    /// ancestors just under their common ancestor are compared by the key's value at the tuple's
    /// prefix (the positions before, then that ancestor) — so a crossjoin is grouped by its first
    /// hierarchy's values, then its second's within each group, and so on.
    /// </summary>
    private static object? Order(Evaluator e, MdxContext c, FunctionCallSite f)
    {
        var keys = OrderKeys(f);
        var (set, alias) = AliasedSet(e, c, f[0], [.. keys.Select(k => k.Key)]);
        if (keys.Count == 1 && SortedAsNumbers(e, c, set, alias, keys[0].Key, keys[0].Flag) is { } sorted) return new MdxSet([.. sorted.Select(i => set.Tuples[i])]);
        var comparers = keys.Select(k => k.Flag is "BASC" or "BDESC"
            ? FlatOrder(e, c, set, alias, k.Key, descending: k.Flag == "BDESC")
            : HierarchicalOrder(e, c, set, alias, k.Key, descending: k.Flag == "DESC")).ToList();
        var order = Enumerable.Range(0, set.Count).ToList();
        order.Sort((a, b) =>
        {
            foreach (var compare in comparers)
            {
                var result = compare(a, b);
                if (result != 0) return result;
            }
            return a.CompareTo(b);
        });
        return new MdxSet([.. order.Select(i => set.Tuples[i])]);
    }

    /// <summary>
    /// One numeric key over a set where hierarchical order is plain order — BASC/BDESC, or members
    /// that are all siblings, listed in hierarchy order (a level under its All member) — sorted as
    /// doubles; null otherwise.
    /// </summary>
    private static int[]? SortedAsNumbers(Evaluator e, MdxContext c, MdxSet set, string? alias, Calc key, string flag)
    {
        var flat = flag is "BASC" or "BDESC";
        if (!flat && !SiblingsInOrder(set)) return null;
        var values = SortKeys.Of(e, key, KeyValues(e, c, set, alias, key));
        return values.SortedNumbers(descending: flag is "DESC" or "BDESC");
    }

    private static bool SiblingsInOrder(MdxSet set)
    {
        if (set.Count == 0 || set.Tuples.Any(t => t.Length != 1 || t[0].Kind != MemberKind.Regular)) return false;
        var first = set.Tuples[0][0];
        var previous = -1;
        foreach (var tuple in set.Tuples)
        {
            var member = tuple[0];
            if (!ReferenceEquals(member.Parent, first.Parent) || member.Hierarchy != first.Hierarchy || member.Depth != first.Depth) return false;
            var rank = member.Hierarchy.RankOf(member);
            if (rank < previous) return false;
            previous = rank;
        }
        return true;
    }

    /// <summary>The key's value for each tuple: read in bulk when it can be (see <see cref="Evaluator.ValuesOver"/>), else in the tuple's context with its alias.</summary>
    private static List<object?> KeyValues(Evaluator e, MdxContext c, MdxSet set, string? alias, Calc key) =>
        alias is null ? e.ValuesOver(set, key, c) : [.. set.Tuples.Select((_, i) => SortKey(e, Iteration(c, set, i, alias), key))];

    /// <summary>The keys of Order: an expression, then its flag when the next argument is one (ASC by default).</summary>
    private static List<(Calc Key, string Flag)> OrderKeys(FunctionCallSite f)
    {
        var keys = new List<(Calc, string)>();
        for (var i = 1; i < f.Count; i++)
        {
            var flag = i + 1 < f.Count ? OrderFlag(f[i + 1]) : null;
            keys.Add((f[i], flag ?? "ASC"));
            if (flag is not null) i++;
        }
        return keys;
    }

    private static string? OrderFlag(Calc argument) =>
        argument.Syntax is IdentifierNode { Segments: [var s] } && s.Name.ToUpperInvariant() is var flag && flag is "ASC" or "DESC" or "BASC" or "BDESC" ? flag : null;

    private static Comparison<int> FlatOrder(Evaluator e, MdxContext c, MdxSet set, string? alias, Calc key, bool descending)
    {
        var values = SortKeys.Of(e, key, KeyValues(e, c, set, alias, key));
        return (a, b) => values.Compare(a, b) * (descending ? -1 : 1);
    }

    private static Comparison<int> HierarchicalOrder(Evaluator e, MdxContext c, MdxSet set, string? alias, Calc key, bool descending)
    {
        var sign = descending ? -1 : 1;
        var whole = KeyValues(e, c, set, alias, key);
        var keys = SortKeys.Of(e, key, whole);
        // Members of a level (one per tuple), the usual set: siblings compare by value, then by hierarchy order, without a lookup.
        var ranks = set.Tuples.All(t => t.Length == 1 && t[0].Kind == MemberKind.Regular) ? set.Tuples.Select(t => t[0].Hierarchy.RankOf(t[0])).ToArray() : null;
        // Values and ancestor paths are asked again and again by the sort: each is computed once.
        var prefixes = new Dictionary<MdxMember[], object?>(TupleComparer.Instance);
        var firsts = new Dictionary<MdxMember, object?>(ReferenceEqualityComparer.Instance);
        var paths = new Dictionary<MdxMember, List<MdxMember>>(ReferenceEqualityComparer.Instance);
        object? ValueOf(MdxMember[] tuple, int position, MdxMember member)
        {
            if (position == 0)
            {
                if (!firsts.TryGetValue(member, out var first)) firsts[member] = first = SortKey(e, Iteration(c, set, -1, alias, [member]), key);
                return first;
            }
            MdxMember[] prefix = [.. tuple[..position], member];
            if (!prefixes.TryGetValue(prefix, out var value)) prefixes[prefix] = value = SortKey(e, Iteration(c, set, -1, alias, prefix), key);
            return value;
        }
        List<MdxMember> PathOf(MdxMember member)
        {
            if (!paths.TryGetValue(member, out var path)) paths[member] = path = Navigation.AncestorsAndSelf(member);
            return path;
        }
        return (ia, ib) =>
        {
            var (ta, tb) = (set.Tuples[ia], set.Tuples[ib]);
            if (ranks is not null && ReferenceEquals(ta[0].Parent, tb[0].Parent) && ta[0].Hierarchy == tb[0].Hierarchy && ta[0].Depth == tb[0].Depth)
            {
                var bySiblings = sign * keys.Compare(ia, ib);
                return bySiblings != 0 ? bySiblings : ranks[ia].CompareTo(ranks[ib]);
            }
            for (var i = 0; i < Math.Min(ta.Length, tb.Length); i++)
            {
                var (ma, mb) = (ta[i], tb[i]);
                if (ReferenceEquals(ma, mb)) continue;
                if (ma.Hierarchy == mb.Hierarchy && ma.Kind != MemberKind.Measure)
                {
                    if (Navigation.IsAncestorOrSelf(ma, mb)) return -1;   // a parent before its children, ascending or descending
                    if (Navigation.IsAncestorOrSelf(mb, ma)) return 1;
                    (ma, mb) = Diverging(PathOf(ma), PathOf(mb));
                }
                // At the last position, between siblings, the prefix is the whole tuple: its value is known.
                var last = i == ta.Length - 1 && ReferenceEquals(ma, ta[i]) && ReferenceEquals(mb, tb[i]) && tb.Length == ta.Length;
                var result = last ? sign * keys.Compare(ia, ib) : sign * CompareKeys(ValueOf(ta, i, ma), ValueOf(tb, i, mb));
                if (result != 0) return result;
                // Equal values: keep each member's group together, in hierarchy order.
                if (ma.Hierarchy == mb.Hierarchy && !ReferenceEquals(ma, mb)) return Navigation.CompareInHierarchy(ma, mb);
                return 0;
            }
            return 0;
        };
    }

    /// <summary>The ancestors of two members (or themselves), given their paths from the top, just under their deepest common ancestor.</summary>
    private static (MdxMember, MdxMember) Diverging(List<MdxMember> pathA, List<MdxMember> pathB)
    {
        var i = 0;
        while (i < pathA.Count - 1 && i < pathB.Count - 1 && ReferenceEquals(pathA[i], pathB[i])) i++;
        return (pathA[i], pathB[i]);
    }

    /// <summary>Tuples as dictionary keys: the same members in the same order.</summary>
    private sealed class TupleComparer : IEqualityComparer<MdxMember[]>
    {
        public static readonly TupleComparer Instance = new();

        public bool Equals(MdxMember[]? x, MdxMember[]? y) =>
            ReferenceEquals(x, y) || (x is not null && y is not null && x.Length == y.Length && x.AsSpan().SequenceEqual(y, ReferenceEqualityComparer.Instance));

        public int GetHashCode(MdxMember[] tuple)
        {
            var hash = new HashCode();
            foreach (var member in tuple) hash.Add(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(member));
            return hash.ToHashCode();
        }
    }
}
