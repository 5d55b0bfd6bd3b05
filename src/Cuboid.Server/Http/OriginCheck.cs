using Microsoft.AspNetCore.Http;

namespace Cuboid.Server.Http;

/// <summary>
/// Refuses what another web page asks of the session through its visitor's browser: a WebSocket
/// upgrade or a state-changing request (any method but GET, HEAD, OPTIONS) whose <c>Origin</c> is
/// neither the session's own (the page it served) nor one of <see cref="SessionConfig.AllowedOrigins"/>.
/// Requests without an Origin (a program, curl) are not a browser's and pass. Together with the
/// host filter, which refuses names that are not the session's (DNS rebinding), a page on another
/// site can neither read the cubes nor write the content.
/// </summary>
internal sealed class OriginCheck(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, Session session)
    {
        var request = context.Request;
        var guarded = context.WebSockets.IsWebSocketRequest || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));
        if (guarded && request.Headers.Origin is [{ } origin] && !Allowed(origin, request, session.Config))
        {
            await Problems.Result(StatusCodes.Status403Forbidden, "Cross-origin request refused",
                $"A page from {origin} may not {(context.WebSockets.IsWebSocketRequest ? "open a WebSocket on" : "send a " + request.Method + " to")} this session (SessionConfig.AllowedOrigins lists the other sites that may).").ExecuteAsync(context);
            return;
        }
        await next(context);
    }

    private static bool Allowed(string origin, HttpRequest request, SessionConfig config) =>
        string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase)
        || config.AllowedOrigins.Any(o => string.Equals(o.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase));
}
