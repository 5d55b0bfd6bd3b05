using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace Cuboid.Server.Security;

/// <summary>
/// GET /api/auth/me (the caller: name and roles) and POST /api/auth/token (a token for the caller, to send as
/// <c>Authorization: Bearer</c>). Both need a logged-in user, like every route.
/// </summary>
internal static class AuthEndpoints
{
    public static void MapAuth(this IEndpointRouteBuilder app, Session session, TokenIssuer tokens)
    {
        app.MapGet("/api/auth/me", (HttpContext context) => HttpResults.Json(
            new { name = context.User.Identity?.Name, roles = context.User.RoleNames(), authenticated = context.User.Identity?.IsAuthenticated ?? false }, ServerJson.Options));

        app.MapPost("/api/auth/token", (HttpContext context) => session.Enabled()
            ? HttpResults.Json(new { accessToken = tokens.Issue(context.User), tokenType = "Bearer", expiresIn = (int)tokens.Lifetime.TotalSeconds }, ServerJson.Options)
            : Http.Problems.NotFound("The session has no authentication (SessionConfig.Authentication): there is nobody to issue a token to."));
    }
}
