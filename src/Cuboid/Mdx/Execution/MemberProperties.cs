using Cuboid.Mdx.Functions;
using Cuboid.Mdx.Syntax;

namespace Cuboid.Mdx.Execution;

/// <summary>
/// Member properties: the intrinsic ones of XMLA (MEMBER_NAME, MEMBER_UNIQUE_NAME, LEVEL_NUMBER…)
/// and a level's own (<see cref="Level.Properties"/>). Used by <c>member.Properties("x")</c> and by
/// DIMENSION PROPERTIES, which puts them on the members of an axis.
/// </summary>
internal static class MemberProperties
{
    public static bool TryGet(MdxMember member, string name, out object? value)
    {
        value = name.ToUpperInvariant() switch
        {
            "NAME" or "MEMBER_NAME" => member.Name,
            "CAPTION" or "MEMBER_CAPTION" => member.Caption,
            "UNIQUE_NAME" or "MEMBER_UNIQUE_NAME" => member.UniqueName,
            "KEY" or "MEMBER_KEY" => member.Key is null ? member.Name : MdxHierarchy.Text(member.Key),
            "LEVEL_NUMBER" => (double)member.LevelDepth,
            "LEVEL_UNIQUE_NAME" => member.Level?.UniqueName,
            "HIERARCHY_UNIQUE_NAME" => member.Hierarchy.UniqueName,
            "DIMENSION_UNIQUE_NAME" => MdxMember.Quote(member.Hierarchy.Dimension),
            "PARENT_UNIQUE_NAME" => member.Parent?.UniqueName,
            "CHILDREN_CARDINALITY" => (double)Navigation.Children(member).Count,
            _ => s_none,
        };
        if (!ReferenceEquals(value, s_none)) return true;
        return member.Hierarchy.TryGetProperty(member, name, out value);
    }

    private static readonly object s_none = new();
}

/// <summary>DIMENSION PROPERTIES on an axis: each listed property, read for the members it applies to.</summary>
internal static class DimensionProperties
{
    public static Member Of(MdxMember member, IReadOnlyList<IdentifierNode> requested, Evaluator evaluator, bool childCount = false)
    {
        var result = member.ToPublic(childCount);
        if (requested.Count == 0) return result;
        var properties = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var identifier in requested)
        {
            var name = identifier.Segments[^1].Name;
            if (identifier.Segments.Count > 1 && !AppliesTo(member, identifier, evaluator)) continue;
            if (MemberProperties.TryGet(member, name, out var value)) properties[name] = value;
        }
        return result with { Properties = properties };
    }

    /// <summary>[Store].[Store Name].[Store Manager] applies to the members of that level (or hierarchy).</summary>
    private static bool AppliesTo(MdxMember member, IdentifierNode identifier, Evaluator evaluator)
    {
        var scope = new IdentifierNode(identifier.Span, [.. identifier.Segments.Take(identifier.Segments.Count - 1)]);
        try
        {
            return evaluator.Evaluate(scope, new MdxContext([.. evaluator.Catalog.Hierarchies.Select(h => h.DefaultMember ?? h.AllMember!)])) switch
            {
                MdxLevel level => member.Level == level,
                MdxHierarchy hierarchy => member.Hierarchy == hierarchy,
                _ => false,
            };
        }
        catch (MdxEvaluationException)
        {
            return false;
        }
    }
}
