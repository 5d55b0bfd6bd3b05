using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Cuboid.Server.Security;

/// <summary>
/// Logins through an OpenID Connect provider (ASP.NET Core's handler): the authorization-code flow with PKCE, the ID
/// token validated against the provider's keys, issuer and the client id as audience, then the session's own cookie
/// for the user named by <see cref="OidcConfig.NameClaim"/>, with the groups of <see cref="OidcConfig.RolesClaims"/>.
/// </summary>
internal static class OidcLogin
{
    public const string Scheme = OpenIdConnectDefaults.AuthenticationScheme;
    public const string CallbackPath = "/api/auth/oidc/callback";

    public static void Configure(OpenIdConnectOptions options, Session session, OidcConfig config)
    {
        options.Authority = config.IssuerUrl;
        options.RequireHttpsMetadata = config.IssuerUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
        options.ClientId = config.ClientId;
        options.ClientSecret = config.ClientSecret;
        options.ResponseType = OpenIdConnectResponseType.Code;
        // The code comes back on a redirect (GET), not a POST from the provider's page, which the session refuses as
        // a cross-origin write; PKCE and the state keep it from being replayed or forged.
        options.ResponseMode = OpenIdConnectResponseMode.Query;
        options.UsePkce = true;
        options.CallbackPath = CallbackPath;
        options.SignInScheme = CookieSession.Scheme;
        options.MapInboundClaims = false;
        options.GetClaimsFromUserInfoEndpoint = false;
        options.Scope.Clear();
        foreach (var scope in config.Scopes) options.Scope.Add(scope);
        options.Events = new OpenIdConnectEvents
        {
            OnTokenValidated = context =>
            {
                var user = UserOf(session, config, context.Principal!, CookieSession.Scheme, null);
                if (user is null) context.Fail($"The provider's ID token has no '{config.NameClaim}' or 'sub' claim.");
                else context.Principal = user;
                return Task.CompletedTask;
            },
            OnRemoteFailure = context =>
            {
                session.Warn($"OpenID Connect login failed: {context.Failure?.Message}");
                return Task.CompletedTask;
            },
        };
    }

    /// <summary>The scheme of the provider's own access tokens (<see cref="OidcConfig.AccessTokenAudience"/>).</summary>
    public const string AccessTokenScheme = "ProviderBearer";

    /// <summary>Whether <paramref name="token"/> claims to come from the provider (its signature is checked by <see cref="AccessTokenScheme"/>).</summary>
    public static bool IsProviders(string token, OidcConfig config)
    {
        var handler = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler();
        return handler.CanReadToken(token) && string.Equals(handler.ReadJsonWebToken(token).Issuer.TrimEnd('/'), config.IssuerUrl.TrimEnd('/'), StringComparison.Ordinal);
    }

    public static void ConfigureAccessTokens(Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerOptions options, Session session, OidcConfig config)
    {
        options.Authority = config.IssuerUrl;
        options.RequireHttpsMetadata = config.IssuerUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
        options.Audience = config.AccessTokenAudience;
        options.MapInboundClaims = false;
        options.Events = new Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                var user = UserOf(session, config, context.Principal!, AccessTokenScheme, new DateTimeOffset(context.SecurityToken.ValidTo, TimeSpan.Zero));
                if (user is null) context.Fail("The provider's access token names no user or client.");
                else context.Principal = user;
                return Task.CompletedTask;
            },
        };
    }

    /// <summary>
    /// The session's user for a token of the provider: named by <see cref="OidcConfig.NameClaim"/>, else <c>sub</c>, else (a
    /// service's token) <c>client_id</c>; grouped by the values of <see cref="OidcConfig.RolesClaims"/>. Null when it names nobody.
    /// </summary>
    private static System.Security.Claims.ClaimsPrincipal? UserOf(Session session, OidcConfig config, System.Security.Claims.ClaimsPrincipal token, string scheme, DateTimeOffset? expires)
    {
        var name = token.FindFirst(config.NameClaim)?.Value ?? token.FindFirst("sub")?.Value ?? token.FindFirst("client_id")?.Value;
        if (string.IsNullOrEmpty(name)) return null;
        var groups = config.RolesClaims.SelectMany(claim => token.FindAll(claim).Select(c => c.Value)).ToList();
        return CuboidPrincipal.Create(session, name, CuboidPrincipal.Sources.Oidc, scheme, groups, expires);
    }
}
