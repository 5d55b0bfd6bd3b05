using Cuboid.Mdx.Execution;
using Cuboid.Mdx.Functions;
using Cuboid.Mdx.Syntax;

namespace Cuboid.Mdx.Binding;

/// <summary>
/// Finds what the parts of a compound name denote in the catalog: the longest prefix naming a dimension,
/// hierarchy, level or member (<see cref="Head"/>), then each further segment as a child member or a level
/// member (<see cref="Step"/>). An unbracketed segment that names a property function (Children,
/// CurrentMember…) is the binder's to turn into a call.
/// </summary>
internal sealed class Names(MdxCatalog catalog, SourceText source)
{
    public static bool IsProperty(IdentifierSegment segment) => !segment.IsQuoted && !segment.IsKey && FunctionTable.IsProperty(segment.Name);

    public (object Value, int Next) Head(IdentifierNode id)
    {
        var segments = id.Segments;
        var head = segments[0].Name;
        if (string.Equals(head, "Measures", StringComparison.OrdinalIgnoreCase)) return (catalog.Measures, 1);
        var dot = head.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0 && catalog.Hierarchy(head[..dot], head[(dot + 1)..]) is { } dotted) return (dotted, 1);
        if (catalog.IsDimension(head))
        {
            if (segments.Count > 1 && !segments[1].IsKey && catalog.Hierarchy(head, segments[1].Name) is { } named)
            {
                // A hierarchy named like its dimension is [Gender] itself, as in Mondrian: a second [Gender]
                // names its level of that name (whose members have no All), if it has one — unless a third
                // segment names a level, as in the three-part names of Atoti and SSAS ([Book].[Book].[Book]).
                bool IsLevel(int s) => named.Levels.Any(l => string.Equals(l.Name, segments[s].Name, StringComparison.OrdinalIgnoreCase));
                var ownLevel = string.Equals(named.Name, named.Dimension, StringComparison.OrdinalIgnoreCase) && IsLevel(1)
                    && !(segments.Count > 2 && !segments[2].IsKey && IsLevel(2));
                return (named, ownLevel ? 1 : 2);
            }
            return (catalog.DefaultHierarchy(head)!, 1);
        }
        if (catalog.Named.Where(h => string.Equals(h.Name, head, StringComparison.OrdinalIgnoreCase)).ToList() is [var only]) return (only, 1);
        var levels = catalog.LevelsNamed(head).ToList();
        if (levels.Count == 1) return (levels[0], 1);
        if (levels.Count > 1) throw MdxEvaluationException.At(source, id, MdxErrorCodes.AmbiguousName, $"The name '{head}' is ambiguous: it names the levels {string.Join(", ", levels.Select(l => l.UniqueName))}.");
        // A top member named without its hierarchy ([1997].[Q1], [Bag Stuffers], [All Gender]): found in the first
        // hierarchy, in the cube's order, that has one of that name, as in Mondrian (which looks no deeper).
        foreach (var hierarchy in catalog.Named)
        {
            if (hierarchy.IsMeasures) continue;
            if (hierarchy.AllMember is { } all && string.Equals(all.Name, head, StringComparison.OrdinalIgnoreCase)) return (all, 1);
            if (hierarchy.FindChild(null, head, segments[0].IsKey) is { } member) return (member, 1);
        }
        throw MdxEvaluationException.At(source, id, MdxErrorCodes.UnknownName, $"Cube '{catalog.Cube.Name}' has no dimension, hierarchy, level or top member named '{head}' (in '{source[id.Span]}').");
    }

    /// <summary>The member (or, under a hierarchy, the level) segment <paramref name="index"/> of <paramref name="id"/> names under <paramref name="current"/>.</summary>
    public object Step(object? current, IdentifierNode id, int index)
    {
        var segment = id.Segments[index];
        object? found = current switch
        {
            // A calculated measure named like a stored one (WITH MEMBER [Measures].[Profit]) hides it for the query.
            MdxHierarchy h when h.IsMeasures => Measure(h, segment)
                ?? (object?)h.Levels.FirstOrDefault(l => string.Equals(l.Name, segment.Name, StringComparison.OrdinalIgnoreCase)),   // [Measures].[MeasuresLevel].[X]
            MdxLevel { Hierarchy.IsMeasures: true } l => Measure(l.Hierarchy, segment),
            MdxHierarchy h => h.FindChild(null, segment.Name, segment.IsKey)
                ?? (object?)h.Levels.FirstOrDefault(l => string.Equals(l.Name, segment.Name, StringComparison.OrdinalIgnoreCase))
                ?? FindAtAnyDepth(h, segment),
            MdxLevel l => FindInLevel(l, segment),
            MdxMember m => m.Hierarchy.FindChild(m, segment.Name, segment.IsKey),
            _ => null,
        };
        if (found is not null) return found;
        var path = string.Join(".", id.Segments.Take(index + 1).Select(s => s.IsKey ? "&" + MdxMember.Quote(s.Name) : MdxMember.Quote(s.Name)));
        throw MdxEvaluationException.At(source, id, MdxErrorCodes.UnknownMember, current is MdxHierarchy { IsMeasures: true }
            ? $"Cube '{catalog.Cube.Name}' has no measure '{segment.Name}'."
            : $"The member '{path}' was not found in cube '{catalog.Cube.Name}'.");
    }

    private static MdxMember? Measure(MdxHierarchy measures, IdentifierSegment segment) =>
        measures.CalculatedMembers.Concat(measures.MeasureMembers).FirstOrDefault(m => string.Equals(m.Name, segment.Name, StringComparison.OrdinalIgnoreCase));

    /// <summary>[Store].[CA]: a member named directly under its hierarchy, found on the first level that has it (as Mondrian and SSAS do).</summary>
    private static MdxMember? FindAtAnyDepth(MdxHierarchy hierarchy, IdentifierSegment segment)
    {
        if (hierarchy.IsMeasures) return null;
        foreach (var level in hierarchy.Levels.Where(l => l.Depth > 0))
        {
            if (FindInLevel(level, segment) is { } member) return member;
        }
        return null;
    }

    private static MdxMember? FindInLevel(MdxLevel level, IdentifierSegment segment)
    {
        if (level.Depth < 0) return level.Hierarchy.AllMember;
        MdxMember? loose = null;
        foreach (var member in level.Members)
        {
            var text = segment.IsKey ? MdxHierarchy.Text(member.Key) : member.Name;
            if (string.Equals(text, segment.Name, StringComparison.Ordinal)) return member;
            if (loose is null && string.Equals(text, segment.Name, StringComparison.OrdinalIgnoreCase)) loose = member;
        }
        return loose;
    }
}
