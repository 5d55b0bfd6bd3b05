using Cuboid.Server.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace Cuboid.Server.Security;

/// <summary>
/// A refused request gets what every API error gets, a problem (application/problem+json): 401 with the
/// scheme's challenge (<c>WWW-Authenticate</c>) for a request without a valid user, 403 for a user whose roles
/// the route does not admit. Neither says more about the route than that.
/// </summary>
internal sealed class ProblemAuthorizationResults : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Challenged)
        {
            await context.ChallengeAsync(ServerSecurity.Scheme);
            await Problems.Result(StatusCodes.Status401Unauthorized, "Authentication required",
                "Log in: send the user's credentials (Authorization: Basic), or a token from POST /api/auth/token (Authorization: Bearer).").ExecuteAsync(context);
        }
        else if (result.Forbidden)
        {
            await Problems.Result(StatusCodes.Status403Forbidden, "Forbidden", "The user's roles do not admit this request.").ExecuteAsync(context);
        }
        else
        {
            await _default.HandleAsync(next, context, policy, result);
        }
    }
}
