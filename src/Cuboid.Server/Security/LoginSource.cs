namespace Cuboid.Server.Security;

/// <summary>
/// What checks a name and password sent with <c>Authorization: Basic</c> or the web app's login form, by
/// <see cref="SessionConfig.Authentication"/>: the session's own credentials, or a directory. <see cref="Check"/> answers
/// the user's groups (none for Basic), or null when the name or password is wrong. With an identity provider, Kerberos
/// or client certificates alone, no password logs in (<see cref="TakesPasswords"/> false).
/// </summary>
internal sealed record LoginSource(string Name, string Realm, bool TakesPasswords, Func<string, string, IReadOnlyList<string>?> Check)
{
    public static LoginSource For(Session session) => session.Config.Authentication switch
    {
        BasicAuthenticationConfig basic => new(CuboidPrincipal.Sources.Basic, basic.Realm, true,
            (user, password) => session.Security.BasicAuthentication.Verify(user, password) ? [] : null),
        LdapConfig ldap => new(CuboidPrincipal.Sources.Ldap, ldap.Realm, true, new LdapDirectory(ldap).Authenticate),
        null or OidcConfig or KerberosConfig => new(CuboidPrincipal.Sources.Basic, "Cuboid", false, (_, _) => null),
        var other => throw new NotSupportedException($"{other.GetType().Name} is not supported by this server."),
    };
}
