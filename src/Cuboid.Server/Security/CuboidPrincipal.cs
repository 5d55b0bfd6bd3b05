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

    /// <summary>How the user first proved who they are (Basic…), carried in the tokens issued to them.</summary>
    public const string SourceClaim = "src";

    public static ClaimsPrincipal Create(Session session, string name, string source, string scheme, IEnumerable<string>? granted = null)
    {
        var claims = new List<Claim> { new(NameClaim, name), new(SourceClaim, source) };
        claims.AddRange(session.Security.RolesOf(name, granted).Select(role => new Claim(RoleClaim, role)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, NameClaim, RoleClaim));
    }

    public static string? Source(this ClaimsPrincipal user) => user.FindFirst(SourceClaim)?.Value;

    public static IReadOnlyList<string> RoleNames(this ClaimsPrincipal user) => [.. user.FindAll(RoleClaim).Select(c => c.Value)];
}
