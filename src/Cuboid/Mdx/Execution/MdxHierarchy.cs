using Cuboid.Aggregation;
using System.Globalization;
using Cuboid.Model;

namespace Cuboid.Mdx.Execution;

/// <summary>A level as MDX sees it: the (All) level, a level of a hierarchy, or the measures level.</summary>
internal sealed class MdxLevel(MdxHierarchy hierarchy, string name, int depth)
{
    public MdxHierarchy Hierarchy { get; } = hierarchy;
    public string Name { get; } = name;

    /// <summary>The model depth (-1 for the All level).</summary>
    public int Depth { get; } = depth;

    public string UniqueName => $"{Hierarchy.UniqueName}.{MdxMember.Quote(Name)}";

    /// <summary>Ordinal of the level in MDX terms (the All level is 0 when it exists).</summary>
    public int Ordinal => Hierarchy.HasAll ? Depth + 1 : Math.Max(0, Depth);

    public IReadOnlyList<MdxMember> Members => Depth < 0 ? [Hierarchy.AllMember!] : Hierarchy.MembersAt(Depth);

    public override string ToString() => UniqueName;
}

/// <summary>
/// A hierarchy as MDX sees it, with member navigation: members by level in hierarchical order
/// (member ranks), children, lookup by name. Built from a cube snapshot for one query; the
/// measures are a hierarchy of their own.
/// </summary>
internal sealed class MdxHierarchy
{
    private readonly MdxMember?[][] _members = [];
    private readonly List<MdxMember>?[] _ordered = [];
    private readonly Dictionary<(int Depth, int Parent), List<MdxMember>> _children = [];
    private readonly CubeSnapshot? _snapshot;
    private readonly MemberNames?[] _names = [];
    private readonly VisibleMembers? _visible;

    /// <summary>A hierarchy of the cube; with <paramref name="visible"/>, its levels list only the members a restricted user may see.</summary>
    public MdxHierarchy(int ordinal, Hierarchy model, HierarchyIndex index, CubeSnapshot snapshot, VisibleMembers? visible = null)
    {
        _visible = visible;
        Ordinal = ordinal;
        Model = model;
        Index = index;
        _snapshot = snapshot;
        Dimension = model.Dimension;
        Name = model.Name;
        HasAll = !model.Slicing;
        UniqueName = Dimension == Name ? MdxMember.Quote(Dimension) : $"{MdxMember.Quote(Dimension)}.{MdxMember.Quote(Name)}";
        var depth = model.Levels.Count;
        _members = new MdxMember?[depth][];
        _ordered = new List<MdxMember>?[depth];
        _names = new MemberNames?[depth];
        Levels = [.. (HasAll ? [new MdxLevel(this, "(All)", -1)] : Array.Empty<MdxLevel>()), .. model.Levels.Select((l, d) => new MdxLevel(this, l.Name, d))];
        AllMember = HasAll ? MdxMember.All(this, model.AllMemberName) : null;
    }

    /// <summary>The measures.</summary>
    public MdxHierarchy(int ordinal, IReadOnlyList<Measure> measures)
    {
        Ordinal = ordinal;
        Dimension = Name = "Measures";
        UniqueName = "[Measures]";
        Levels = [new MdxLevel(this, "MeasuresLevel", 0)];
        MeasureMembers = [.. measures.Select((m, i) => MdxMember.OfMeasure(this, i, m))];
    }

    /// <summary>Position of the hierarchy in the catalog (and in evaluation contexts).</summary>
    public int Ordinal { get; }

    public Hierarchy? Model { get; }
    public HierarchyIndex? Index { get; }
    public string Dimension { get; }
    public string Name { get; }
    public string UniqueName { get; }
    public bool HasAll { get; }
    public bool IsMeasures => Model is null;

    /// <summary>Hidden from the query's user: in every cell's coordinates at its default member, but not to be named.</summary>
    public bool Hidden { get; init; }
    public IReadOnlyList<MdxLevel> Levels { get; }
    public MdxMember? AllMember { get; }
    public IReadOnlyList<MdxMember> MeasureMembers { get; } = [];
    public List<MdxMember> CalculatedMembers { get; } = [];

    public MdxLevel? AllLevel => HasAll ? Levels[0] : null;

    /// <summary>The level at model depth <paramref name="depth"/>.</summary>
    public MdxLevel LevelAt(int depth) => Levels[HasAll ? depth + 1 : depth];

    /// <summary>All, or the first member of the top level for a hierarchy without All; the first measure for the measures.</summary>
    public MdxMember? DefaultMember => IsMeasures ? (MeasureMembers.Count > 0 ? MeasureMembers[0] : null) : DefaultOverride ?? AllMember ?? (MembersAt(0) is { Count: > 0 } top ? top[0] : null);

    /// <summary>A default member other than the usual one (the Epoch hierarchy's: the query's scenario).</summary>
    public MdxMember? DefaultOverride { get; set; }

    /// <summary>The members of a model depth in hierarchical order.</summary>
    public List<MdxMember> MembersAt(int depth)
    {
        if (IsMeasures) return [.. MeasureMembers];
        if (_ordered[depth] is { } known) return known;
        var ranks = MemberOrder.Ranks(Index!, _snapshot!, depth);
        var codes = new int[ranks.Length];
        for (var code = 0; code < ranks.Length; code++) codes[ranks[code]] = code;
        var visible = _visible?.At(Index!, depth);
        var members = codes.Where(c => visible is null || IsVisible(visible, c)).Select(c => Member(depth, c)).ToList();
        return _ordered[depth] = members;
    }

    private static bool IsVisible(bool[] visible, int code) => code < visible.Length && visible[code];

    /// <summary>A regular member's position in hierarchy order among the members of its depth (parents' order first).</summary>
    public int RankOf(MdxMember member) => MemberOrder.Ranks(Index!, _snapshot!, member.Depth)[member.Code];

    /// <summary>Every member in pre-order (All, then each member followed by its descendants), as .Members/AllMembers list them.</summary>
    public List<MdxMember> AllMembersInOrder()
    {
        if (IsMeasures) return [.. MeasureMembers];
        var result = new List<MdxMember>();
        if (AllMember is not null) result.Add(AllMember);
        foreach (var top in MembersAt(0)) AddDescendants(top, result);
        return result;
    }

    private void AddDescendants(MdxMember member, List<MdxMember> result)
    {
        result.Add(member);
        foreach (var child in Children(member)) AddDescendants(child, result);
    }

    public IReadOnlyList<MdxMember> Children(MdxMember member)
    {
        if (IsMeasures || member.Kind is MemberKind.Calculated or MemberKind.Measure) return [];
        if (member.IsAll) return MembersAt(0);
        var depth = member.Depth + 1;
        if (depth >= Model!.Levels.Count) return [];
        if (_children.Count == 0 || !_children.ContainsKey((depth, -2))) IndexChildren(depth);
        return _children.TryGetValue((depth, member.Code), out var list) ? list : [];
    }

    private void IndexChildren(int depth)
    {
        // Built aside and published whole: a catalog outlives its query (see MdxCatalogPool), so a
        // query stopped half way must not leave a depth half indexed.
        var byParent = new Dictionary<int, List<MdxMember>>();
        foreach (var member in MembersAt(depth))
        {
            var parent = Index!.Members.Parent(depth, member.Code);
            if (!byParent.TryGetValue(parent, out var list)) byParent[parent] = list = [];
            list.Add(member);
        }
        foreach (var (parent, list) in byParent) _children[(depth, parent)] = list;
        _children[(depth, -2)] = [];   // marks the depth as indexed
    }

    /// <summary>The canonical member object for a code.</summary>
    public MdxMember Member(int depth, int code)
    {
        var row = _members[depth];
        if (row is null || code >= row.Length)
        {
            var grown = new MdxMember?[Index!.Members.Count(depth)];
            if (row is not null) Array.Copy(row, grown, row.Length);
            _members[depth] = row = grown;
        }
        if (row[code] is { } known) return known;
        var names = Names(depth);
        var parent = depth == 0 ? AllMember : Member(depth - 1, Index!.Members.Parent(depth, code));
        return row[code] = MdxMember.Regular(this, depth, code, names.Names[code], names.Captions[code], names.Keys[code], parent);
    }

    /// <summary>
    /// The level's names, for all its members: the members scenarios share grow when a query reads another
    /// scenario's data (a pooled catalog outlives its query), and names and ranks must cover the same members.
    /// </summary>
    private MemberNames Names(int depth)
    {
        if (_names[depth] is not { } names || names.Count != Index!.Members.Count(depth)) _names[depth] = names = MemberNames.Of(Index!, _snapshot!, depth);
        return names;
    }

    private readonly Dictionary<(int Depth, string Property), object?[]> _properties = [];

    /// <summary>A member property (a column of the level's table, see <see cref="Level.Properties"/>) of a regular member, or null when the level has no such property.</summary>
    public bool TryGetProperty(MdxMember member, string name, out object? value)
    {
        value = null;
        if (member.Kind != MemberKind.Regular) return false;
        var level = Model!.Levels[member.Depth];
        if (!level.Properties.TryGetValue(name, out var column)) return false;
        if (!_properties.TryGetValue((member.Depth, name), out var values))
        {
            if (column.Table != level.Column.Table)
            {
                throw new InvalidOperationException($"Property '{name}' of level {level.UniqueName} reads table '{column.Table.Name}'; it must come from the level's table '{level.Column.Table.Name}'.");
            }
            _properties[(member.Depth, name)] = values = MemberCaptions.Of(Index!, _snapshot!, member.Depth, column);
        }
        value = values[member.Code] switch
        {
            int i => (double)i,
            long l => (double)l,
            float f => (double)f,
            var other => other,
        };
        return true;
    }

    /// <summary>A child of <paramref name="parent"/> (All for the top level) by name, or by key when <paramref name="byKey"/>.</summary>
    public MdxMember? FindChild(MdxMember? parent, string name, bool byKey)
    {
        // The All member answers to its own name and, always, to Atoti's [AllMember].
        if (parent is null && AllMember is not null && !byKey
            && (string.Equals(AllMember.Name, name, StringComparison.OrdinalIgnoreCase) || string.Equals(name, "AllMember", StringComparison.OrdinalIgnoreCase))) return AllMember;
        var calculated = CalculatedMembers.FirstOrDefault(c => (ReferenceEquals(c.Parent, parent) || (parent is null && c.Parent is { IsAll: true })) && string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
        if (calculated is not null && !byKey) return calculated;
        var depth = parent is null || parent.IsAll ? 0 : parent.Depth + 1;
        if ((parent is null || parent.Kind is MemberKind.All or MemberKind.Regular) && depth < Model!.Levels.Count
            && (!byKey || Model.Levels[depth].CaptionColumn is null) && Lookup(depth, parent, name) is (true, var indexed))
        {
            return indexed;   // the name index decided (a key's text is its name when the level has no captions)
        }
        IReadOnlyList<MdxMember> candidates = parent is null ? MembersAt(0) : Children(parent);
        MdxMember? loose = null;
        foreach (var member in candidates)
        {
            var text = byKey ? Text(member.Key) : member.Name;
            if (string.Equals(text, name, StringComparison.Ordinal)) return member;
            if (loose is null && string.Equals(text, name, StringComparison.OrdinalIgnoreCase)) loose = member;
        }
        return loose;
    }

    /// <summary>
    /// The child of <paramref name="parent"/> named <paramref name="name"/>, from the level's name
    /// index: the first member with that exact name, else the first ignoring case, in hierarchical
    /// order. Undecided when that member has another parent (names may repeat under different
    /// parents): the caller then scans the parent's children.
    /// </summary>
    private (bool Decided, MdxMember? Member) Lookup(int depth, MdxMember? parent, string name)
    {
        var names = Names(depth);
        var ranks = MemberOrder.Ranks(Index!, _snapshot!, depth);
        foreach (var ignoreCase in (ReadOnlySpan<bool>)[false, true])
        {
            var code = names.Find(name, ignoreCase, ranks);
            if (code < 0) continue;
            if (_visible is not null && !IsVisible(_visible.At(Index!, depth), code)) return (false, null);   // another of that name may be visible
            var sameParent = depth == 0 || Index!.Members.Parent(depth, code) == parent!.Code;
            return sameParent ? (true, Member(depth, code)) : (false, null);
        }
        return (true, null);
    }

    /// <summary>A member's name as MDX prints it: numbers without a trailing ".0", null as #null.</summary>
    public static string Text(object? value) => value switch
    {
        null => "#null",
        double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => ((long)d).ToString(CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime time => time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    public override string ToString() => UniqueName;
}
