using Cuboid.Mdx.Binding;
using Cuboid.Mdx.Execution;
using Cuboid.Mdx.Syntax;

namespace Cuboid.Mdx.Functions;

/// <summary>Functions that make sets: members, children, descendants, set algebra, head/tail, ordering and filters.</summary>
internal static partial class SetFunctions
{
    public static void Register()
    {
        FunctionTable.Add("Members", Members, property: true);
        FunctionTable.Add("AllMembers", (e, c, f) => Members(e, c, f), property: true);
        FunctionTable.Add("Children", (e, c, f) => e.Evaluate(f[0], c) is { } m ? MdxSet.Of(Navigation.Children(e.MemberOf(m, f.At, c))) : MdxSet.Empty, property: true);
        FunctionTable.Add("Siblings", Siblings, property: true);
        FunctionTable.Add("Descendants", Descendants);
        FunctionTable.Add("CrossJoin", (e, c, f) => CrossJoinAll(e, c, f));
        FunctionTable.Add("NonEmptyCrossJoin", (e, c, f) => NonEmpty(e, c, CrossJoinAll(e, c, f)));
        FunctionTable.Add("Union", (e, c, f) => Union(e, f.At, Set(e, c, f[0]), Set(e, c, f[1]), f.Count > 2 && IsSymbol(f[2], "ALL")));
        FunctionTable.Add("Intersect", (e, c, f) => Intersect(Set(e, c, f[0]), Set(e, c, f[1]), f.Count > 2 && IsSymbol(f[2], "ALL")));
        FunctionTable.Add("Except", (e, c, f) => Except(Set(e, c, f[0]), Set(e, c, f[1])));
        FunctionTable.Add("Distinct", (e, c, f) => Distinct(Set(e, c, f[0])));
        FunctionTable.Add("Hierarchize", (e, c, f) => Hierarchize(Set(e, c, f[0]), f.Count > 1 && IsSymbol(f[1], "POST")));
        FunctionTable.Add("Head", (e, c, f) => Take(Set(e, c, f[0]), 0, f.Has(1) ? e.AsInt(f[1], c) : 1));
        FunctionTable.Add("Tail", (e, c, f) =>
        {
            var set = Set(e, c, f[0]);
            var n = Math.Clamp(f.Has(1) ? e.AsInt(f[1], c) : 1, 0, set.Count);
            return Take(set, set.Count - n, n);
        });
        FunctionTable.Add("Subset", (e, c, f) => e.AsInt(f[1], c) is var start && start < 0 ? MdxSet.Empty : Take(Set(e, c, f[0]), start, f.Has(2) ? e.AsInt(f[2], c) : int.MaxValue));
        FunctionTable.Add("Generate", Generate);
        FunctionTable.Add("Filter", Filter);
        FunctionTable.Add("NonEmpty", (e, c, f) => NonEmpty(e, f.Has(1) ? c.With(Set(e, c, f[1]).Tuples.FirstOrDefault() ?? []) : c, Set(e, c, f[0])));
        FunctionTable.Add("Extract", Extract);
        FunctionTable.Add("Order", Order);
        FunctionTable.Add("TopCount", (e, c, f) => TopCount(e, c, f, top: true));
        FunctionTable.Add("BottomCount", (e, c, f) => TopCount(e, c, f, top: false));
        FunctionTable.Add("TopPercent", (e, c, f) => TopBy(e, c, f, top: true, percent: true));
        FunctionTable.Add("BottomPercent", (e, c, f) => TopBy(e, c, f, top: false, percent: true));
        FunctionTable.Add("TopSum", (e, c, f) => TopBy(e, c, f, top: true, percent: false));
        FunctionTable.Add("BottomSum", (e, c, f) => TopBy(e, c, f, top: false, percent: false));
        FunctionTable.Add("DrilldownLevel", DrilldownLevel);
        FunctionTable.Add("DrilldownMember", DrilldownMember);
        FunctionTable.Add("ToggleDrillState", ToggleDrillState);
        FunctionTable.Add("DrilldownLevelTop", (e, c, f) => DrilldownLevelBest(e, c, f, top: true));
        FunctionTable.Add("DrilldownLevelBottom", (e, c, f) => DrilldownLevelBest(e, c, f, top: false));
        FunctionTable.Add("Ascendants", (e, c, f) => e.Evaluate(f[0], c) is { } m ? MdxSet.Of(Navigation.AncestorsAndSelf(e.MemberOf(m, f[0], c)).AsEnumerable().Reverse()) : MdxSet.Empty);
        FunctionTable.Add("Unorder", (e, c, f) => Set(e, c, f[0]));
        FunctionTable.Add("Exists", Exists);
        RegisterPeriods();
        RegisterCalculated();
    }

    /// <summary>
    /// Exists(set, filter): the tuples of the set whose members, on every hierarchy the filter's tuples
    /// also have, are related (the same, an ancestor or a descendant) to some filter tuple's — Mondrian's
    /// two-argument form, which reads no facts.
    /// </summary>
    private static object? Exists(Evaluator e, MdxContext c, FunctionCallSite f)
    {
        var set = Set(e, c, f[0]);
        var filter = Set(e, c, f[1]);
        if (set.Count == 0) return set;
        static bool Related(MdxMember a, MdxMember b) => Navigation.IsAncestorOrSelf(a, b) || Navigation.IsAncestorOrSelf(b, a);
        bool Matches(MdxMember[] tuple, MdxMember[] other) =>
            tuple.All(m => other.FirstOrDefault(o => o.Hierarchy == m.Hierarchy) is not { } o || Related(m, o));
        return new MdxSet([.. set.Tuples.Where(t => filter.Tuples.Any(other => Matches(t, other)))]);
    }

    internal static MdxSet Set(Evaluator e, MdxContext c, Calc expression) => e.AsSet(e.Evaluate(expression, c), expression);

    internal static bool IsSymbol(Calc expression, string name) =>
        expression.Syntax is IdentifierNode { Segments: [{ IsQuoted: false } s] } && string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase);

    private static object? Members(Evaluator e, MdxContext c, FunctionCallSite f)
    {
        var target = e.Evaluate(f[0], c);
        return target switch
        {
            MdxLevel level => MdxSet.Of(level.Members),
            MdxHierarchy { IsMeasures: true } h => MdxSet.Of(string.Equals(f.Name, "AllMembers", StringComparison.OrdinalIgnoreCase) ? [.. h.MeasureMembers, .. h.CalculatedMembers] : h.MeasureMembers),
            MdxHierarchy h => MdxSet.Of(h.AllMembersInOrder()),
            MdxDimension d => MdxSet.Of(e.Catalog.DefaultHierarchy(d.Name)!.AllMembersInOrder()),
            _ => throw e.Error(f.At, MdxErrorCodes.MembersOfWhat, $"Members applies to a level, hierarchy or dimension; found {Evaluator.Describe(target)}."),
        };
    }

    private static object? Siblings(Evaluator e, MdxContext c, FunctionCallSite f)
    {
        if (e.Evaluate(f[0], c) is not { } value) return MdxSet.Empty;
        var member = e.MemberOf(value, f.At, c);
        if (member.Parent is { } parent) return MdxSet.Of(Navigation.Children(parent));
        return MdxSet.Of(member.IsAll ? [member] : member.Hierarchy.MembersAt(member.Depth));
    }

    private static MdxSet CrossJoinAll(Evaluator e, MdxContext c, FunctionCallSite f)
        => f.Arguments.Select(a => Set(e, c, a)).Aggregate((l, r) => CrossJoin(e, f.At, l, r));

    /// <summary>Every left tuple with every right one: its size is checked before anything is built, the time limit as it is built.</summary>
    public static MdxSet CrossJoin(Evaluator e, ILocated at, MdxSet left, MdxSet right)
    {
        e.CheckSetSize((double)left.Count * right.Count, at);
        if (left.Count > 0 && right.Count > 0 && left.Tuples[0].FirstOrDefault(l => right.Tuples[0].Any(r => r.Hierarchy == l.Hierarchy)) is { } twice)
        {
            throw e.Error(at, MdxErrorCodes.HierarchyTwiceInTuple, $"A crossjoin's tuples would have more than one member of hierarchy {twice.Hierarchy.UniqueName}.");
        }
        var tuples = new List<MdxMember[]>(Math.Min(left.Count * right.Count, 1 << 20));   // grows past that: a cancelled crossjoin has not reserved it all
        foreach (var l in left.Tuples)
        {
            if ((tuples.Count & ~0xFFFF) != ((tuples.Count + right.Count) & ~0xFFFF)) e.CheckTime();   // every 65,536 tuples
            foreach (var r in right.Tuples) tuples.Add([.. l, .. r]);
        }
        return new MdxSet(tuples);
    }

    public static MdxSet Union(Evaluator e, ILocated at, MdxSet left, MdxSet right, bool all)
    {
        e.CheckSetSize((double)left.Count + right.Count, at);
        return all ? new MdxSet([.. left.Tuples, .. right.Tuples]) : Distinct(new MdxSet([.. left.Tuples, .. right.Tuples]));
    }

    public static MdxSet Intersect(MdxSet left, MdxSet right, bool all)
    {
        var keep = new HashSet<MdxMember[]>(right.Tuples, TupleComparer.Instance);
        var result = left.Tuples.Where(keep.Contains);
        return all ? new MdxSet([.. result]) : Distinct(new MdxSet([.. result]));
    }

    public static MdxSet Except(MdxSet left, MdxSet right)
    {
        var drop = new HashSet<MdxMember[]>(right.Tuples, TupleComparer.Instance);
        return Distinct(new MdxSet([.. left.Tuples.Where(t => !drop.Contains(t))]));
    }

    public static MdxSet Distinct(MdxSet set)
    {
        var seen = new HashSet<MdxMember[]>(TupleComparer.Instance);
        return new MdxSet([.. set.Tuples.Where(seen.Add)]);
    }

    private static MdxSet Take(MdxSet set, int start, int count)
    {
        start = Math.Max(0, start);
        count = (int)Math.Clamp((long)count, 0, Math.Max(0, set.Count - start));
        return new MdxSet(set.Tuples.GetRange(Math.Min(start, set.Count), count));
    }

    /// <summary>Members in hierarchy order (parents before children; POST: after).</summary>
    public static MdxSet Hierarchize(MdxSet set, bool post)
    {
        var keys = set.Tuples.Select(t => t.Select(m => Navigation.PathKey(m, post)).ToArray()).ToList();
        var order = Enumerable.Range(0, set.Count).ToList();
        order.Sort((a, b) =>
        {
            for (var i = 0; i < keys[a].Length; i++)
            {
                var compare = Navigation.ComparePaths(keys[a][i], keys[b][i], post);
                if (compare != 0) return compare;
            }
            return a.CompareTo(b);
        });
        return new MdxSet([.. order.Select(i => set.Tuples[i])]);
    }

    private static object? Generate(Evaluator e, MdxContext c, FunctionCallSite f)
    {
        var (source, alias) = AliasedSet(e, c, f[0], f[1]);
        var all = f.Count > 2 && IsSymbol(f[2], "ALL");
        var result = new List<MdxMember[]>();
        var strings = new List<string>();
        for (var i = 0; i < source.Count; i++)
        {
            var value = e.Evaluate(f[1], Iteration(c, source, i, alias));
            if (value is string or double or bool)
            {
                strings.Add(Evaluator.Text(value));
                continue;
            }
            result.AddRange(e.AsSet(value, f[1]).Tuples);
            e.CheckSetSize(result.Count, f.At);
        }
        if (strings.Count > 0) return string.Join(f.Count > 2 && !all ? Evaluator.Text(e.EvaluateScalar(f[2], c)) : "", strings);
        return all ? new MdxSet(result) : Distinct(new MdxSet(result));
    }

    private static object? Filter(Evaluator e, MdxContext c, FunctionCallSite f)
    {
        var (set, alias) = AliasedSet(e, c, f[0], f[1]);
        var result = new List<MdxMember[]>();
        // [Measures].[X] > 1000 and its kin: the measure's cells are read for the whole set, no context per tuple.
        if (alias is null && f[1] is BinaryCalc b && Evaluator.IsComparison(b.Operator)
            && e.BulkValues(set, b.Left, c) is { } left && e.BulkValues(set, b.Right, c) is { } right)
        {
            for (var i = 0; i < set.Count; i++)
            {
                if (Evaluator.Compares(b.Operator, left(i), right(i))) result.Add(set.Tuples[i]);
            }
            return new MdxSet(result);
        }
        for (var i = 0; i < set.Count; i++)
        {
            if (Evaluator.AsBoolean(e.EvaluateScalar(f[1], Iteration(c, set, i, alias)))) result.Add(set.Tuples[i]);
        }
        return new MdxSet(result);
    }

    /// <summary>
    /// The set a function iterates over and the name its tuple at hand goes by in <paramref name="bodies"/>:
    /// the alias of <c>set AS s</c>, or a named set's own name when a body names it (<c>[S].Current</c>).
    /// </summary>
    internal static (MdxSet Set, string? Alias) AliasedSet(Evaluator e, MdxContext c, Calc expression, params Calc?[] bodies)
    {
        if (expression is AliasCalc a) return (Set(e, c, a.Inner), a.Alias);
        var set = Set(e, c, expression);
        if (expression.Syntax is IdentifierNode { Segments: [{ IsKey: false } named] } && e.IsNamedSet(named.Name)
            && bodies.Any(b => b is not null && b.Syntax.Identifiers().Any(id => string.Equals(id.Segments[0].Name, named.Name, StringComparison.OrdinalIgnoreCase))))
        {
            return (set, named.Name);
        }
        return (set, null);
    }

    /// <summary>The context of the <paramref name="index"/>th tuple of an iteration, with its alias bound when it has one.</summary>
    internal static MdxContext Iteration(MdxContext c, MdxSet set, int index, string? alias, MdxMember[]? tuple = null)
    {
        tuple ??= set.Tuples[index];
        return alias is null ? c.With(tuple) : c.With(tuple).WithAlias(alias, new MdxIteration(set, index, tuple));
    }

    /// <summary>Tuples whose cell (in the context) is not empty.</summary>
    internal static MdxSet NonEmpty(Evaluator e, MdxContext c, MdxSet set) =>
        new([.. set.Tuples.Where(t => e.CellValue(c.With(t)) is not null)]);

    private static object? Extract(Evaluator e, MdxContext c, FunctionCallSite f)
    {
        var set = Set(e, c, f[0]);
        var hierarchies = f.Arguments.Skip(1).Select(a => (Hierarchy: e.AsHierarchy(e.Evaluate(a, c), a), At: a)).ToList();
        if (set.Count > 0)
        {
            foreach (var (hierarchy, at) in hierarchies.Where(h => !set.Tuples[0].Any(m => m.Hierarchy == h.Hierarchy)))
            {
                throw e.Error(at, MdxErrorCodes.ExtractHierarchy, $"Extract takes hierarchies of the set's tuples; {hierarchy.UniqueName} is not one (they have {string.Join(", ", set.Tuples[0].Select(m => m.Hierarchy.UniqueName))}).");
            }
        }
        return Distinct(new MdxSet([.. set.Tuples.Select(t => hierarchies.Select(h => t.First(m => m.Hierarchy == h.Hierarchy)).ToArray())]));
    }
}

/// <summary>Tuples compare member by member, by reference (members are canonical).</summary>
internal sealed class TupleComparer : IEqualityComparer<MdxMember[]>
{
    public static readonly TupleComparer Instance = new();

    public bool Equals(MdxMember[]? x, MdxMember[]? y) =>
        x is not null && y is not null && x.Length == y.Length && x.AsSpan().SequenceEqual(y, ReferenceEqualityComparer.Instance);

    public int GetHashCode(MdxMember[] obj)
    {
        var hash = new HashCode();
        foreach (var m in obj) hash.Add(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(m));
        return hash.ToHashCode();
    }
}
