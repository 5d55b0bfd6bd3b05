using System.CommandLine;

namespace Cuboid.Cli.Commands;

/// <summary>
/// The options of <c>cuboid serve</c> that open a session to a team: the address it listens on, how users log in
/// (<c>--users</c> for Basic, <c>--ldap</c> for a directory, <c>--oidc-issuer</c> for an identity provider), HTTPS, the key
/// of its tokens and the proxies in front of it. Secrets come from
/// files and environment variables, never from the command line, which other users of the machine can read.
/// </summary>
internal sealed record ServeSecurity(string? Host = null, string? Users = null, string? Ldap = null, string? LdapBaseDn = null,
    IReadOnlyList<string>? LdapRoles = null, string? Https = null, string? JwtKey = null, string? OidcIssuer = null, string? OidcClientId = null,
    string? OidcProvider = null, string? OidcRolesClaim = null, IReadOnlyList<string>? OidcRoles = null, IReadOnlyList<string>? TrustedProxies = null,
    string? OidcAudience = null, string? Kerberos = null, string? KerberosKeytab = null)
{
    public const string OidcSecretVariable = "CUBOID_OIDC_CLIENT_SECRET";
    public const string HttpsPasswordVariable = "CUBOID_HTTPS_PASSWORD";
    public const string LdapUserVariable = "CUBOID_LDAP_USER";
    public const string LdapPasswordVariable = "CUBOID_LDAP_PASSWORD";

    public sealed record Options(Option<string?> Host, Option<FileInfo?> Users, Option<string?> Ldap, Option<string?> LdapBaseDn, Option<string[]> LdapRoles, Option<FileInfo?> Https,
        Option<FileInfo?> JwtKey, Option<string?> OidcIssuer, Option<string?> OidcClientId, Option<string?> OidcProvider, Option<string?> OidcRolesClaim, Option<string[]> OidcRoles,
        Option<string[]> TrustedProxies, Option<string?> OidcAudience, Option<string?> Kerberos, Option<FileInfo?> KerberosKeytab)
    {
        public IEnumerable<Option> All => [Host, Users, Ldap, LdapBaseDn, LdapRoles, Https, JwtKey, OidcIssuer, OidcClientId, OidcProvider, OidcRolesClaim, OidcRoles, OidcAudience,
            Kerberos, KerberosKeytab, TrustedProxies];

        public ServeSecurity Read(ParseResult parse) => new(parse.GetValue(Host), parse.GetValue(Users)?.FullName, parse.GetValue(Ldap), parse.GetValue(LdapBaseDn),
            parse.GetValue(LdapRoles) ?? [], parse.GetValue(Https)?.FullName, parse.GetValue(JwtKey)?.FullName, parse.GetValue(OidcIssuer), parse.GetValue(OidcClientId),
            parse.GetValue(OidcProvider), parse.GetValue(OidcRolesClaim), parse.GetValue(OidcRoles) ?? [], parse.GetValue(TrustedProxies) ?? [], parse.GetValue(OidcAudience),
            parse.GetValue(Kerberos), parse.GetValue(KerberosKeytab)?.FullName);
    }

    public static Options Create() => new(
        new Option<string?>("--host") { Description = "The address to listen on: localhost (default), an IP address, or 0.0.0.0 / :: to serve the network.", HelpName = "ADDRESS" },
        new Option<FileInfo?>("--users") { Description = "Turns on Basic authentication with the users of FILE: a line 'name:password[:ROLE,ROLE…]' each.", HelpName = "FILE" },
        new Option<string?>("--ldap") { Description = $"Turns on LDAP authentication against URL (ldap://host:389); the search account from ${LdapUserVariable} and ${LdapPasswordVariable}.", HelpName = "URL" },
        new Option<string?>("--ldap-base-dn") { Description = "The directory's base DN (users under ou=people, groups under ou=groups).", HelpName = "DN" },
        new Option<string[]>("--ldap-role") { Description = "GROUP=ROLE: the role a directory group gives (repeatable).", HelpName = "GROUP=ROLE" },
        new Option<FileInfo?>("--https") { Description = $"Serves HTTPS with the PKCS#12 certificate FILE (its password from ${HttpsPasswordVariable}).", HelpName = "FILE" },
        new Option<FileInfo?>("--jwt-key") { Description = "A PEM RSA private key signing the session's tokens, so they survive a restart (default: a key made at start).", HelpName = "FILE" },
        new Option<string?>("--oidc-issuer") { Description = $"Turns on OpenID Connect logins at the provider URL (with --oidc-client-id; the secret from ${OidcSecretVariable}); it must allow the callback /api/auth/oidc/callback.", HelpName = "URL" },
        new Option<string?>("--oidc-client-id") { Description = "The session's client id at the OpenID provider.", HelpName = "ID" },
        new Option<string?>("--oidc-provider") { Description = "The provider's name on the login page (default: the issuer's host).", HelpName = "NAME" },
        new Option<string?>("--oidc-roles-claim") { Description = "The ID token's claim whose values map to roles (with --oidc-role).", HelpName = "CLAIM" },
        new Option<string[]>("--oidc-role") { Description = "VALUE=ROLE: the role a value of --oidc-roles-claim gives (repeatable).", HelpName = "VALUE=ROLE" },
        new Option<string[]>("--trusted-proxy") { Description = "The address of a reverse proxy whose X-Forwarded-* headers to trust (repeatable).", HelpName = "ADDRESS" },
        new Option<string?>("--oidc-audience") { Description = "Accepts the provider's own access tokens for this audience as Bearer (services with the client-credentials grant).", HelpName = "AUDIENCE" },
        new Option<string?>("--kerberos") { Description = "Turns on Kerberos single sign-on (Negotiate) for the service principal SPN (HTTP/host).", HelpName = "SPN" },
        new Option<FileInfo?>("--kerberos-keytab") { Description = "The keytab with the service principal's key (default: the system's).", HelpName = "FILE" });

    /// <summary>The session's configuration with the options given (those not given keep <paramref name="config"/>'s, a model file's say).</summary>
    public SessionConfig Apply(SessionConfig config)
    {
        if (new[] { Users, Ldap, OidcIssuer, Kerberos }.Count(o => o is not null) > 1) throw new ArgumentException("Give one of --users, --ldap, --oidc-issuer and --kerberos: a session has one way to log in.");
        AuthenticationConfig? authentication = Users is not null ? new BasicAuthenticationConfig()
            : Kerberos is not null ? new KerberosConfig { ServicePrincipal = Kerberos, Keytab = KerberosKeytab }
            : OidcIssuer is not null ? new OidcConfig
            {
                IssuerUrl = OidcIssuer,
                ClientId = OidcClientId ?? throw new ArgumentException("--oidc-issuer needs --oidc-client-id."),
                ClientSecret = Environment.GetEnvironmentVariable(OidcSecretVariable),
                ProviderId = OidcProvider ?? new Uri(OidcIssuer).Host,
                RolesClaims = OidcRolesClaim is null ? [] : [OidcRolesClaim],
                Scopes = OidcRolesClaim is null ? ["openid", "profile"] : ["openid", "profile", OidcRolesClaim],
                AccessTokenAudience = OidcAudience,
            }
            : Ldap is not null ? new LdapConfig
            {
                Url = Ldap,
                BaseDn = LdapBaseDn ?? throw new ArgumentException("--ldap needs --ldap-base-dn."),
                UserSearchBase = "ou=people",
                GroupSearchBase = "ou=groups",
                Username = Environment.GetEnvironmentVariable(LdapUserVariable),
                Password = Environment.GetEnvironmentVariable(LdapPasswordVariable),
            }
            : null;
        return config with
        {
            Host = Host ?? config.Host,
            Authentication = authentication ?? config.Authentication,
            Https = Https is null ? config.Https : new HttpsConfig { Certificate = Https, Password = Environment.GetEnvironmentVariable(HttpsPasswordVariable) },
            Jwt = JwtKey is null ? config.Jwt : new JwtConfig { KeyPair = File.ReadAllText(JwtKey) },
            TrustedProxies = TrustedProxies is { Count: > 0 } proxies ? proxies : config.TrustedProxies,
        };
    }

    /// <summary>Adds the users of <see cref="Users"/> and the group roles of <see cref="LdapRoles"/> to the started session.</summary>
    public void AddUsers(Session session)
    {
        Map(LdapRoles, session.Security.Ldap, "--ldap-role", "GROUP");
        Map(OidcRoles, session.Security.Oidc, "--oidc-role", "VALUE");
        if (Users is not null) session.Security.AddUsersFile(Users);
    }

    private static void Map(IReadOnlyList<string>? mappings, GroupRoles roles, string option, string what)
    {
        foreach (var mapping in mappings ?? [])
        {
            var equals = mapping.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == mapping.Length - 1) throw new ArgumentException($"{option} '{mapping}' is not {what}=ROLE.");
            var group = mapping[..equals];
            roles.RoleMapping[group] = [.. roles.RoleMapping.GetValueOrDefault(group) ?? [], mapping[(equals + 1)..]];
        }
    }
}
