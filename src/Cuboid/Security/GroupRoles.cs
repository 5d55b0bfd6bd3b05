using System.Collections.Concurrent;

namespace Cuboid;

/// <summary>
/// The roles of the groups (or claim values) an external source — a directory, an identity provider — puts a user in:
/// <c>RoleMapping["admins"] = ["ROLE_ADMIN"]</c>. A group not mapped gives none. Changes apply to the next request.
/// </summary>
public sealed class GroupRoles
{
    /// <summary>Roles by group name (compared without regard to case, as directories do).</summary>
    public ConcurrentDictionary<string, IReadOnlyList<string>> RoleMapping { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The roles of <paramref name="groups"/> together.</summary>
    public IEnumerable<string> RolesOf(IEnumerable<string> groups) =>
        groups.SelectMany(g => RoleMapping.TryGetValue(g, out var roles) ? roles : []);
}
