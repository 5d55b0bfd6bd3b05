using Cuboid.Expressions;

namespace Cuboid;

/// <summary>
/// What one query's user may see, in one place for every path that reads data: the facts (the union of their roles'
/// <see cref="SessionSecurity.Restrictions"/>, null for everything) and the structure (the hierarchies and measures
/// whose <c>Roles</c> they have). Made per query by <see cref="SessionSecurity.AccessOf"/>, so a change of roles,
/// restrictions or structure applies to the next one.
/// </summary>
internal sealed class DataAccess
{
    /// <summary>Everything: no user (a headless session, a server without authentication) or an admin.</summary>
    public static DataAccess Everything { get; } = new(null, null);

    private readonly HashSet<string>? _roles;

    public DataAccess(Condition? restriction, IEnumerable<string>? roles)
    {
        Restriction = restriction;
        _roles = roles is null ? null : new HashSet<string>(roles, StringComparer.Ordinal);
    }

    /// <summary>The facts the user may see; null when all.</summary>
    public Condition? Restriction { get; }

    /// <summary>Whether the user may see nothing less than everything.</summary>
    public bool IsEverything => Restriction is null && _roles is null;

    /// <summary>Whether the hierarchy is the user's to see: it names no roles, or one of theirs.</summary>
    public bool Sees(Hierarchy hierarchy) => Allows(hierarchy.Roles);

    /// <summary>Whether the measure is the user's to see: it names no roles, or one of theirs.</summary>
    public bool Sees(Measure measure) => Allows(measure.Roles);

    private bool Allows(IReadOnlyList<string> roles) => _roles is null || roles.Count == 0 || roles.Any(_roles.Contains);

    /// <summary>
    /// What tells this access from another on <paramref name="cube"/>: the restriction and the structure hidden from it.
    /// Catalogs and cached cells are kept under it, so that one user's never serve another's query.
    /// </summary>
    public string KeyFor(Cube cube)
    {
        if (IsEverything) return "";
        var hidden = cube.Hierarchies.Where(h => !Sees(h)).Select(h => h.UniqueName)
            .Concat(cube.Measures.Where(m => !Sees(m)).Select(m => m.UniqueName));
        return (Restriction is null ? "" : ExpressionKey.Of(Restriction)) + "|hidden:" + string.Join(",", hidden);
    }
}
