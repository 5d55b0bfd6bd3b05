using Cuboid.Server.Security;
using Microsoft.AspNetCore.Http;

namespace Cuboid.Server.Http;

/// <summary>
/// The browser-side defences on every response: a Content-Security-Policy that lets the web app load only its own
/// scripts, styles and data (and be framed only by its own pages; the embed page of notebook widgets, by notebooks),
/// no MIME sniffing, no referrer sent to other sites.
/// The app has no inline script; its libraries set inline styles, which the policy allows.
/// </summary>
internal sealed class SecurityHeaders(RequestDelegate next)
{
    /// <summary>The page a notebook's widget frames (<see cref="Session.Widget"/>).</summary>
    public const string EmbedPath = "/embed";

    public Task InvokeAsync(HttpContext context, Session session)
    {
        var headers = context.Response.Headers;
        var host = context.Request.Host.Value;
        var embed = context.Request.Path.Equals(EmbedPath, StringComparison.OrdinalIgnoreCase);
        headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
            + $"font-src 'self' data:; connect-src 'self' ws://{host} wss://{host}; frame-ancestors {(embed ? FramedBy(session) : "'self'")}; base-uri 'self'; form-action 'self'; object-src 'none'";
        headers.XContentTypeOptions = "nosniff";
        if (!embed) headers.XFrameOptions = "SAMEORIGIN";
        headers["Referrer-Policy"] = "same-origin";
        return next(context);
    }

    /// <summary>
    /// Who may frame the embed page: any page when the session has no login (a visitor reads the same data by opening it),
    /// else the session's own pages and <see cref="SessionConfig.AllowedOrigins"/> only — no foreign page may frame a login.
    /// </summary>
    private static string FramedBy(Session session) =>
        !session.Enabled() ? "*" : string.Join(' ', ["'self'", .. session.Config.AllowedOrigins]);
}
