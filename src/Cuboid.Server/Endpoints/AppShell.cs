using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace Cuboid.Server.Endpoints;

/// <summary>
/// The web app's page as this session serves it: index.html with the session's branding applied (title, tab icon) and
/// the shell's settings (<c>#cuboid-shell</c>, a JSON data block the app reads at start: title, logos, accent colour,
/// the locales offered, the app strings translation files override, the extensions' entry modules),
/// rendered once; and the branding's files under <c>/branding/</c>, read once at start. Both are part of the shell, so
/// they load before a login (the login page shows them); they hold no data.
/// </summary>
internal sealed class AppShell
{
    /// <summary>The default encoder escapes &lt;, &gt; and &amp;: no title can close the data block (the API's relaxed encoder would let it).</summary>
    private static readonly JsonSerializerOptions s_html = new(JsonSerializerDefaults.Web);

    private readonly Dictionary<string, (byte[] Bytes, string ContentType)> _assets = new(StringComparer.Ordinal);
    private readonly BrandingConfig _branding;
    private readonly Translations _translations;
    private readonly IReadOnlyList<object> _extensions;

    private AppShell(BrandingConfig branding, Translations translations, IReadOnlyList<object> extensions) =>
        (_branding, _translations, _extensions) = (branding, translations, extensions);

    public static AppShell For(Session session)
    {
        var shell = new AppShell(session.Config.Branding ?? new BrandingConfig(), session.Translations, AppExtensionFiles.Entries(session));
        shell.Add("logo", shell._branding.Logo);
        shell.Add("dark-logo", shell._branding.DarkLogo);
        shell.Add("favicon", shell._branding.Favicon);
        return shell;
    }

    private void Add(string name, string? path)
    {
        if (path is null) return;
        var extension = Path.GetExtension(path).ToLowerInvariant();
        var type = extension switch { ".svg" => "image/svg+xml", ".png" => "image/png", _ => "image/x-icon" };
        _assets[name + extension] = (File.ReadAllBytes(path), type);
    }

    private string? Url(string name) => _assets.Keys.FirstOrDefault(k => Path.GetFileNameWithoutExtension(k) == name) is { } file ? "/branding/" + file : null;

    /// <summary>What the app reads at start: the settings that change how it looks before any call to the API.</summary>
    private object Settings => new
    {
        title = _branding.Title ?? "Cuboid",
        logo = Url("logo"),
        darkLogo = Url("dark-logo") ?? Url("logo"),
        accentColor = _branding.AccentColor,
        defaultLocale = _translations.DefaultLocale,
        locales = _translations.Locales,
        appStrings = _translations.AppStrings,
        extensions = _extensions,
    };

    /// <summary>index.html with the title, the tab icon and the settings block in place.</summary>
    public string Render(string index)
    {
        var title = WebUtility.HtmlEncode(_branding.Title ?? "Cuboid");
        var html = index.Replace("<title>Cuboid</title>", $"<title>{title}</title>", StringComparison.Ordinal);
        if (Url("favicon") is { } favicon)
        {
            html = html.Replace("""<link rel="icon" href="data:," />""", $"""<link rel="icon" href="{favicon}" />""", StringComparison.Ordinal);
        }
        // A data block, not a script: the policy's script-src 'self' holds.
        var settings = JsonSerializer.Serialize(Settings, s_html);
        return html.Replace("</head>", $"""<script id="cuboid-shell" type="application/json">{settings}</script></head>""", StringComparison.Ordinal);
    }

    /// <summary>GET /branding/{file}: the logos and the icon. An SVG may not run scripts even when opened on its own.</summary>
    public void Map(WebApplication app)
    {
        app.MapGet("/branding/{file}", (HttpContext context, string file) =>
        {
            if (!_assets.TryGetValue(file, out var asset)) return Http.Problems.NotFound($"No branding file '{file}'.");
            context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; sandbox";
            context.Response.Headers.CacheControl = "no-cache";
            return HttpResults.Bytes(asset.Bytes, asset.ContentType);
        }).AllowAnonymous();
    }

    /// <summary>The embedded index.html's text, or null when the build embedded none.</summary>
    public static string? ReadIndex(IFileInfo? index)
    {
        if (index is null) return null;
        using var stream = index.CreateReadStream();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
