namespace Cuboid;

/// <summary>
/// The languages the session speaks (Atoti's <c>i18n</c>): captions of cubes, dimensions, hierarchies, levels,
/// measures and members, and the web app's own strings, in the language each request asks for (the browser's, or
/// the one its user picked), with numbers and dates formatted for it. The web app ships English and French.
/// </summary>
public sealed record I18nConfig
{
    /// <summary>The locale of requests that ask for none the session offers: <c>en</c> by default.</summary>
    public string DefaultLocale { get; init; } = "en";

    /// <summary>
    /// A folder of translation files, one a locale named after it (<c>fr.json</c>, <c>de-CH.json</c>): JSON objects of
    /// lexicons — <c>_CUBES_</c>, <c>_DIMENSIONS_</c>, <c>_HIERARCHIES_</c>, <c>_LEVELS_</c>, <c>_MEASURES_</c>,
    /// <c>_MEMBERS_</c> (by unique name or caption), <c>_GENERAL_</c> (the fallback of the others) and <c>_APP_</c> (the
    /// web app's strings, by key) — each mapping a name to its translation. <see cref="Session.ExportTranslationsTemplate"/>
    /// writes one to start from. Null: captions stay as named.
    /// </summary>
    public string? Translations { get; init; }
}
