using Cuboid.Mdx.Syntax;

namespace Cuboid.Mdx.Execution;

internal enum MemberKind
{
    All,
    Regular,
    Measure,
    Calculated,
}

/// <summary>
/// A member as MDX sees it: the All member, a member of a level (hierarchy index, depth, code),
/// a measure, or a calculated member of a WITH clause. Regular members are canonical per
/// hierarchy (one object per code), so sets compare members by reference.
/// </summary>
internal sealed class MdxMember
{
    private MdxMember(MdxHierarchy hierarchy, MemberKind kind, int depth, int code, string name, string caption)
    {
        Hierarchy = hierarchy;
        Kind = kind;
        Depth = depth;
        Code = code;
        Name = name;
        Caption = caption;
    }

    public MdxHierarchy Hierarchy { get; }
    public MemberKind Kind { get; }

    /// <summary>The model depth: -1 for the All member, 0 for the top level.</summary>
    public int Depth { get; }

    /// <summary>The member code at its depth, or the measure's index.</summary>
    public int Code { get; }

    public string Name { get; }
    public string Caption { get; }

    /// <summary>The member's key as its level's values show it (null for All, measures, calculated members).</summary>
    public object? Key { get; private init; }

    public Measure? Measure { get; private init; }
    public CalculatedMember? Calculated { get; private init; }

    /// <summary>The parent (null for the All member, top-level members of a hierarchy without All, measures).</summary>
    public MdxMember? Parent { get; private init; }

    /// <summary>The unique name, built on first use: a query may make a million members and print ten.</summary>
    public string UniqueName => _uniqueName ??= (Parent is null || Parent.IsAll && Calculated is not { NamedUnderAll: true } ? Hierarchy.UniqueName : Parent.UniqueName) + "." + Quote(Name);

    private string? _uniqueName;

    /// <summary>The MDX level depth: 0 for the All level, 1 for the first level (0 when the hierarchy has no All).</summary>
    public int LevelDepth => Kind is MemberKind.Measure ? 0 : Hierarchy.HasAll ? Depth + 1 : Depth;

    public MdxLevel? Level => Kind switch
    {
        MemberKind.All => Hierarchy.AllLevel,
        MemberKind.Regular => Hierarchy.LevelAt(Depth),
        MemberKind.Measure => Hierarchy.Levels[0],
        _ => Parent is null ? Hierarchy.Levels[0] : Parent.Kind == MemberKind.All ? Hierarchy.LevelAt(0) : Hierarchy.LevelAt(Parent.Depth + 1),
    };

    public bool IsAll => Kind == MemberKind.All;
    public bool IsCalculated => Kind == MemberKind.Calculated;

    public static MdxMember All(MdxHierarchy hierarchy, string name) =>
        new(hierarchy, MemberKind.All, -1, -1, name, name) { _uniqueName = $"{hierarchy.UniqueName}.{Quote(name)}" };

    public static MdxMember Regular(MdxHierarchy hierarchy, int depth, int code, string name, string caption, object? key, MdxMember? parent) =>
        new(hierarchy, MemberKind.Regular, depth, code, name, caption) { Key = key, Parent = parent };

    public static MdxMember OfMeasure(MdxHierarchy measures, int index, Measure measure) =>
        new(measures, MemberKind.Measure, 0, index, measure.Name!, measure.Name!) { Measure = measure, _uniqueName = $"[Measures].{Quote(measure.Name!)}" };

    public static MdxMember OfCalculated(MdxHierarchy hierarchy, CalculatedMember calculated, MdxMember? parent) =>
        new(hierarchy, MemberKind.Calculated, parent is null ? 0 : parent.Depth + 1, -1, calculated.Name, calculated.Name)
        {
            Calculated = calculated,
            Parent = parent,
        };

    public static string Quote(string name) => "[" + name.Replace("]", "]]", StringComparison.Ordinal) + "]";

    /// <summary>The member as results show it; <paramref name="childCount"/>: with its children counted.</summary>
    public Member ToPublic(bool childCount = false) => new(UniqueName, Name, Caption, Hierarchy.UniqueName, Level?.UniqueName ?? Hierarchy.UniqueName, LevelDepth, IsCalculated)
    {
        ParentUniqueName = Parent?.UniqueName,
        IsAll = IsAll,
        ChildCount = childCount ? Functions.Navigation.Children(this).Count : 0,
    };

    public override string ToString() => UniqueName;
}

/// <summary>A WITH MEMBER: its formula, solve order and format string expression.</summary>
internal sealed class CalculatedMember(string name, MdxExpression formula, int solveOrder, MdxExpression? formatString, bool visible)
{
    public string Name { get; } = name;
    public MdxExpression Formula { get; } = formula;
    public int SolveOrder { get; } = solveOrder;
    public MdxExpression? FormatString { get; } = formatString;
    public bool Visible { get; } = visible;

    /// <summary>Defined under the All member by name (<c>[Gender].[All Gender].[Both]</c>): its unique name keeps it, as Mondrian's.</summary>
    public bool NamedUnderAll { get; init; }

    /// <summary>
    /// Without a FORMAT_STRING, the first measure the formula names, whose format the member's cells take
    /// (<c>[Store Sales] / 3</c> shows like Store Sales), as in Mondrian; null when it names none.
    /// </summary>
    public MdxMember? FormatSource { get; set; }

    /// <summary>The formula compiled to a measure, computed in bulk like any stored measure; null when it uses what only the per-cell evaluator knows.</summary>
    public Measure? Compiled { get; set; }

    /// <summary>The compiled formula's value where no fact lies (every measure it reads empty): 1/[Unit Sales] is infinite there, as cell by cell.</summary>
    public double? EmptyValue { get; set; }
}
