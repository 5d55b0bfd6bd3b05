namespace Cuboid.Server.Security;

/// <summary>
/// What checks a name and password sent with <c>Authorization: Basic</c>, by <see cref="SessionConfig.Authentication"/>:
/// the session's own credentials, or a directory. <see cref="Check"/> answers the user's groups (none for Basic), or null
/// when the name or password is wrong.
/// </summary>
internal sealed record LoginSource(string Name, string Realm, Func<string, string, IReadOnlyList<string>?> Check)
{
    public static LoginSource For(Session session) => session.Config.Authentication switch
    {
        BasicAuthenticationConfig basic => new(CuboidPrincipal.Sources.Basic, basic.Realm,
            (user, password) => session.Security.BasicAuthentication.Verify(user, password) ? [] : null),
        LdapConfig ldap => new(CuboidPrincipal.Sources.Ldap, ldap.Realm, new LdapDirectory(ldap).Authenticate),
        // Client certificates only: no password opens the session.
        null => new(CuboidPrincipal.Sources.Basic, "Cuboid", (_, _) => null),
        var other => throw new NotSupportedException($"{other?.GetType().Name} is not supported by this server."),
    };
}
