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
                var token = context.Principal!;
                var name = token.FindFirst(config.NameClaim)?.Value ?? token.FindFirst("sub")?.Value;
                if (string.IsNullOrEmpty(name))
                {
                    context.Fail($"The provider's ID token has no '{config.NameClaim}' or 'sub' claim.");
                    return Task.CompletedTask;
                }
                var groups = config.RolesClaims.SelectMany(claim => token.FindAll(claim).Select(c => c.Value)).ToList();
                context.Principal = CuboidPrincipal.Create(session, name, CuboidPrincipal.Sources.Oidc, CookieSession.Scheme, groups);
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
                var token = context.Principal!;
                // A user's token names them; a service's (client credentials) names the client.
                var name = token.FindFirst(config.NameClaim)?.Value ?? token.FindFirst("sub")?.Value ?? token.FindFirst("client_id")?.Value;
                if (string.IsNullOrEmpty(name))
                {
                    context.Fail("The provider's access token names no user or client.");
                    return Task.CompletedTask;
                }
                var groups = config.RolesClaims.SelectMany(claim => token.FindAll(claim).Select(c => c.Value)).ToList();
                context.Principal = CuboidPrincipal.Create(session, name, CuboidPrincipal.Sources.Oidc, AccessTokenScheme, groups,
                    new DateTimeOffset(context.SecurityToken.ValidTo, TimeSpan.Zero));
                return Task.CompletedTask;
            },
        };
    }
}
