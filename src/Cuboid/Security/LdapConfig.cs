namespace Cuboid;

/// <summary>
/// Users of a directory (LDAP): the server looks the user up with <see cref="Username"/>'s credentials, checks the
/// password by binding as the user, and reads their groups, which <see cref="SessionSecurity.Ldap"/> maps to roles.
/// Browsers and clients send the user's name and password as with Basic authentication.
/// </summary>
public sealed record LdapConfig : AuthenticationConfig
{
    /// <summary>The directory: <c>ldap://host:389</c> (or <c>ldaps://host:636</c>).</summary>
    public required string Url { get; init; }

    /// <summary>The base of the directory's names (<c>dc=example,dc=com</c>); the searches below are relative to it when they do not end with it.</summary>
    public required string BaseDn { get; init; }

    /// <summary>Where users are searched (<c>ou=people</c>).</summary>
    public string UserSearchBase { get; init; } = "";

    /// <summary>The filter finding a user by the name they log in with; <c>{0}</c> is the name (escaped).</summary>
    public string UserSearchFilter { get; init; } = "(uid={0})";

    /// <summary>Where groups are searched (<c>ou=groups</c>).</summary>
    public string GroupSearchBase { get; init; } = "";

    /// <summary>The filter finding a user's groups; <c>{0}</c> is the user's distinguished name, <c>{1}</c> their login name (both escaped).</summary>
    public string GroupSearchFilter { get; init; } = "(uniqueMember={0})";

    /// <summary>The attribute of a group whose value is the group's name for <see cref="SessionSecurity.Ldap"/>'s role mapping.</summary>
    public string GroupRoleAttribute { get; init; } = "cn";

    /// <summary>The distinguished name the server searches with; anonymous searches when null.</summary>
    public string? Username { get; init; }

    /// <summary>That name's password (never logged).</summary>
    public string? Password { get; init; }

    /// <summary>The realm the login prompt names.</summary>
    public string Realm { get; init; } = "Cuboid";

    /// <summary>Shown without the password.</summary>
    public override string ToString() => $"LdapConfig {{ Url = {Url}, BaseDn = {BaseDn}, Username = {Username} }}";
}
