using Cuboid.Server.Http;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace Cuboid.Server.Security;

/// <summary>The body of <c>POST /api/auth/login</c>.</summary>
internal sealed record LoginBody(string? User, string? Password);

/// <summary>
/// GET /api/auth/me (the caller: name and roles), POST /api/auth/token (a token for the caller, to send as
/// <c>Authorization: Bearer</c>); with authentication, the web app's login: GET /api/auth/csrf (the anti-forgery
/// token its form sends), POST /api/auth/login (a name and password for the session cookie) and POST /api/auth/logout.
/// </summary>
internal static class AuthEndpoints
{
    public static void MapAuth(this IEndpointRouteBuilder app, Session session, TokenIssuer tokens)
    {
        app.MapGet("/api/auth/me", (HttpContext context) => HttpResults.Json(
            new { name = context.User.Identity?.Name, roles = context.User.RoleNames(), authenticated = context.User.Identity?.IsAuthenticated ?? false }, ServerJson.Options));

        app.MapPost("/api/auth/token", (HttpContext context) => session.Enabled()
            ? HttpResults.Json(new { accessToken = tokens.Issue(context.User), tokenType = "Bearer", expiresIn = (int)tokens.Lifetime.TotalSeconds }, ServerJson.Options)
            : Problems.NotFound("The session has no authentication (SessionConfig.Authentication): there is nobody to issue a token to."));

        if (!session.Enabled()) return;

        // What the web app's login page offers: a form for a name and password, a provider's button, or both.
        app.MapGet("/api/auth/login-methods", (LoginSource source) => HttpResults.Json(
            new { password = source.TakesPasswords, oidc = (session.Config.Authentication as OidcConfig)?.ProviderId }, ServerJson.Options)).AllowAnonymous();

        if (session.Config.Authentication is OidcConfig)
        {
            // A navigation, not a call: the browser goes to the provider and comes back to the app with the session cookie.
            app.MapGet("/api/auth/oidc/login", () => HttpResults.Challenge(new AuthenticationProperties { RedirectUri = "/" }, [OidcLogin.Scheme])).AllowAnonymous();
        }

        app.MapGet("/api/auth/csrf", (HttpContext context, IAntiforgery antiforgery) =>
            HttpResults.Json(new { token = antiforgery.GetAndStoreTokens(context).RequestToken }, ServerJson.Options)).AllowAnonymous();

        app.MapPost("/api/auth/login", async (HttpContext context, LoginSource source, LoginThrottle throttle, IAntiforgery antiforgery) =>
        {
            var body = await RequestBody.ReadJsonAsync<LoginBody>(context.Request);
            var (user, password) = (body.User ?? "", body.Password ?? "");
            var address = context.Connection.RemoteIpAddress;
            throttle.Check(user, address);
            if (user.Length == 0 || source.Check(user, password) is not { } groups)
            {
                throttle.Failed(user, address);
                session.Warn($"failed {source.Name} login for user '{user}' from {address}");
                return Problems.Result(StatusCodes.Status401Unauthorized, "Login failed", "Wrong name or password.");
            }
            var principal = CuboidPrincipal.Create(session, user, source.Name, CookieSession.Scheme, groups);
            await context.SignInAsync(CookieSession.Scheme, principal);
            var from = address?.ToString() ?? "an unknown address";
            SessionEvents.Login(session.Log.Logger, user, source.Name, from);
            context.User = principal;   // the next anti-forgery token belongs to the user now logged in
            return HttpResults.Json(new { name = user, roles = principal.RoleNames(), csrf = antiforgery.GetAndStoreTokens(context).RequestToken }, ServerJson.Options);
        }).AllowAnonymous();

        app.MapPost("/api/auth/logout", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieSession.Scheme);
            return HttpResults.NoContent();
        });
    }
}
