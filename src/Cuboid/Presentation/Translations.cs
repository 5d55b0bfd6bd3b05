using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Cuboid;

/// <summary>What a lexicon of a translation file translates (its JSON name: <c>_CUBES_</c>…).</summary>
internal enum Lexicon
{
    General,
    Cubes,
    Dimensions,
    Hierarchies,
    Levels,
    Measures,
    Members,
    App,
}

/// <summary>
/// The session's translation files (<see cref="I18nConfig.Translations"/>), read and checked at start, and the locale
/// a request gets: the first it accepts that the session offers (exactly, then by language: <c>fr-CA</c> gets
/// <c>fr</c>), else the default. The web app's own languages (English, French) are offered with or without files.
/// </summary>
internal sealed class Translations
{
    /// <summary>The languages the web app ships its own strings in.</summary>
    public static readonly string[] AppLocales = ["en", "fr"];

    /// <summary>The largest translation file read: captions, not data.</summary>
    public const long MaxFileBytes = 16L << 20;

    private readonly Dictionary<string, Dictionary<Lexicon, Dictionary<string, string>>> _byLocale;

    private Translations(string defaultLocale, Dictionary<string, Dictionary<Lexicon, Dictionary<string, string>>> byLocale)
    {
        DefaultLocale = defaultLocale;
        _byLocale = byLocale;
        Locales = [.. AppLocales.Concat(byLocale.Keys).Append(defaultLocale).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)];
    }

    /// <summary>No translation: names are captions, the default locale English.</summary>
    public static Translations None { get; } = new("en", []);

    public string DefaultLocale { get; }

    /// <summary>Every locale offered: the app's, the files', the default.</summary>
    public IReadOnlyList<string> Locales { get; }

    public static Translations Load(I18nConfig? config)
    {
        if (config is null) return None;
        if (CultureOf(config.DefaultLocale) is null) throw new ArgumentException($"I18nConfig.DefaultLocale '{config.DefaultLocale}' is not a locale.");
        var byLocale = new Dictionary<string, Dictionary<Lexicon, Dictionary<string, string>>>(StringComparer.OrdinalIgnoreCase);
        if (config.Translations is { } folder)
        {
            if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"I18nConfig.Translations: no folder at '{folder}'.");
            foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
            {
                var locale = Path.GetFileNameWithoutExtension(file);
                if (CultureOf(locale) is null) throw new ArgumentException($"Translation file '{file}': '{locale}' is not a locale (name files fr.json, de-CH.json…).");
                byLocale[locale] = Read(file);
            }
        }
        return new Translations(config.DefaultLocale, byLocale);
    }

    private static Dictionary<Lexicon, Dictionary<string, string>> Read(string file)
    {
        var length = new FileInfo(file).Length;
        if (length > MaxFileBytes) throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Translation file '{file}' holds {length:N0} bytes; at most {MaxFileBytes:N0} are read."));
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(file), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"Translation file '{file}' is not JSON: line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}.", e);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw new ArgumentException($"Translation file '{file}' is not a JSON object of lexicons.");
            var lexicons = new Dictionary<Lexicon, Dictionary<string, string>>();
            foreach (var lexicon in document.RootElement.EnumerateObject())
            {
                if (LexiconOf(lexicon.Name) is not { } kind)
                {
                    throw new ArgumentException($"Translation file '{file}': unknown lexicon '{lexicon.Name}'; the lexicons are {string.Join(", ", Enum.GetValues<Lexicon>().Select(NameOf))}.");
                }
                if (lexicon.Value.ValueKind != JsonValueKind.Object) throw new ArgumentException($"Translation file '{file}': lexicon '{lexicon.Name}' is not an object of names and translations.");
                var entries = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var entry in lexicon.Value.EnumerateObject())
                {
                    if (entry.Value.ValueKind != JsonValueKind.String) throw new ArgumentException($"Translation file '{file}': '{lexicon.Name}'.'{entry.Name}' is not a string.");
                    entries[entry.Name] = entry.Value.GetString()!;
                }
                lexicons[kind] = entries;
            }
            return lexicons;
        }
    }

    /// <summary><c>_CUBES_</c> for <see cref="Lexicon.Cubes"/>.</summary>
    public static string NameOf(Lexicon lexicon) => "_" + lexicon.ToString().ToUpperInvariant() + "_";

    private static Lexicon? LexiconOf(string name) => Enum.GetValues<Lexicon>().Cast<Lexicon?>().FirstOrDefault(l => NameOf(l!.Value) == name);

    /// <summary>The culture of a locale's name, or null when it names none (.NET accepts any well-formed tag: "xx" too).</summary>
    public static CultureInfo? CultureOf(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale) || locale.Length > 35) return null;
        try
        {
            return CultureInfo.GetCultureInfo(locale);
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// The offered locale that best answers an <c>Accept-Language</c> header (or a plain locale): by quality, exact
    /// names first, then languages; the default when none matches.
    /// </summary>
    public string Resolve(string? accepted)
    {
        if (string.IsNullOrWhiteSpace(accepted)) return DefaultLocale;
        var asked = new List<(string Locale, double Quality)>();
        foreach (var part in accepted.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(32))
        {
            if (StringWithQualityHeaderValue.TryParse(part, out var value) && value.Value != "*") asked.Add((value.Value, value.Quality ?? 1));
        }
        foreach (var (locale, _) in asked.OrderByDescending(a => a.Quality))
        {
            if (Locales.FirstOrDefault(l => string.Equals(l, locale, StringComparison.OrdinalIgnoreCase)) is { } exact) return exact;
            var language = locale.Split('-')[0];
            if (Locales.FirstOrDefault(l => string.Equals(l, language, StringComparison.OrdinalIgnoreCase)) is { } general) return general;
        }
        return DefaultLocale;
    }

    /// <summary>The captions of a locale (resolved first with <see cref="Resolve"/>).</summary>
    public Captions For(string locale) => new(locale, _byLocale.GetValueOrDefault(locale));

    /// <summary>The web app's strings each locale's file overrides (<c>_APP_</c>).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> AppStrings =>
        _byLocale.Where(l => l.Value.ContainsKey(Lexicon.App)).ToDictionary(l => l.Key, l => (IReadOnlyDictionary<string, string>)l.Value[Lexicon.App], StringComparer.Ordinal);
}

/// <summary>One locale's captions: a lexicon's translation of a name, else <c>_GENERAL_</c>'s, else the name.</summary>
internal sealed class Captions(string? locale, Dictionary<Lexicon, Dictionary<string, string>>? lexicons)
{
    /// <summary>No locale: names as they are, values formatted invariantly.</summary>
    public static Captions Untranslated { get; } = new(null, null);

    public string? Locale { get; } = locale;

    /// <summary>The culture numbers and dates are formatted with.</summary>
    public CultureInfo Culture { get; } = Translations.CultureOf(locale) ?? CultureInfo.InvariantCulture;

    public string Of(Lexicon lexicon, string name)
    {
        if (lexicons is null) return name;
        if (lexicons.TryGetValue(lexicon, out var entries) && entries.TryGetValue(name, out var translated)) return translated;
        return lexicons.TryGetValue(Lexicon.General, out var general) && general.TryGetValue(name, out var fallback) ? fallback : name;
    }

    /// <summary>A member's caption: by its unique name, else by its caption.</summary>
    public string OfMember(string uniqueName, string caption)
    {
        if (lexicons is null) return caption;
        return lexicons.TryGetValue(Lexicon.Members, out var members) && members.TryGetValue(uniqueName, out var byName) ? byName : Of(Lexicon.Members, caption);
    }

    /// <summary>A result's member captioned for the locale: a measure by its name (<c>_MEASURES_</c>), others by <see cref="OfMember(string, string)"/>.</summary>
    public Member OfMember(Member member)
    {
        if (lexicons is null) return member;
        var caption = member.HierarchyUniqueName == "[Measures]" ? Of(Lexicon.Measures, member.Name) : OfMember(member.UniqueName, member.Caption);
        return caption == member.Caption ? member : member with { Caption = caption };
    }
}
