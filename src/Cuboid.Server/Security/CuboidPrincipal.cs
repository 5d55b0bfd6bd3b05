using System.Security.Claims;

namespace Cuboid.Server.Security;

/// <summary>
/// The user a request runs as: a name and the roles the session gives it now (<see cref="SessionSecurity.RolesOf"/>),
/// rebuilt on every request — from a password or a token alike — so that a change of roles applies to the next one.
/// </summary>
internal static class CuboidPrincipal
{
    public const string NameClaim = "sub";
    public const string RoleClaim = "role";

    /// <summary>How the user first proved who they are (<see cref="Sources"/>), carried in the tokens issued to them.</summary>
    public const string SourceClaim = "src";

    /// <summary>The groups a directory put the user in at login, carried in their tokens; their roles are mapped at each request.</summary>
    public const string GroupClaim = "groups";

    /// <summary>The values of <see cref="SourceClaim"/>.</summary>
    public static class Sources
    {
        public const string Basic = "basic";
        public const string Ldap = "ldap";
        public const string Certificate = "certificate";
        public const string Oidc = "oidc";
        public const string Kerberos = "kerberos";
    }

    /// <summary>When the login that authenticated the request ends (a token's or a cookie's expiry), as Unix seconds.</summary>
    public const string ExpiresClaim = "exp";

    public static ClaimsPrincipal Create(Session session, string name, string source, string scheme, IReadOnlyList<string>? groups = null, DateTimeOffset? expires = null)
    {
        var claims = new List<Claim> { new(NameClaim, name), new(SourceClaim, source) };
        if (expires is { } end) claims.Add(new Claim(ExpiresClaim, end.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        claims.AddRange((groups ?? []).Select(group => new Claim(GroupClaim, group)));
        var mapping = source switch
        {
            Sources.Ldap => session.Security.Ldap,
            Sources.Oidc => session.Security.Oidc,
            _ => null,
        };
        claims.AddRange(session.Security.RolesOf(name, groups, mapping).Select(role => new Claim(RoleClaim, role)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, NameClaim, RoleClaim));
    }

    public static string? Source(this ClaimsPrincipal user) => user.FindFirst(SourceClaim)?.Value;

    /// <summary>
    /// The user of a token or cookie the session issued, as they are now; null when they no longer exist (a user removed
    /// from the Basic credentials): a login outlives no user.
    /// </summary>
    public static ClaimsPrincipal? Refresh(Session session, ClaimsPrincipal issued, string scheme, DateTimeOffset? expires)
    {
        var name = issued.FindFirstValue(NameClaim)!;
        var source = issued.Source() ?? "";
        if (source == Sources.Basic && !session.Security.BasicAuthentication.Contains(name)) return null;
        return Create(session, name, source, scheme, issued.Groups(), expires);
    }

    /// <summary>When the request's login ends; null for a password checked on every request.</summary>
    public static DateTimeOffset? Expires(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirst(ExpiresClaim)?.Value, System.Globalization.CultureInfo.InvariantCulture, out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    public static IReadOnlyList<string> Groups(this ClaimsPrincipal user) => [.. user.FindAll(GroupClaim).Select(c => c.Value)];

    public static IReadOnlyList<string> RoleNames(this ClaimsPrincipal user) => [.. user.FindAll(RoleClaim).Select(c => c.Value)];

    /// <summary>The user's name, or null for an anonymous caller of a session without authentication (who sees everything).</summary>
    public static string? NameIfAuthenticated(this ClaimsPrincipal user) => user.Identity is { IsAuthenticated: true, Name: { } name } ? name : null;

    /// <summary>The options of a query run as <paramref name="user"/> (unchanged for an anonymous caller of a session without authentication).</summary>
    public static QueryOptions RunAs(this QueryOptions options, ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, Name: { } name } ? options with { User = name, Roles = user.RoleNames() } : options;
}
