using Cuboid.Mdx.Binding;
using Cuboid.Mdx.Execution;

namespace Cuboid.Mdx.Functions;

internal static partial class SetFunctions
{
    /// <summary>
    /// DrilldownLevel(set [, level] [, , index] [, INCLUDE_CALC_MEMBERS]): each tuple is followed by the tuples of its member's
    /// children at one position — the level's hierarchy, the index (0-based), or the first. Without an
    /// index only members at the level (default: the deepest at that position) are drilled, and not one
    /// the next tuple already descends from (it shows drilled); with an index every member there is, as
    /// in Mondrian. Mondrian 3.11 truncates tuples to their first member without an index; Cuboid keeps them.
    /// INCLUDE_CALC_MEMBERS (SSAS's flag, which Excel sends) adds the calculated members defined under a drilled member after its children.
    /// </summary>
    private static object? DrilldownLevel(Evaluator e, MdxContext c, FunctionCallSite f)
    {
        var calculated = f.Count > 3 && f.Has(3) && IsSymbol(f[3], "INCLUDE_CALC_MEMBERS");
        if (f.Count > 3 && f.Has(3) && !calculated)
        {
            throw e.Error(f.At, MdxErrorCodes.BadFunctionArgument, "DrilldownLevel's fourth argument can only be INCLUDE_CALC_MEMBERS.");
        }
        var set = Set(e, c, f[0]);
        if (set.Count == 0) return set;
        var level = f.Has(1) ? e.AsLevel(e.Evaluate(f[1], c), f[1]) : null;
        int? index = f.Count > 2 && f.Has(2) ? e.AsInt(f[2], c) : null;
        var width = set.Tuples[0].Length;
        var position = index ?? (level is null ? 0 : Array.FindIndex(set.Tuples[0], m => m.Hierarchy == level.Hierarchy));
        if (position < 0 || position >= width) return set;   // nothing of that hierarchy, or no such position: nothing to drill
        var depth = level?.Depth ?? set.Tuples.Max(t => t[position].Depth);
        var result = new List<MdxMember[]>(set.Count);
        for (var i = 0; i < set.Count; i++)
        {
            var tuple = set.Tuples[i];
            result.Add(tuple);
            var member = tuple[position];
            if (index is null && (member.Depth != depth || DrilledAlready(set, i, position))) continue;
            AddChildren(result, tuple, position, recursive: null);
            if (!calculated) continue;
            foreach (var child in member.Hierarchy.CalculatedMembers.Where(m => m.Parent == member))
            {
                var next = (MdxMember[])tuple.Clone();
                next[position] = child;
                result.Add(next);
            }
        }
        return new MdxSet(result);
    }

    /// <summary>
    /// DrilldownLevelTop / DrilldownLevelBottom(set, n [, level] [, numeric]): DrilldownLevel keeping only
    /// each drilled member's n best children by the numeric expression (the current cell without it), in that order.
    /// </summary>
    private static object? DrilldownLevelBest(Evaluator e, MdxContext c, FunctionCallSite f, bool top)
    {
        var set = Set(e, c, f[0]);
        if (set.Count == 0) return set;
        var n = Math.Max(0, e.AsInt(f[1], c));
        var depth = f.Has(2) ? e.AsLevel(e.Evaluate(f[2], c), f[2]).Depth : set.Tuples.Max(t => t[0].Depth);
        var result = new List<MdxMember[]>(set.Count);
        for (var i = 0; i < set.Count; i++)
        {
            var tuple = set.Tuples[i];
            result.Add(tuple);
            if (tuple[0].Depth != depth || DrilledAlready(set, i, 0)) continue;
            var children = new MdxSet([.. Navigation.Children(tuple[0]).Select(child => (MdxMember[])[child, .. tuple.Skip(1)])]);
            var values = f.Has(3) ? e.ValuesOver(children, f[3], c) : [.. children.Tuples.Select(t => e.CellValue(c.With(t)))];
            var keys = SortKeys.Of(e, f.Has(3) ? f[3] : f.At, values);
            result.AddRange(keys.Best(n, descending: top).Select(k => children.Tuples[k]));
        }
        return new MdxSet(result);
    }

    /// <summary>
    /// ToggleDrillState(set, members): a member of the set that is one of the members and is shown drilled
    /// (its descendants follow it) is collapsed — those descendants leave — otherwise it is drilled down.
    /// </summary>
    private static object? ToggleDrillState(Evaluator e, MdxContext c, FunctionCallSite f)
    {
        var set = Set(e, c, f[0]);
        var toggle = new HashSet<MdxMember>(Set(e, c, f[1]).Tuples.SelectMany(t => t), ReferenceEqualityComparer.Instance);
        var result = new List<MdxMember[]>(set.Count);
        for (var i = 0; i < set.Count; i++)
        {
            var tuple = set.Tuples[i];
            result.Add(tuple);
            if (!toggle.Contains(tuple[0])) continue;
            if (!DrilledAlready(set, i, 0))
            {
                AddChildren(result, tuple, 0, recursive: null);
                continue;
            }
            while (i + 1 < set.Count && set.Tuples[i + 1][0] != tuple[0] && Navigation.IsAncestorOrSelf(tuple[0], set.Tuples[i + 1][0])) i++;
        }
        return new MdxSet(result);
    }

    /// <summary>Whether the tuple after the <paramref name="i"/>th descends from it at <paramref name="position"/> (the member is shown drilled).</summary>
    private static bool DrilledAlready(MdxSet set, int i, int position)
    {
        if (i + 1 >= set.Count) return false;
        var (member, next) = (set.Tuples[i][position], set.Tuples[i + 1][position]);
        return next != member && Navigation.IsAncestorOrSelf(member, next);
    }

    /// <summary>
    /// DrilldownMember(set, members [, RECURSIVE]): each tuple whose member at some position is one of
    /// <paramref name="f"/>'s second set is followed by the tuples of that member's children (the first
    /// such position); with RECURSIVE, so are the children that are in the set in turn.
    /// </summary>
    private static object? DrilldownMember(Evaluator e, MdxContext c, FunctionCallSite f)
    {
        var set = Set(e, c, f[0]);
        var drill = new HashSet<MdxMember>(Set(e, c, f[1]).Tuples.SelectMany(t => t), ReferenceEqualityComparer.Instance);
        var recursive = f.Count > 2 && IsSymbol(f[2], "RECURSIVE");
        var result = new List<MdxMember[]>(set.Count);
        foreach (var tuple in set.Tuples)
        {
            result.Add(tuple);
            var position = Array.FindIndex(tuple, drill.Contains);
            if (position >= 0) AddChildren(result, tuple, position, recursive ? drill : null);
        }
        return new MdxSet(result);
    }

    /// <summary>The tuple once per child of its member at <paramref name="position"/>; a child in <paramref name="recursive"/> is drilled in turn.</summary>
    private static void AddChildren(List<MdxMember[]> result, MdxMember[] tuple, int position, HashSet<MdxMember>? recursive)
    {
        foreach (var child in Navigation.Children(tuple[position]))
        {
            var next = (MdxMember[])tuple.Clone();
            next[position] = child;
            result.Add(next);
            if (recursive is not null && recursive.Contains(child)) AddChildren(result, next, position, recursive);
        }
    }
}
