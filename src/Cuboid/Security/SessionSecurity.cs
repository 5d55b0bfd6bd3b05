using System.Collections.Concurrent;

namespace Cuboid;

/// <summary>
/// The session's users and roles (<see cref="Session.Security"/>): the Basic credentials, the roles given to
/// individual users, and the roles every authenticated user gets. Changes apply to the next request.
/// </summary>
public sealed class SessionSecurity
{
    private volatile string[] _defaultRoles = [Roles.User];

    /// <summary>The users and passwords of <see cref="BasicAuthenticationConfig"/>.</summary>
    public BasicCredentials BasicAuthentication { get; } = new();

    /// <summary>The roles of a directory's groups (<see cref="LdapConfig"/>): <c>Ldap.RoleMapping["admins"] = ["ROLE_ADMIN"]</c>.</summary>
    public GroupRoles Ldap { get; } = new();

    /// <summary>The roles of an identity provider's claim values (<see cref="OidcConfig.RolesClaims"/>): <c>Oidc.RoleMapping["admins"] = ["ROLE_ADMIN"]</c>.</summary>
    public GroupRoles Oidc { get; } = new();

    /// <summary>Roles given to users by name (<c>IndividualRoles["alice"] = ["ROLE_ADMIN"]</c>), on top of <see cref="DefaultRoles"/>.</summary>
    public ConcurrentDictionary<string, IReadOnlyList<string>> IndividualRoles { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The facts each role may see, as conditions on table columns (<c>Restrictions["ROLE_FRANCE"] = sales["Country"] == "France"</c>,
    /// joined tables' columns too). A user sees the union of their restricted roles' facts; a user none of whose roles is
    /// restricted, or an admin, sees everything (<see cref="RestrictionOf"/>). Changes apply to the next query.
    /// </summary>
    public ConcurrentDictionary<string, Condition> Restrictions { get; } = new(StringComparer.Ordinal);

    /// <summary>The roles of every authenticated user; <see cref="Roles.User"/> by default, so that any user may use the app.</summary>
    public IReadOnlyList<string> DefaultRoles
    {
        get => _defaultRoles;
        set => _defaultRoles = [.. value ?? throw new ArgumentNullException(nameof(value))];
    }

    /// <summary>
    /// The roles of <paramref name="user"/> now: the default ones, their individual ones, and those <paramref name="mapping"/>
    /// gives the <paramref name="groups"/> a directory or an identity provider puts them in.
    /// </summary>
    public IReadOnlyList<string> RolesOf(string user, IEnumerable<string>? groups = null, GroupRoles? mapping = null)
    {
        var roles = new HashSet<string>(_defaultRoles, StringComparer.Ordinal);
        if (IndividualRoles.TryGetValue(user, out var individual)) roles.UnionWith(individual);
        if (groups is not null && mapping is not null) roles.UnionWith(mapping.RolesOf(groups));
        return [.. roles.Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// Adds the users of a file (a line <c>name:password[:ROLE,ROLE…]</c> each; empty lines and <c>#</c> comments skipped)
    /// to <see cref="BasicAuthentication"/>, their roles to <see cref="IndividualRoles"/>. A malformed line fails naming
    /// the file and line number, never its content (it holds a password).
    /// </summary>
    public void AddUsersFile(string path)
    {
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split(':', 3);
            if (parts.Length < 2 || parts[0].Length == 0 || parts[1].Length == 0) throw new ArgumentException($"{path}, line {number}: a user is written name:password[:ROLE,ROLE…].");
            BasicAuthentication.Set(parts[0], parts[1]);
            if (parts.Length == 3 && parts[2].Length > 0) IndividualRoles[parts[0]] = [.. parts[2].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        }
    }

    /// <summary>
    /// The condition on facts <paramref name="user"/> sees, with <paramref name="roles"/> (their session roles when null):
    /// null when they see everything (<see cref="Roles.Admin"/>,
    /// or none of the roles restricted), else the union (OR) of their restricted roles' conditions.
    /// </summary>
    public Condition? RestrictionFor(string user, IEnumerable<string>? roles = null) => RestrictionOf(roles ?? RolesOf(user));

    /// <summary>
    /// What a query of <paramref name="user"/> with <paramref name="roles"/> (their session roles when null) may see:
    /// everything without a user or for an admin, else their restriction and the structure their roles show.
    /// </summary>
    internal DataAccess AccessOf(string? user, IEnumerable<string>? roles = null)
    {
        if (user is null) return DataAccess.Everything;
        var list = (roles ?? RolesOf(user)).ToList();
        return list.Contains(Roles.Admin, StringComparer.Ordinal) ? DataAccess.Everything : new DataAccess(RestrictionOf(list), list);
    }

    /// <summary>See <see cref="RestrictionFor"/>: the restriction of a set of roles.</summary>
    public Condition? RestrictionOf(IEnumerable<string> roles)
    {
        var list = roles.ToList();
        if (list.Contains(Roles.Admin, StringComparer.Ordinal)) return null;
        var conditions = list.Select(role => Restrictions.TryGetValue(role, out var condition) ? condition : null).OfType<Condition>().ToList();
        return conditions.Count == 0 ? null : conditions.Aggregate((a, b) => a | b);
    }
}
