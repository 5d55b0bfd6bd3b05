using System.Text.RegularExpressions;

namespace Cuboid;

/// <summary>
/// How the web app presents itself (Atoti's <c>branding</c>): its name in the title bar, the browser tab and the login
/// page, its logos, its tab icon and its accent colour (buttons, selections, links). Files are read once, at start.
/// </summary>
public sealed partial record BrandingConfig
{
    /// <summary>The largest logo or icon file accepted: they are sent with every page.</summary>
    public const long MaxFileBytes = 1024 * 1024;

    /// <summary>The app's name: the browser tab's title and the text beside the logo. <c>Cuboid</c> when null.</summary>
    public string? Title { get; init; }

    /// <summary>An SVG or PNG file: the logo on light backgrounds (the login page), and everywhere when <see cref="DarkLogo"/> is null.</summary>
    public string? Logo { get; init; }

    /// <summary>An SVG or PNG file: the logo on dark backgrounds (the title bar).</summary>
    public string? DarkLogo { get; init; }

    /// <summary>An SVG, PNG or ICO file: the browser tab's icon.</summary>
    public string? Favicon { get; init; }

    /// <summary>The accent colour as CSS hex (<c>#d9480f</c>, <c>#fa0</c>) or <c>rgb(…)</c>/<c>hsl(…)</c>; the app's blue when null.</summary>
    public string? AccentColor { get; init; }

    [GeneratedRegex(@"^(#([0-9a-fA-F]{3}|[0-9a-fA-F]{4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})|(rgb|rgba|hsl|hsla)\(\s*[0-9.%,\s/deg-]+\))$")]
    private static partial Regex Color();

    /// <summary>Refuses what the app could not show, naming the setting at fault: a missing or too large file, an unknown image type, a colour CSS would not read.</summary>
    internal void Validate()
    {
        if (Title is { Length: > 200 }) throw new ArgumentException("BrandingConfig.Title is longer than 200 characters.");
        if (AccentColor is { } color && !Color().IsMatch(color))
        {
            throw new ArgumentException($"BrandingConfig.AccentColor '{color}' is not a CSS colour: give #rrggbb, #rgb, rgb(…) or hsl(…).");
        }
        Check(nameof(Logo), Logo, [".svg", ".png"]);
        Check(nameof(DarkLogo), DarkLogo, [".svg", ".png"]);
        Check(nameof(Favicon), Favicon, [".svg", ".png", ".ico"]);
    }

    private static void Check(string setting, string? path, string[] extensions)
    {
        if (path is null) return;
        if (!extensions.Contains(Path.GetExtension(path).ToLowerInvariant()))
        {
            throw new ArgumentException($"BrandingConfig.{setting} '{path}' is not a {string.Join(" or ", extensions)} file.");
        }
        var file = new FileInfo(path);
        if (!file.Exists) throw new FileNotFoundException($"BrandingConfig.{setting}: no file at '{path}'.", path);
        if (file.Length > MaxFileBytes)
        {
            throw new ArgumentException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"BrandingConfig.{setting} '{path}' holds {file.Length:N0} bytes; at most {MaxFileBytes:N0} are accepted (they are sent with every page)."));
        }
    }
}
