using Cuboid.Mdx.Binding;
using Cuboid.Mdx.Execution;

namespace Cuboid.Mdx.Functions;

/// <summary>Functions that return a member, a level, a hierarchy or a dimension, and member properties (Name, UniqueName…).</summary>
internal static class NavigationFunctions
{
    public static void Register()
    {
        FunctionTable.Add("CurrentMember", (e, c, f) => c.Current(e.AsHierarchy(e.Evaluate(f[0], c), f[0])), property: true);
        FunctionTable.Add("DefaultMember", (e, c, f) => e.AsHierarchy(e.Evaluate(f[0], c), f[0]).DefaultMember, property: true);
        FunctionTable.Add("Parent", (e, c, f) => Member(e, c, f)?.Parent, property: true);
        FunctionTable.Add("FirstChild", (e, c, f) => Member(e, c, f) is { } m ? First(Navigation.Children(m)) : null, property: true);
        FunctionTable.Add("LastChild", (e, c, f) => Member(e, c, f) is { } m ? Last(Navigation.Children(m)) : null, property: true);
        FunctionTable.Add("PrevMember", (e, c, f) => Member(e, c, f) is { } m ? Navigation.Lead(m, -1) : null, property: true);
        FunctionTable.Add("NextMember", (e, c, f) => Member(e, c, f) is { } m ? Navigation.Lead(m, 1) : null, property: true);
        FunctionTable.Add("FirstSibling", (e, c, f) => Member(e, c, f) is { } m ? First(Siblings(m)) : null, property: true);
        FunctionTable.Add("LastSibling", (e, c, f) => Member(e, c, f) is { } m ? Last(Siblings(m)) : null, property: true);
        FunctionTable.Add("Lag", (e, c, f) => Member(e, c, f) is { } m ? Navigation.Lead(m, -e.AsInt(f[1], c)) : null);
        FunctionTable.Add("Lead", (e, c, f) => Member(e, c, f) is { } m ? Navigation.Lead(m, e.AsInt(f[1], c)) : null);
        FunctionTable.Add("Ancestor", Ancestor);
        FunctionTable.Add("Cousin", Cousin);
        FunctionTable.Add("ParallelPeriod", ParallelPeriod);
        FunctionTable.Add("OpeningPeriod", (e, c, f) => Period(e, c, f, opening: true));
        FunctionTable.Add("ClosingPeriod", (e, c, f) => Period(e, c, f, opening: false));
        FunctionTable.Add("Item", Item);
        FunctionTable.Add("Level", (e, c, f) => Member(e, c, f)?.Level, property: true);
        FunctionTable.Add("Hierarchy", (e, c, f) => e.AsHierarchy(e.Evaluate(f[0], c), f[0]), property: true);
        FunctionTable.Add("Dimension", (e, c, f) => new MdxDimension(e.AsHierarchy(e.Evaluate(f[0], c), f[0]).Dimension), property: true);
        FunctionTable.Add("Levels", (e, c, f) =>
        {
            // Levels("[Time].[Year]"): a level by its unique name (Mondrian).
            if (f.Count == 1 && e.EvaluateScalar(f[0], c) is string text) return e.AsLevel(StringFunctions.Evaluate(e, c, f, text), f[0]);
            var hierarchy = e.AsHierarchy(e.Evaluate(f[0], c), f[0]);
            var arg = e.EvaluateScalar(f[1], c);
            return arg is string name
                ? hierarchy.Levels.FirstOrDefault(l => string.Equals(l.Name, name, StringComparison.OrdinalIgnoreCase)) ?? throw e.Error(f[1], MdxErrorCodes.UnknownLevel, $"{hierarchy.UniqueName} has no level '{name}'.")
                : hierarchy.Levels.ElementAtOrDefault((int)e.AsNumber(arg, f[1])) ?? throw e.Error(f[1], MdxErrorCodes.UnknownLevel, $"{hierarchy.UniqueName} has no level {arg}.");
        });
        FunctionTable.Add("Name", (e, c, f) => NameOf(e.Evaluate(f[0], c), unique: false), property: true);
        FunctionTable.Add("UniqueName", (e, c, f) => NameOf(e.Evaluate(f[0], c), unique: true), property: true);
        FunctionTable.Add("Caption", (e, c, f) => e.Evaluate(f[0], c) is MdxMember m ? m.Caption : NameOf(e.Evaluate(f[0], c), unique: false), property: true);
        FunctionTable.Add("Ordinal", (e, c, f) => (double)(e.Evaluate(f[0], c) is MdxLevel l ? l.Ordinal : Member(e, c, f)?.LevelDepth ?? 0), property: true);
        FunctionTable.Add("Value", (e, c, f) => e.EvaluateScalar(f[0], c), property: true);
        FunctionTable.Add("Current", (e, c, f) => e.Evaluate(f[0], c) is MdxIteration i ? (i.Tuple.Length == 1 ? i.Tuple[0] : i.Tuple) : e.Evaluate(f[0], c), property: true);
        FunctionTable.Add("CurrentOrdinal", (e, c, f) => e.Evaluate(f[0], c) is MdxIteration { Index: >= 0 } i
            ? (double)i.Index
            : throw e.Error(f[0], MdxErrorCodes.NotIterating, "CurrentOrdinal applies to a set being iterated (Filter(set AS s, …s.CurrentOrdinal…), or a named set in a function that iterates over it)."), property: true);
        FunctionTable.Add("Properties", Properties);
        FunctionTable.Add("Dimensions", Dimensions);
        // Mondrian's order key: the member's key, so that Order(set, m.OrderKey) is the natural order.
        FunctionTable.Add("OrderKey", (e, c, f) => Member(e, c, f) is { } m ? m.Key ?? m.Name : null, property: true);
        FunctionTable.Add("IsLeaf", (e, c, f) => Member(e, c, f) is { } m && Navigation.Children(m).Count == 0);
        FunctionTable.Add("IsAncestor", (e, c, f) => Member(e, c, f) is { } a && e.Evaluate(f[1], c) is { } value && e.MemberOf(value, f[1], c) is var m && a != m && Navigation.IsAncestorOrSelf(a, m));
        FunctionTable.Add("IsSibling", (e, c, f) => Member(e, c, f) is { } a && e.Evaluate(f[1], c) is { } value && Siblings(a).Contains(e.MemberOf(value, f[1], c)));
        // The generation counts up from the leaves (0), as SSAS does for a regular hierarchy.
        FunctionTable.Add("IsGeneration", (e, c, f) => Member(e, c, f) is { } m && Navigation.LevelCount(m.Hierarchy) - 1 - m.Depth == e.AsInt(f[1], c));
    }

    /// <summary>Dimensions(n), in the cube's order with the measures first, or Dimensions("[name]"): the dimension's (default) hierarchy, as Mondrian.</summary>
    private static object? Dimensions(Evaluator e, MdxContext c, FunctionCallSite f)
    {
        var hierarchies = e.Catalog.Named.DistinctBy(h => h.Dimension, StringComparer.OrdinalIgnoreCase).Select(h => e.Catalog.DefaultHierarchy(h.Dimension)!).ToList();
        return e.EvaluateScalar(f[0], c) switch
        {
            string name => hierarchies.FirstOrDefault(h => string.Equals(MdxMember.Quote(h.Dimension), name, StringComparison.OrdinalIgnoreCase) || string.Equals(h.Dimension, name, StringComparison.OrdinalIgnoreCase))
                ?? throw e.Error(f[0], MdxErrorCodes.UnknownMember, $"Cube '{e.Catalog.Cube.Name}' has no dimension {name}."),
            var n => hierarchies.ElementAtOrDefault(e.AsInt(f[0], c)) ?? throw e.Error(f[0], MdxErrorCodes.UnknownMember, $"Cube '{e.Catalog.Cube.Name}' has {hierarchies.Count} dimensions, numbered from 0; {Evaluator.Text(n)} is none of them."),
        };
    }

    /// <summary>The member argument; null (a missing member, e.g. the parent of All) propagates as null.</summary>
    private static MdxMember? Member(Evaluator e, MdxContext c, FunctionCallSite f) =>
        e.Evaluate(f[0], c) is { } value ? e.MemberOf(value, f[0], c) : null;

    private static MdxMember? First(IReadOnlyList<MdxMember> members) => members.Count > 0 ? members[0] : null;

    private static MdxMember? Last(IReadOnlyList<MdxMember> members) => members.Count > 0 ? members[^1] : null;

    private static IReadOnlyList<MdxMember> Siblings(MdxMember member) =>
        member.Parent is { } parent ? Navigation.Children(parent) : Navigation.LevelMembers(member);

    private static string NameOf(object? value, bool unique) => value switch
    {
        MdxMember m => unique ? m.UniqueName : m.Name,
        MdxLevel l => unique ? l.UniqueName : l.Name,
        MdxHierarchy h => unique ? h.UniqueName : h.Name,
        MdxDimension d => unique ? d.UniqueName : d.Name,
        _ => Evaluator.Text(value),
    };

    /// <summary>member.Properties("name"): intrinsic properties (MEMBER_NAME, LEVEL_NUMBER…) or the level's own (a column per member).</summary>
    private static object? Properties(Evaluator e, MdxContext c, FunctionCallSite f)
    {
        if (Member(e, c, f) is not { } member) return null;
        var name = Evaluator.Text(e.EvaluateScalar(f[1], c));
        return MemberProperties.TryGet(member, name, out var value)
            ? value
            : throw e.Error(f[1], MdxErrorCodes.UnknownProperty, $"Level {member.Level?.UniqueName} has no property '{name}'.");
    }

    private static object? Ancestor(Evaluator e, MdxContext c, FunctionCallSite f)
    {
        if (Member(e, c, f) is not { } member) return null;
        var target = e.Evaluate(f[1], c);
        return target switch
        {
            MdxLevel level => level.Depth <= member.Depth ? (level.Depth < 0 ? member.Hierarchy.AllMember : Navigation.AncestorAt(member, level.Depth)) : null,
            double distance => Up(member, (int)distance),
            _ => throw e.Error(f[1], MdxErrorCodes.AncestorArgument, $"Ancestor takes a level or a distance; found {Evaluator.Describe(target)}."),
        };
    }

    private static MdxMember? Up(MdxMember member, int distance)
    {
        var current = member;
        for (var i = 0; i < distance && current is not null; i++) current = current.Parent;
        return current;
    }

    /// <summary>Cousin(member, ancestor): the member at the same position under <paramref name="f"/>'s second member.</summary>
    private static object? Cousin(Evaluator e, MdxContext c, FunctionCallSite f)
    {
        if (Member(e, c, f) is not { } member) return null;
        var ancestor = e.AsMember(e.Evaluate(f[1], c), f[1]);
        var path = new List<int>();
        for (var m = member; m is not null && m.Depth > ancestor.Depth; m = m.Parent)
        {
            path.Add(Navigation.IndexOf(Navigation.Children(m.Parent!), m));
        }
        path.Reverse();
        var current = ancestor;
        foreach (var index in path)
        {
            var children = Navigation.Children(current);
            if (index < 0 || index >= children.Count) return null;
            current = children[index];
        }
        return current;
    }

    /// <summary>ParallelPeriod([level [, n [, member]]]): the member at the same position under the ancestor n periods back.</summary>
    private static object? ParallelPeriod(Evaluator e, MdxContext c, FunctionCallSite f)
    {
        var time = e.Catalog.DefaultHierarchy("Time");
        var member = f.Has(2) ? e.AsMember(e.Evaluate(f[2], c), f[2]) : f.Has(0) ? c[e.AsLevel(e.Evaluate(f[0], c), f[0]).Hierarchy] : c[time ?? throw e.Error(f.At, MdxErrorCodes.NoTimeDimension, "ParallelPeriod needs a member: the cube has no Time dimension.")];
        var level = f.Has(0) ? e.AsLevel(e.Evaluate(f[0], c), f[0]) : member.Parent?.Level;
        var lag = f.Has(1) ? e.AsInt(f[1], c) : 1;
        if (level is null || level.Depth < 0 || level.Depth > member.Depth) return null;
        var ancestor = Navigation.AncestorAt(member, level.Depth);
        var shifted = ancestor is null ? null : Navigation.Lead(ancestor, -lag);
        if (shifted is null) return null;
        var path = new List<int>();
        for (var m = member; m.Depth > level.Depth; m = m.Parent!) path.Add(Navigation.IndexOf(Navigation.Children(m.Parent!), m));
        path.Reverse();
        var current = shifted;
        foreach (var index in path)
        {
            var children = Navigation.Children(current);
            if (index >= children.Count) return null;
            current = children[index];
        }
        return current;
    }

    private static object? Period(Evaluator e, MdxContext c, FunctionCallSite f, bool opening)
    {
        var time = e.Catalog.DefaultHierarchy("Time");
        var level = f.Has(0) ? e.AsLevel(e.Evaluate(f[0], c), f[0]) : null;
        var member = f.Has(1) ? e.AsMember(e.Evaluate(f[1], c), f[1]) : level is not null ? c[level.Hierarchy] : c[time ?? throw e.Error(f.At, MdxErrorCodes.NoTimeDimension, $"{f.Name} needs a member.")];
        var depth = level?.Depth ?? member.Depth + 1;
        var descendants = Navigation.DescendantsAt(member, depth).ToList();
        return descendants.Count == 0 ? null : opening ? descendants[0] : descendants[^1];
    }

    /// <summary>set.Item(n) → a tuple; tuple.Item(n) → a member; set.Item("name"…) → the tuple with those member names.</summary>
    private static object? Item(Evaluator e, MdxContext c, FunctionCallSite f)
    {
        var target = e.Evaluate(f[0], c);
        if (target is MdxMember[] tuple || (target is MdxMember single && (tuple = [single]) is not null))
        {
            var i = e.AsInt(f[1], c);
            return i >= 0 && i < tuple.Length ? tuple[i] : null;
        }
        var set = e.AsSet(target, f[0]);
        var first = e.EvaluateScalar(f[1], c);
        if (first is string)
        {
            var names = f.Arguments.Skip(1).Select(a => Evaluator.Text(e.EvaluateScalar(a, c))).ToArray();
            var match = set.Tuples.FirstOrDefault(t => t.Length == names.Length && t.Select((m, k) => string.Equals(m.Name, names[k], StringComparison.OrdinalIgnoreCase) || string.Equals(m.UniqueName, names[k], StringComparison.OrdinalIgnoreCase)).All(x => x));
            return Unwrap(match);
        }
        var index = (int)e.AsNumber(first, f[1]);
        return index >= 0 && index < set.Count ? Unwrap(set.Tuples[index]) : null;
    }

    private static object? Unwrap(MdxMember[]? tuple) => tuple is [var only] ? only : tuple;
}
