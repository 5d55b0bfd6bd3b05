using Microsoft.AspNetCore.Http;

namespace Cuboid.Server.Http;

/// <summary>The locale a request's captions and formatted values are given in.</summary>
internal static class RequestLocale
{
    /// <summary>
    /// With <see cref="SessionConfig.I18n"/> set: the request's <c>locale</c> parameter (a browser's WebSocket cannot set
    /// headers), else its <c>Accept-Language</c>, else "" (the default locale); the session picks its best offer. Without
    /// it, null: names as they are and values formatted invariantly, as the C# API gives them.
    /// </summary>
    public static string? LocaleOf(this HttpRequest request, Session session)
    {
        if (session.Config.I18n is null) return null;
        if (request.Query["locale"] is [{ Length: > 0 } locale]) return locale;
        return request.Headers.AcceptLanguage.ToString();
    }
}
