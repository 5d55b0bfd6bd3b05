using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;

namespace Cuboid.Server.Security;

/// <summary>
/// The web app's login: its form posts the name and password once (<c>POST /api/auth/login</c>) and the browser
/// then holds a session cookie — HttpOnly, <see cref="SessionConfig.SameSite"/>, Secure over HTTPS — instead of a
/// password. The user behind it is re-checked at every request (roles of the moment; a removed Basic user is out).
/// </summary>
internal static class CookieSession
{
    public const string Scheme = "Cookies";
    public const string CookieName = "cuboid.session";

    /// <summary>Sent by the web app on its API calls: an anonymous one is answered a bare 401 (its login page), not a password prompt.</summary>
    public const string WebAppHeader = "X-Cuboid-Client";

    public static SameSiteMode SameSiteOf(Session session) => session.Config.SameSite switch
    {
        SameSite.Strict => SameSiteMode.Strict,
        SameSite.None => SameSiteMode.None,
        _ => SameSiteMode.Lax,
    };

    public static void Configure(CookieAuthenticationOptions options, Session session)
    {
        options.Cookie.Name = CookieName;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteOf(session);
        options.Cookie.SecurePolicy = session.Config.Https is null ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        options.ExpireTimeSpan = TimeSpan.FromHours(8);
        options.SlidingExpiration = true;
        options.Events = new CookieAuthenticationEvents
        {
            // An API answers 401/403, never a redirect: the web app shows its own login page.
            OnRedirectToLogin = context =>
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return Task.CompletedTask;
            },
            OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            },
            OnValidatePrincipal = context =>
            {
                var user = CuboidPrincipal.Refresh(session, context.Principal!, Scheme, context.Properties.ExpiresUtc);
                if (user is null) context.RejectPrincipal();
                else context.ReplacePrincipal(user);
                return Task.CompletedTask;
            },
        };
    }
}
