namespace Cuboid;

/// <summary>
/// Users of an OpenID Connect provider (Keycloak, Entra ID, Okta, Google…): the web app's login sends them to the
/// provider (authorization-code flow with PKCE) and back to <c>/api/auth/oidc/callback</c>, with a session cookie.
/// Their name is <see cref="NameClaim"/>; the values of <see cref="RolesClaims"/> map to roles through
/// <see cref="SessionSecurity.Oidc"/>.
/// </summary>
public sealed record OidcConfig : AuthenticationConfig
{
    /// <summary>The provider's name, on the login page's button.</summary>
    public required string ProviderId { get; init; }

    /// <summary>The provider's issuer; its discovery document is <c>{IssuerUrl}/.well-known/openid-configuration</c>.</summary>
    public required string IssuerUrl { get; init; }

    /// <summary>The session's client id at the provider.</summary>
    public required string ClientId { get; init; }

    /// <summary>The client's secret (never logged).</summary>
    public string? ClientSecret { get; init; }

    /// <summary>The scopes asked for.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = ["openid", "profile"];

    /// <summary>The claim of the ID token that is the user's name (<c>sub</c> when it is missing).</summary>
    public string NameClaim { get; init; } = "name";

    /// <summary>The claims whose values are the user's groups, mapped to roles by <see cref="SessionSecurity.Oidc"/>.</summary>
    public IReadOnlyList<string> RolesClaims { get; init; } = [];

    /// <summary>
    /// The audience of the provider's own access tokens for this session's API (<c>urn:cuboid</c>): when set, a service
    /// holding such a token (the client-credentials grant, say) calls the API with it as <c>Authorization: Bearer</c>,
    /// checked against the provider's keys, issuer, this audience and its lifetime. Null accepts none.
    /// </summary>
    public string? AccessTokenAudience { get; init; }

    /// <summary>Shown without the secret.</summary>
    public override string ToString() => $"OidcConfig {{ ProviderId = {ProviderId}, IssuerUrl = {IssuerUrl}, ClientId = {ClientId} }}";
}
