namespace Cuboid.ModelFiles;

// The "security" section of a model file: the SessionConfig a served session starts with and its users and roles.
// Secrets are never in the file: it names the environment variables (and files) holding them.

/// <summary>Where the session listens and how users log in.</summary>
internal sealed record SecurityModel(
    string? Host,
    AuthenticationModel? Authentication,
    HttpsModel? Https,
    JwtModel? Jwt,
    List<string?>? TrustedProxies,
    string? SameSite,
    List<string?>? DefaultRoles,
    Dictionary<string, List<string?>?>? Roles,
    Dictionary<string, List<string?>?>? RoleMapping);

/// <summary>One of <see cref="Basic"/>, <see cref="Ldap"/>, <see cref="Oidc"/>, <see cref="Kerberos"/>.</summary>
internal sealed record AuthenticationModel(BasicModel? Basic, LdapModel? Ldap, OidcModel? Oidc, KerberosModel? Kerberos = null);

/// <summary>A service principal and its keytab (relative to the model file).</summary>
internal sealed record KerberosModel(string? ServicePrincipal, string? Keytab);

/// <summary>Basic users from <see cref="UsersFile"/> (relative to the model file): a line <c>name:password[:ROLE,…]</c> each.</summary>
internal sealed record BasicModel(string? Realm, string? UsersFile);

internal sealed record LdapModel(
    string? Url, string? BaseDn, string? UserSearchBase, string? UserSearchFilter, string? GroupSearchBase, string? GroupSearchFilter,
    string? GroupRoleAttribute, string? UsernameVariable, string? PasswordVariable);

internal sealed record OidcModel(
    string? ProviderId, string? IssuerUrl, string? ClientId, string? ClientSecretVariable, List<string?>? Scopes, string? NameClaim, List<string?>? RolesClaims,
    string? AccessTokenAudience = null);

/// <summary>A PKCS#12 certificate (relative to the model file) and the environment variable holding its password.</summary>
internal sealed record HttpsModel(string? Certificate, string? PasswordVariable);

/// <summary>A PEM RSA key file (relative to the model file) and the tokens' lifetime.</summary>
internal sealed record JwtModel(string? KeyFile, double? LifetimeMinutes);
