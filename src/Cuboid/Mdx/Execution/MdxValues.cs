namespace Cuboid.Mdx.Execution;

/// <summary>
/// A set of tuples (all tuples of one set have the same hierarchies, in the same order). Values
/// MDX expressions produce are: a set, a tuple (<c>MdxMember[]</c>), a member, a level, a
/// hierarchy, a dimension, a number (double), a string, a boolean, or null (empty).
/// </summary>
internal sealed class MdxSet(List<MdxMember[]> tuples)
{
    public static MdxSet Empty => new([]);

    public List<MdxMember[]> Tuples { get; } = tuples;

    public int Count => Tuples.Count;

    public static MdxSet Of(IEnumerable<MdxMember> members) => new([.. members.Select(m => new[] { m })]);
}

/// <summary>A dimension by name (the value of <c>[Time]</c> used as a dimension, or of <c>.Dimension</c>).</summary>
internal sealed record MdxDimension(string Name)
{
    public string UniqueName => MdxMember.Quote(Name);
}

/// <summary>
/// A set while a function iterates over it (<c>Filter(set AS s, …)</c>, or a named set <c>[S]</c>): the set, the
/// tuple at hand and its position (-1 where the tuple is a prefix, in Order's hierarchical keys). As a set it
/// is the whole set; as a member, tuple or value it is the tuple at hand; <c>.Current</c> and
/// <c>.CurrentOrdinal</c> name them.
/// </summary>
internal sealed record MdxIteration(MdxSet Set, int Index, MdxMember[] Tuple);

/// <summary>A bare keyword argument such as DESC or SELF_AND_AFTER.</summary>
internal sealed record MdxSymbol(string Name);

/// <summary>An MDX error found while binding or evaluating; carries its diagnostic.</summary>
internal sealed class MdxEvaluationException(MdxDiagnostic diagnostic) : Exception(diagnostic.Message)
{
    public MdxDiagnostic Diagnostic { get; } = diagnostic;

    /// <summary>An error at <paramref name="at"/>'s span in <paramref name="source"/>.</summary>
    public static MdxEvaluationException At(Syntax.SourceText source, Syntax.ILocated at, string code, string message)
    {
        var (line, column) = source.GetLineColumn(at.Span.Start);
        return new MdxEvaluationException(new MdxDiagnostic(code, message, line, column, at.Span.Start, at.Span.Length));
    }
}

/// <summary>
/// The current member of every hierarchy (by catalog ordinal) while evaluating, plus aliases
/// bound by <c>AS</c>. Immutable: setting members makes a copy, so a context can be captured.
/// </summary>
internal sealed class MdxContext
{
    private readonly MdxMember[] _members;

    public MdxContext(MdxMember[] members, IReadOnlyDictionary<string, object?>? aliases = null, int depth = 0, IReadOnlySet<MdxMember>? expanding = null, Expansion? chain = null)
    {
        _members = members;
        Aliases = aliases ?? new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        Depth = depth;
        Expanding = expanding ?? new HashSet<MdxMember>();
        Chain = chain;
    }

    /// <summary>The calculated members being evaluated, innermost first (to name a cycle that does not end).</summary>
    public Expansion? Chain { get; }

    public MdxMember this[int ordinal] => _members[ordinal];
    public MdxMember this[MdxHierarchy hierarchy] => _members[hierarchy.Ordinal];
    public int Count => _members.Length;
    public IReadOnlyDictionary<string, object?> Aliases { get; }

    /// <summary>How deep calculated members are nested (a guard against infinite recursion).</summary>
    public int Depth { get; }

    /// <summary>Calculated members whose formula is being evaluated: they count as their hierarchy's default meanwhile.</summary>
    public IReadOnlySet<MdxMember> Expanding { get; }

    /// <summary>
    /// The hierarchy's current member as a formula sees it: a calculated member whose formula is being
    /// evaluated is, meanwhile, its hierarchy's default (Mondrian: inside <c>[Product].[X]</c>,
    /// <c>[Product].Children</c> are All Products' children).
    /// </summary>
    public MdxMember Current(MdxHierarchy hierarchy)
    {
        var member = _members[hierarchy.Ordinal];
        return Expanding.Count > 0 && Expanding.Contains(member) ? hierarchy.DefaultMember ?? member : member;
    }

    /// <summary>
    /// The context with <paramref name="member"/> in its hierarchy. A calculated member being evaluated
    /// that a formula names again (<c>([Measures].[Cum], [Time].PrevMember)</c>) is evaluated again: recursion,
    /// which ends when the formula stops naming it — or fails at the depth limit, naming the cycle.
    /// </summary>
    public MdxContext With(MdxMember member)
    {
        var again = Expanding.Count > 0 && Expanding.Contains(member);
        if (ReferenceEquals(_members[member.Hierarchy.Ordinal], member) && !again) return this;
        var copy = (MdxMember[])_members.Clone();
        copy[member.Hierarchy.Ordinal] = member;
        return new MdxContext(copy, Aliases, Depth, again ? Without(member) : Expanding, Chain);
    }

    public MdxContext With(IEnumerable<MdxMember> members)
    {
        var copy = (MdxMember[])_members.Clone();
        var expanding = Expanding;
        foreach (var m in members)
        {
            copy[m.Hierarchy.Ordinal] = m;
            if (expanding.Count > 0 && expanding.Contains(m)) expanding = new HashSet<MdxMember>(expanding.Where(e => e != m));
        }
        return new MdxContext(copy, Aliases, Depth, expanding, Chain);
    }

    private HashSet<MdxMember> Without(MdxMember member) => [.. Expanding.Where(e => e != member)];

    public MdxContext WithAlias(string name, object? value)
    {
        var aliases = new Dictionary<string, object?>(Aliases, StringComparer.OrdinalIgnoreCase) { [name] = value };
        return new MdxContext(_members, aliases, Depth, Expanding, Chain);
    }

    public MdxContext Expand(MdxMember calculated) =>
        new(_members, Aliases, Depth + 1, new HashSet<MdxMember>(Expanding) { calculated }, new Expansion(calculated, Chain));

    public MdxMember[] Members => _members;
}

/// <summary>One calculated member being evaluated, and the one whose formula asked for it.</summary>
internal sealed record Expansion(MdxMember Member, Expansion? Outer)
{
    /// <summary>
    /// The cycle the innermost member closes (<c>[A] → [B] → [A]</c>), starting from the member the chain
    /// started with when it is on the cycle; the innermost member alone when it closes none.
    /// </summary>
    public IReadOnlyList<MdxMember> Cycle()
    {
        var chain = new List<MdxMember>();   // innermost first
        for (var expansion = this; expansion is not null; expansion = expansion.Outer) chain.Add(expansion.Member);
        var repeat = chain.IndexOf(Member, 1);
        if (repeat < 0) return [Member];
        var cycle = chain[..repeat];
        cycle.Reverse();   // in the order they asked for each other
        var start = Math.Max(0, cycle.IndexOf(chain[^1]));
        return [.. cycle.Skip(start), .. cycle.Take(start), cycle[start]];
    }
}
