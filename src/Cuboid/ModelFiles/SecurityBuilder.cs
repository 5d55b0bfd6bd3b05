namespace Cuboid.ModelFiles;

/// <summary>
/// Turns a model file's "security" section into the <see cref="SessionConfig"/> a served session starts with
/// (<see cref="CubeModelFile.SessionConfig"/>) and, once started, its users and roles (applied by <see cref="CubeModelFile.Load"/>).
/// </summary>
internal static class SecurityBuilder
{
    public static SessionConfig Configure(SecurityModel? security, SessionConfig config, string file, string directory)
    {
        if (security is null) return config;
        string Relative(string path) => Path.GetFullPath(Path.Combine(directory, path));
        string Required(string? value, string path) => value ?? throw new ModelFileException(file, path, "this is required.");
        string? Variable(string? name) => name is null ? null : Environment.GetEnvironmentVariable(name);
        var authentication = security.Authentication switch
        {
            null => (AuthenticationConfig?)null,
            { Kerberos: { } kerberos, Basic: null, Ldap: null, Oidc: null } => new KerberosConfig
            {
                ServicePrincipal = Required(kerberos.ServicePrincipal, "security.authentication.kerberos.servicePrincipal"),
                Keytab = kerberos.Keytab is null ? null : Relative(kerberos.Keytab),
            },
            { Basic: { } basic, Ldap: null, Oidc: null, Kerberos: null } => new BasicAuthenticationConfig { Realm = basic.Realm ?? "Cuboid" },
            { Ldap: { } ldap, Basic: null, Oidc: null, Kerberos: null } => new LdapConfig
            {
                Url = Required(ldap.Url, "security.authentication.ldap.url"),
                BaseDn = Required(ldap.BaseDn, "security.authentication.ldap.baseDn"),
                UserSearchBase = ldap.UserSearchBase ?? "",
                UserSearchFilter = ldap.UserSearchFilter ?? "(uid={0})",
                GroupSearchBase = ldap.GroupSearchBase ?? "",
                GroupSearchFilter = ldap.GroupSearchFilter ?? "(uniqueMember={0})",
                GroupRoleAttribute = ldap.GroupRoleAttribute ?? "cn",
                Username = Variable(ldap.UsernameVariable),
                Password = Variable(ldap.PasswordVariable),
            },
            { Oidc: { } oidc, Basic: null, Ldap: null, Kerberos: null } => new OidcConfig
            {
                ProviderId = Required(oidc.ProviderId, "security.authentication.oidc.providerId"),
                IssuerUrl = Required(oidc.IssuerUrl, "security.authentication.oidc.issuerUrl"),
                ClientId = Required(oidc.ClientId, "security.authentication.oidc.clientId"),
                ClientSecret = Variable(oidc.ClientSecretVariable),
                Scopes = oidc.Scopes is null ? ["openid", "profile"] : [.. oidc.Scopes.OfType<string>()],
                NameClaim = oidc.NameClaim ?? "name",
                RolesClaims = [.. (oidc.RolesClaims ?? []).OfType<string>()],
                AccessTokenAudience = oidc.AccessTokenAudience,
            },
            _ => throw new ModelFileException(file, "security.authentication", "give exactly one of basic, ldap, oidc and kerberos."),
        };
        return config with
        {
            Host = security.Host ?? config.Host,
            Authentication = authentication ?? config.Authentication,
            Https = security.Https is { } https ? new HttpsConfig { Certificate = Relative(Required(https.Certificate, "security.https.certificate")), Password = Variable(https.PasswordVariable) } : config.Https,
            Jwt = security.Jwt is { } jwt ? new JwtConfig
            {
                KeyPair = jwt.KeyFile is null ? null : File.ReadAllText(Relative(jwt.KeyFile)),
                Lifetime = TimeSpan.FromMinutes(jwt.LifetimeMinutes ?? 60),
            } : config.Jwt,
            TrustedProxies = security.TrustedProxies is { } proxies ? [.. proxies.OfType<string>()] : config.TrustedProxies,
            SameSite = security.SameSite is { } sameSite
                ? Enum.TryParse<SameSite>(sameSite, ignoreCase: true, out var parsed) ? parsed : throw new ModelFileException(file, "security.sameSite", $"'{sameSite}' is not lax, strict or none.")
                : config.SameSite,
        };
    }

    /// <summary>The section's users and roles, into the started session.</summary>
    public static void AddUsers(SecurityModel? security, Session session, string directory)
    {
        if (security is null) return;
        if (security.Authentication?.Basic?.UsersFile is { } users) session.Security.AddUsersFile(Path.GetFullPath(Path.Combine(directory, users)));
        if (security.DefaultRoles is { } defaults) session.Security.DefaultRoles = [.. defaults.OfType<string>()];
        foreach (var (user, roles) in security.Roles ?? []) session.Security.IndividualRoles[user] = [.. (roles ?? []).OfType<string>()];
        var mapping = security.Authentication?.Oidc is not null ? session.Security.Oidc : session.Security.Ldap;
        foreach (var (group, roles) in security.RoleMapping ?? []) mapping.RoleMapping[group] = [.. (roles ?? []).OfType<string>()];
    }
}
