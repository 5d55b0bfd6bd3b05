using System.Security.Claims;
using idunno.Authentication.Basic;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Cuboid.Server.Security;

/// <summary>
/// Authentication and authorization for the session's server, on ASP.NET Core's handlers: with
/// <see cref="SessionConfig.Authentication"/> set, a request proves its user by a password (Basic) or by a token
/// the session issued (Bearer), and a fallback policy makes every endpoint require a user with
/// <see cref="Roles.User"/> or <see cref="Roles.Admin"/> — the web app's shell alone is marked anonymous — so a
/// route added later is protected without a word. Without it, the server serves anyone who reaches it, as before.
/// </summary>
internal static class ServerSecurity
{
    /// <summary>The scheme requests are authenticated with: it picks Bearer when the request carries a token, the login scheme otherwise.</summary>
    public const string Scheme = "Cuboid";

    public static bool Enabled(this Session session) => session.Config.Authentication is not null;

    public static void AddSecurity(this IServiceCollection services, Session session, TokenIssuer tokens)
    {
        if (!session.Enabled())
        {
            services.AddAuthorization();
            return;
        }
        var login = session.Config.Authentication switch
        {
            BasicAuthenticationConfig => BasicAuthenticationDefaults.AuthenticationScheme,
            var other => throw new NotSupportedException($"{other!.GetType().Name} is not supported by this server."),
        };
        var authentication = services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, Scheme, o => o.ForwardDefaultSelector = context => HasToken(context.Request) ? JwtBearerDefaults.AuthenticationScheme : login)
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
                        var name = context.Principal!.FindFirstValue(CuboidPrincipal.NameClaim)!;
                        var source = context.Principal!.Source() ?? "";
                        // A token outlives no user: one removed from the Basic credentials is refused at the next request.
                        if (source == BasicAuthenticationDefaults.AuthenticationScheme && !session.Security.BasicAuthentication.Contains(name))
                        {
                            context.Fail("The token's user no longer exists.");
                            return Task.CompletedTask;
                        }
                        var granted = context.Principal!.FindAll("granted").Select(c => c.Value);
                        context.Principal = CuboidPrincipal.Create(session, name, source, JwtBearerDefaults.AuthenticationScheme, granted);
                        return Task.CompletedTask;
                    },
                };
            });
        if (session.Config.Authentication is BasicAuthenticationConfig basic)
        {
            authentication.AddBasic(o =>
            {
                o.Realm = basic.Realm;
                // Over HTTP too: the default serves loopback only, and beyond it the session warns without HTTPS.
                o.AllowInsecureProtocol = true;
                o.Events = new BasicAuthenticationEvents
                {
                    OnValidateCredentials = context =>
                    {
                        if (session.Security.BasicAuthentication.Verify(context.Username, context.Password))
                        {
                            context.Principal = CuboidPrincipal.Create(session, context.Username, BasicAuthenticationDefaults.AuthenticationScheme, context.Scheme.Name);
                            context.Success();
                        }
                        else
                        {
                            session.Warn($"failed Basic login for user '{context.Username}' from {context.HttpContext.Connection.RemoteIpAddress}");
                        }
                        return Task.CompletedTask;
                    },
                };
            });
        }
        services.AddAuthorization(o => o.FallbackPolicy = new AuthorizationPolicyBuilder(Scheme)
            .RequireAuthenticatedUser()
            .RequireRole(Roles.User, Roles.Admin)
            .Build());
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResults>();
    }

    public static void UseSecurity(this WebApplication app, Session session)
    {
        if (session.Enabled()) app.UseAuthentication();
        app.UseAuthorization();
    }

    private static bool HasToken(HttpRequest request) =>
        request.Headers.Authorization is [{ } header] && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
        || request.HttpContext.WebSockets.IsWebSocketRequest && request.Query.ContainsKey("access_token");
}
