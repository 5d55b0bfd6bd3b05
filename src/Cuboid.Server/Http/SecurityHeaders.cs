using Microsoft.AspNetCore.Http;

namespace Cuboid.Server.Http;

/// <summary>
/// The browser-side defences on every response: a Content-Security-Policy that lets the web app load only its own
/// scripts, styles and data (and be framed only by its own pages), no MIME sniffing, no referrer sent to other sites.
/// The app has no inline script; its libraries set inline styles, which the policy allows.
/// </summary>
internal sealed class SecurityHeaders(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        var host = context.Request.Host.Value;
        headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
            + $"font-src 'self' data:; connect-src 'self' ws://{host} wss://{host}; frame-ancestors 'self'; base-uri 'self'; form-action 'self'; object-src 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "SAMEORIGIN";
        headers["Referrer-Policy"] = "same-origin";
        return next(context);
    }
}
