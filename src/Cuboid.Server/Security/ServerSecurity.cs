using System.Security.Claims;
using idunno.Authentication.Basic;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Cuboid.Server.Security;

/// <summary>
/// Authentication and authorization for the session's server, on ASP.NET Core's handlers: with
/// <see cref="SessionConfig.Authentication"/> set, a request proves its user by a name and password (Basic,
/// checked by the <see cref="LoginSource"/>) or by a token the session issued (Bearer), and a fallback policy
/// makes every endpoint require a user with <see cref="Roles.User"/> or <see cref="Roles.Admin"/> — the web app's
/// shell alone is marked anonymous — so a route added later is protected without a word. Without it, the server
/// serves anyone who reaches it, as before.
/// </summary>
internal static class ServerSecurity
{
    /// <summary>The scheme requests are authenticated with: it picks Bearer when the request carries a token, the login scheme otherwise.</summary>
    public const string Scheme = "Cuboid";

    public static bool Enabled(this Session session) => session.Config.Authentication is not null || session.Config.ClientCertificate is not null;

    public static void AddSecurity(this IServiceCollection services, Session session, TokenIssuer tokens, LoginThrottle throttle)
    {
        if (!session.Enabled())
        {
            services.AddAuthorization();
            return;
        }
        // Basic and LDAP users alike send a name and a password (Authorization: Basic); the source checks them.
        // With Kerberos, an anonymous request is challenged to Negotiate instead.
        var login = session.Config.Authentication is KerberosConfig ? NegotiateLogin.SchemeName : BasicAuthenticationDefaults.AuthenticationScheme;
        var source = LoginSource.For(session);
        services.AddSingleton(source);
        services.AddSingleton(throttle);
        var authentication = services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, Scheme, o => o.ForwardDefaultSelector = context => SchemeOf(context.Request, login, session.Config.Authentication as OidcConfig))
            .AddCookie(CookieSession.Scheme, o => CookieSession.Configure(o, session))
            .AddCertificate(ClientCertificates.Scheme, o => ClientCertificates.Configure(o, session))
            .AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = tokens.Validation;
                o.Events = new JwtBearerEvents
                {
                    // A browser cannot set a header on a WebSocket: the live-query socket may carry its token in the query string.
                    OnMessageReceived = context =>
                    {
                        if (context.HttpContext.WebSockets.IsWebSocketRequest && context.Request.Query["access_token"] is [{ } token]) context.Token = token;
                        return Task.CompletedTask;
                    },
                    OnTokenValidated = context =>
                    {
                        var user = CuboidPrincipal.Refresh(session, context.Principal!, JwtBearerDefaults.AuthenticationScheme, new DateTimeOffset(context.SecurityToken.ValidTo, TimeSpan.Zero));
                        if (user is null) context.Fail("The token's user no longer exists.");
                        else context.Principal = user;
                        return Task.CompletedTask;
                    },
                };
            });
        if (session.Config.Authentication is KerberosConfig kerberos)
        {
            NegotiateLogin.UseKeytab(kerberos);
            authentication.AddScheme<AuthenticationSchemeOptions, NegotiateLogin>(NegotiateLogin.SchemeName, null);
        }
        if (session.Config.Authentication is OidcConfig oidc)
        {
            authentication.AddOpenIdConnect(OidcLogin.Scheme, o => OidcLogin.Configure(o, session, oidc));
            if (oidc.AccessTokenAudience is not null) authentication.AddJwtBearer(OidcLogin.AccessTokenScheme, o => OidcLogin.ConfigureAccessTokens(o, session, oidc));
        }
        authentication.AddBasic(o =>
        {
            o.Realm = source.Realm;
            // Over HTTP too: the default serves loopback only, and beyond it the session warns without HTTPS.
            o.AllowInsecureProtocol = true;
            o.Events = new BasicAuthenticationEvents
            {
                OnValidateCredentials = context =>
                {
                    var address = context.HttpContext.Connection.RemoteIpAddress;
                    throttle.Check(context.Username, address);
                    if (source.Check(context.Username, context.Password) is { } groups)
                    {
                        context.Principal = CuboidPrincipal.Create(session, context.Username, source.Name, context.Scheme.Name, groups);
                        context.Success();
                    }
                    else
                    {
                        throttle.Failed(context.Username, address);
                        session.Warn($"failed {source.Name} login for user '{context.Username}' from {address}");
                    }
                    return Task.CompletedTask;
                },
            };
        });
        services.AddAntiforgery(o =>
        {
            o.HeaderName = CsrfCheck.HeaderName;
            o.Cookie.Name = "cuboid.csrf";
            o.Cookie.SameSite = CookieSession.SameSiteOf(session);
            o.Cookie.SecurePolicy = session.Config.Https is null ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });
        services.AddAuthorization(o => o.FallbackPolicy = new AuthorizationPolicyBuilder(Scheme)
            .RequireAuthenticatedUser()
            .RequireRole(Roles.User, Roles.Admin)
            .Build());
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResults>();
    }

    public static void UseSecurity(this WebApplication app, Session session)
    {
        if (session.Enabled())
        {
            app.UseAuthentication();
            app.UseMiddleware<CsrfCheck>();
        }
        app.UseAuthorization();
    }

    /// <summary>
    /// The scheme a request is authenticated (and challenged) with: Bearer with a token, Basic with a password, the
    /// cookie session when it has one or comes from the web app (whose challenge is a bare 401, not the browser's
    /// password prompt); Basic otherwise, so that a script is told how to log in.
    /// </summary>
    private static string SchemeOf(HttpRequest request, string login, OidcConfig? oidc)
    {
        if (request.HttpContext.Connection.ClientCertificate is not null && request.Headers.Authorization.Count == 0) return ClientCertificates.Scheme;
        if (request.Headers.Authorization is [{ } header])
        {
            if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                return oidc?.AccessTokenAudience is not null && OidcLogin.IsProviders(header[7..].Trim(), oidc) ? OidcLogin.AccessTokenScheme : JwtBearerDefaults.AuthenticationScheme;
            }
            if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return BasicAuthenticationDefaults.AuthenticationScheme;
            if (header.StartsWith("Negotiate ", StringComparison.OrdinalIgnoreCase) && login == NegotiateLogin.SchemeName) return NegotiateLogin.SchemeName;
        }
        if (request.HttpContext.WebSockets.IsWebSocketRequest && request.Query.ContainsKey("access_token")) return JwtBearerDefaults.AuthenticationScheme;
        if (request.Cookies.ContainsKey(CookieSession.CookieName) || request.Headers.ContainsKey(CookieSession.WebAppHeader)) return CookieSession.Scheme;
        return login;
    }
}
