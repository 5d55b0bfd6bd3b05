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

    /// <summary>Roles given to users by name (<c>IndividualRoles["alice"] = ["ROLE_ADMIN"]</c>), on top of <see cref="DefaultRoles"/>.</summary>
    public ConcurrentDictionary<string, IReadOnlyList<string>> IndividualRoles { get; } = new(StringComparer.Ordinal);

    /// <summary>The roles of every authenticated user; <see cref="Roles.User"/> by default, so that any user may use the app.</summary>
    public IReadOnlyList<string> DefaultRoles
    {
        get => _defaultRoles;
        set => _defaultRoles = [.. value ?? throw new ArgumentNullException(nameof(value))];
    }

    /// <summary>The roles of <paramref name="user"/>: the default ones, their individual ones, and <paramref name="granted"/> (by a directory or an identity provider).</summary>
    public IReadOnlyList<string> RolesOf(string user, IEnumerable<string>? granted = null)
    {
        var roles = new HashSet<string>(_defaultRoles, StringComparer.Ordinal);
        if (IndividualRoles.TryGetValue(user, out var individual)) roles.UnionWith(individual);
        if (granted is not null) roles.UnionWith(granted);
        return [.. roles.Order(StringComparer.Ordinal)];
    }
}
