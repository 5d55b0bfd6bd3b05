using System.Text.RegularExpressions;
using static Cuboid.Server.Xmla.Col;

namespace Cuboid.Server.Xmla;

/// <summary>
/// MDSCHEMA_MEMBERS: members found by MDX run as the caller, so a restricted user lists only the
/// members they may see. MEMBER_UNIQUE_NAME with TREE_OP (children 1, siblings 2, parent 4, self 8,
/// descendants 16, ancestors 32) navigates from a member; otherwise a level's members, a
/// hierarchy's (at LEVEL_NUMBER) or all of a dimension's. Names given by the client must be MDX
/// unique names (bracketed segments): they go into the statement as names, never as text.
/// </summary>
internal sealed partial class MembersRowset : CubeRowset
{
    public override string Name => "MDSCHEMA_MEMBERS";

    public override string? Guid => "C8B522DE-5CF3-11CE-ADE5-00AA0044773D";

    public override IReadOnlyList<XmlaColumn> Columns { get; } =
    [
        S("CATALOG_NAME", true), S("SCHEMA_NAME", true), S("CUBE_NAME", true), S("DIMENSION_UNIQUE_NAME", true), S("HIERARCHY_UNIQUE_NAME", true),
        S("LEVEL_UNIQUE_NAME", true), U("LEVEL_NUMBER", true), U("MEMBER_ORDINAL"), S("MEMBER_NAME", true), S("MEMBER_UNIQUE_NAME", true),
        I("MEMBER_TYPE", true), S("MEMBER_GUID"), S("MEMBER_CAPTION", true), U("CHILDREN_CARDINALITY"), U("PARENT_LEVEL"), S("PARENT_UNIQUE_NAME"),
        U("PARENT_COUNT"), UShort("TREE_OP", true), I("DEPTH"), S("MEMBER_KEY"), UShort("CUBE_SOURCE", true),
    ];

    protected override IReadOnlySet<string> OwnRestrictions => new HashSet<string>(["CUBE_SOURCE", "TREE_OP", "MEMBER_UNIQUE_NAME"], StringComparer.OrdinalIgnoreCase);

    protected override IEnumerable<object?[]> Rows(XmlaContext context)
    {
        foreach (var (cube, structure) in context.Cubes())
        {
            if (context.Request.Single("CUBE_NAME") is { } wanted && !string.Equals(wanted, cube.Name, StringComparison.OrdinalIgnoreCase)) continue;
            var dimensions = structure.Hierarchies.ToDictionary(h => h.UniqueName, h => Quote(h.Dimension), StringComparer.OrdinalIgnoreCase);
            dimensions[Measures] = Measures;
            foreach (var set in Sets(context.Request, structure))
            {
                if (Members(context, cube, set) is not { } cells) continue;
                foreach (var position in cells.Axes[0].Positions)
                {
                    var member = position.Members[0];
                    var type = member.IsAll ? 2 : member.HierarchyUniqueName == Measures ? 3 : member.IsCalculated ? 4 : 1;
                    yield return
                    [
                        context.Catalog, context.Catalog, cube.Name, dimensions.GetValueOrDefault(member.HierarchyUniqueName, member.HierarchyUniqueName),
                        member.HierarchyUniqueName, member.LevelUniqueName, member.Depth, position.Ordinal, member.Name, member.UniqueName, type, null,
                        member.Caption, member.ChildCount, member.ParentUniqueName is null ? null : member.Depth - 1, member.ParentUniqueName,
                        member.ParentUniqueName is null ? 0 : 1, null, member.Depth, member.Properties.GetValueOrDefault("MEMBER_KEY") ?? member.Name, null,
                    ];
                }
            }
        }
    }

    /// <summary>
    /// The members of a set, with their child counts and keys; null when the set names a member that does not exist (or
    /// that the caller may not see): clients look calculated members up by name too, and expect no row, not a fault.
    /// </summary>
    private static CellSet? Members(XmlaContext context, Cube cube, string set)
    {
        var options = context.Session.Config.RequestLimits.Options() with { MemberChildCounts = true, User = context.User, Roles = context.User is null ? null : context.Roles, Locale = context.Locale };
        try
        {
            return context.Session.QueryMdx($"SELECT {set} DIMENSION PROPERTIES MEMBER_KEY ON 0, {{}} ON 1 FROM {Quote(cube.Name)}", options).CellSet!;
        }
        catch (MdxException error) when (error.Diagnostics.Any(d => d.Code == MdxErrorCodes.UnknownMember))
        {
            return null;
        }
    }

    /// <summary>The MDX sets the restrictions name (several for a dimension of several hierarchies).</summary>
    private static IEnumerable<string> Sets(XmlaRequest request, CubeStructure structure)
    {
        var op = request.Single("TREE_OP") is { } text ? int.TryParse(text, out var t) ? t : throw new XmlaException("XMLA.InvalidRestriction", $"TREE_OP must be a number; '{text}' was given.") : 8;
        // A list of members (olap4j looks several up at once): each one's set in turn.
        foreach (var member in request.Restriction("MEMBER_UNIQUE_NAME"))
        {
            var m = Checked(member);
            var parts = new List<string>();
            if ((op & 32) != 0) parts.Add($"Except(Ascendants({m}), {{{m}}})");
            if ((op & 4) != 0) parts.Add($"{{{m}.Parent}}");
            if ((op & 2) != 0) parts.Add($"Except({m}.Siblings, {{{m}}})");
            if ((op & 8) != 0) parts.Add($"{{{m}}}");
            if ((op & 1) != 0) parts.Add($"{m}.Children");
            if ((op & 16) != 0) parts.Add($"Except(Descendants({m}), {{{m}}})");
            // In hierarchy order, ancestors first, as a tree is listed.
            yield return parts.Count == 0 ? "{}" : "Hierarchize(Distinct({" + string.Join(", ", parts) + "}))";
        }
        if (request.Restriction("MEMBER_UNIQUE_NAME").Count > 0) yield break;
        if (request.Single("LEVEL_UNIQUE_NAME") is { } level)
        {
            yield return $"{Checked(level)}.Members";
            yield break;
        }
        var hierarchies = request.Single("HIERARCHY_UNIQUE_NAME") is { } h ? [Checked(h)]
            : request.Single("DIMENSION_UNIQUE_NAME") is { } d
                ? (string.Equals(d, Measures, StringComparison.OrdinalIgnoreCase) ? [Measures] : structure.Hierarchies.Where(x => string.Equals(Quote(x.Dimension), d, StringComparison.OrdinalIgnoreCase)).Select(x => x.UniqueName).ToList())
                : [Measures, .. structure.Hierarchies.Select(x => x.UniqueName)];
        foreach (var hierarchy in hierarchies)
        {
            yield return request.Single("LEVEL_NUMBER") is { } number
                ? int.TryParse(number, out var n) && n >= 0 ? $"{hierarchy}.Levels({n}).Members" : throw new XmlaException("XMLA.InvalidRestriction", $"LEVEL_NUMBER must be a number; '{number}' was given.")
                : hierarchy == Measures ? $"{hierarchy}.Members" : $"{hierarchy}.AllMembers";
        }
    }

    /// <summary>A client's name, checked to be an MDX unique name: bracketed segments separated by dots.</summary>
    private static string Checked(string name) => UniqueName().IsMatch(name) ? name
        : throw new XmlaException("XMLA.InvalidRestriction", "A restriction on members must be an MDX unique name: [segments] separated by dots.");

    [GeneratedRegex(@"^\[(?:[^\]]|\]\])*\](?:\.\[(?:[^\]]|\]\])*\])*$")]
    private static partial Regex UniqueName();
}
