using Cuboid.Mdx.Functions;
using Cuboid.Mdx.Syntax;

namespace Cuboid.Mdx.Execution;

/// <summary>A value already computed, standing in an argument list (the target of <c>x.Fn()</c>).</summary>
internal sealed record ValueNode(TextSpan Span, object? Value) : MdxExpression(Span);

internal sealed partial class Evaluator
{
    /// <summary>
    /// Resolves a compound name: the longest prefix naming a dimension, hierarchy, level or member,
    /// then each remaining segment as a child member, a level member, or (unbracketed) a property
    /// such as Children or CurrentMember.
    /// </summary>
    private object? ResolveIdentifier(IdentifierNode id, MdxContext context)
    {
        var segments = id.Segments;
        var first = segments[0];
        object? current;
        int next;
        var fromCatalog = false;
        if (!first.IsKey && context.Aliases.TryGetValue(first.Name, out var aliased)) (current, next) = (aliased, 1);
        else if (segments.Count == 1 && !first.IsKey && namedSets.TryGetValue(first.Name, out var set)) return NamedSet(first.Name, set, id, context);
        else if (_catalogNames.TryGetValue(id, out var known)) return known;
        else
        {
            (current, next) = ResolveHead(id, context);
            fromCatalog = true;
        }
        for (var i = next; i < segments.Count; i++)
        {
            fromCatalog &= !IsPropertyStep(segments[i]);
            current = Step(current, segments[i], id, i, context);
        }
        // A name made only of catalog lookups means the same thing in every context: a measure or
        // member named in a formula evaluated for each of a million tuples is resolved once.
        if (fromCatalog) _catalogNames[id] = current;
        return current;
    }

    /// <summary>Names resolved from the catalog alone (no alias, named set or property such as CurrentMember on the way).</summary>
    private readonly Dictionary<IdentifierNode, object?> _catalogNames = new(ReferenceEqualityComparer.Instance);

    private static bool IsPropertyStep(IdentifierSegment segment) => !segment.IsQuoted && !segment.IsKey && FunctionTable.IsProperty(segment.Name);

    private (object? Value, int Next) ResolveHead(IdentifierNode id, MdxContext context)
    {
        var segments = id.Segments;
        var head = segments[0].Name;
        if (string.Equals(head, "Measures", StringComparison.OrdinalIgnoreCase)) return (Catalog.Measures, 1);
        var dot = head.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0 && Catalog.Hierarchy(head[..dot], head[(dot + 1)..]) is { } dotted) return (dotted, 1);
        if (Catalog.IsDimension(head))
        {
            if (segments.Count > 1 && !segments[1].IsKey && Catalog.Hierarchy(head, segments[1].Name) is { } named)
            {
                // A hierarchy named like its dimension is [Gender] itself, as in Mondrian: a second [Gender]
                // names its level of that name (whose members have no All), if it has one — unless a third
                // segment names a level, as in the three-part names of Atoti and SSAS ([Book].[Book].[Book]).
                bool IsLevel(int s) => named.Levels.Any(l => string.Equals(l.Name, segments[s].Name, StringComparison.OrdinalIgnoreCase));
                var ownLevel = string.Equals(named.Name, named.Dimension, StringComparison.OrdinalIgnoreCase) && IsLevel(1)
                    && !(segments.Count > 2 && !segments[2].IsKey && IsLevel(2));
                return (named, ownLevel ? 1 : 2);
            }
            return (Catalog.DefaultHierarchy(head), 1);
        }
        if (Catalog.Hierarchies.Where(h => string.Equals(h.Name, head, StringComparison.OrdinalIgnoreCase)).ToList() is [var only]) return (only, 1);
        var levels = Catalog.LevelsNamed(head).ToList();
        if (levels.Count == 1) return (levels[0], 1);
        if (levels.Count > 1) throw Error(id, MdxErrorCodes.AmbiguousName, $"The name '{head}' is ambiguous: it names the levels {string.Join(", ", levels.Select(l => l.UniqueName))}.");
        // A top member named without its hierarchy ([1997].[Q1], [Bag Stuffers], [All Gender]): found in the first
        // hierarchy, in the cube's order, that has one of that name, as in Mondrian (which looks no deeper).
        foreach (var hierarchy in Catalog.Hierarchies)
        {
            if (hierarchy.IsMeasures) continue;
            if (hierarchy.AllMember is { } all && string.Equals(all.Name, head, StringComparison.OrdinalIgnoreCase)) return (all, 1);
            if (hierarchy.FindChild(null, head, segments[0].IsKey) is { } member) return (member, 1);
        }
        throw Error(id, MdxErrorCodes.UnknownName, $"Cube '{Catalog.Cube.Name}' has no dimension, hierarchy, level or top member named '{head}' (in '{Source[id.Span]}').");
    }

    private object? Step(object? current, IdentifierSegment segment, IdentifierNode id, int index, MdxContext context)
    {
        if (IsPropertyStep(segment))
        {
            return FunctionTable.Call(this, segment.Name, new ValueNode(id.Span, current), [], context, id);
        }
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
        throw Error(id, MdxErrorCodes.UnknownMember, current is MdxHierarchy { IsMeasures: true }
            ? $"Cube '{Catalog.Cube.Name}' has no measure '{segment.Name}'."
            : $"The member '{path}' was not found in cube '{Catalog.Cube.Name}'.");
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
