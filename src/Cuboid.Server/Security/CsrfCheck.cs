using Cuboid.Server.Http;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace Cuboid.Server.Security;

/// <summary>
/// Requests the browser sends with the session cookie by itself — any method but GET, HEAD and OPTIONS, and the
/// login — must carry the anti-forgery token the web app got from <c>GET /api/auth/csrf</c> (ASP.NET Core's
/// antiforgery), so that another site's page cannot act as the user even where SameSite and the Origin check
/// would not stop it. Requests with a password or a token in their Authorization header are not the browser's own.
/// </summary>
internal sealed class CsrfCheck(RequestDelegate next)
{
    public const string HeaderName = "X-CSRF-TOKEN";

    public async Task InvokeAsync(HttpContext context, IAntiforgery antiforgery)
    {
        var request = context.Request;
        var safe = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method);
        var byCookie = context.User.Identity is { IsAuthenticated: true, AuthenticationType: CookieSession.Scheme } || request.Path.Equals("/api/auth/login");
        if (!safe && byCookie && request.Headers.Authorization.Count == 0)
        {
            try
            {
                await antiforgery.ValidateRequestAsync(context);
            }
            catch (AntiforgeryValidationException)
            {
                await Problems.Result(StatusCodes.Status400BadRequest, "Missing or invalid anti-forgery token",
                    $"A request made with the session cookie needs the token of GET /api/auth/csrf in the {HeaderName} header.").ExecuteAsync(context);
                return;
            }
        }
        await next(context);
    }
}
