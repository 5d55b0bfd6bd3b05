using System.Globalization;
using System.Text.Json;
using Cuboid.Tests.Support;

namespace Cuboid.Tests.Sessions;

/// <summary>
/// SessionConfig.I18n: translation files read and checked at start, the locale a request gets, captions of the
/// structure, of members and of results in it, values formatted for it, and the template to start a file from.
/// </summary>
public sealed class TranslationTests
{
    private const string French = """
        {
          "_CUBES_": { "Sales": "Ventes" },
          "_DIMENSIONS_": { "sales": "Ventes" },
          "_HIERARCHIES_": { "shop": "Magasin" },
          "_MEASURES_": { "amount.SUM": "Montant" },
          "_MEMBERS_": { "Lyon": "Lyon (Rhône)", "[sales].[shop].[Paris]": "Paris (Seine)" },
          "_GENERAL_": { "shop": "Boutique" },
          "_APP_": { "home.newDashboard": "Nouveau tableau" }
        }
        """;

    private static string Folder(params (string File, string Json)[] files)
    {
        var folder = TestData.TempDirectory();
        foreach (var (file, json) in files) File.WriteAllText(Path.Combine(folder, file), json);
        return folder;
    }

    private static (Session Session, Cube Cube) Start(string folder, string defaultLocale = "en")
    {
        var session = Session.Start(new SessionConfig { Name = null, Port = null, I18n = new I18nConfig { DefaultLocale = defaultLocale, Translations = folder } });
        var table = session.CreateTable("sales", new Dictionary<string, DataType> { ["id"] = DataType.Int, ["shop"] = DataType.String, ["amount"] = DataType.Double }, ["id"]);
        table.Append([1, "Paris", 1234.5], [2, "Lyon", 10.0], [3, "Nice", 2.25]);
        var cube = session.CreateCube(table, "Sales");
        cube.Measures["amount.SUM"].Formatter = "DOUBLE[#,##0.00]";
        return (session, cube);
    }

    [Fact]
    public void TheStructureIsCaptionedInTheLocaleAskedForAndNamedOtherwise()
    {
        var (session, cube) = Start(Folder(("fr.json", French)));
        using var _ = session;
        var french = cube.Describe(locale: "fr-FR,fr;q=0.9,en;q=0.8");
        Assert.Equal(("Sales", "Ventes"), (french.Name, french.Caption));
        var shop = Assert.Single(french.Hierarchies, h => h.Name == "shop");
        Assert.Equal(("Magasin", "Ventes"), (shop.Caption, shop.DimensionCaption));
        Assert.Equal("Boutique", shop.Levels.Single(l => l.Name == "shop").Caption);   // _LEVELS_ has none: _GENERAL_'s
        Assert.Equal("Montant", french.Measures.Single(m => m.Name == "amount.SUM").Caption);
        Assert.Equal("contributors.COUNT", french.Measures.Single(m => m.Name == "contributors.COUNT").Caption);   // untranslated: its name

        var named = cube.Describe();
        Assert.Equal(("Sales", "shop", "amount.SUM"), (named.Caption, named.Hierarchies.Single(h => h.Name == "shop").Caption, named.Measures.Single(m => m.Name == "amount.SUM").Caption));
        Assert.Equal("Sales", cube.Describe(locale: "en-GB").Caption);   // English is offered, without a file: names

        var members = cube.Members("[sales].[shop].[shop]", search: "seine", locale: "fr");
        Assert.Equal(["Paris (Seine)"], members.Members.Select(m => m.Caption));   // searched in the translated captions
        Assert.Equal(["Lyon (Rhône)", "Nice", "Paris (Seine)"], cube.Members("[sales].[shop].[shop]", locale: "fr").Members.Select(m => m.Caption));
    }

    [Fact]
    public void AResultSpeaksItsLocaleCaptionsAndNumbers()
    {
        var (session, _) = Start(Folder(("fr.json", French)));
        using var __ = session;
        const string mdx = "SELECT [Measures].[amount.SUM] ON COLUMNS, [sales].[shop].[shop].Members ON ROWS FROM [Sales]";
        var french = session.QueryMdx(mdx, new QueryOptions { Locale = "fr" }, TestContext.Current.CancellationToken).CellSet!;
        Assert.Equal(["Lyon (Rhône)", "Nice", "Paris (Seine)"], french.Axes[1].Positions.Select(p => p.Members[0].Caption));
        Assert.Equal(["Lyon", "Nice", "Paris"], french.Axes[1].Positions.Select(p => p.Members[0].Name));   // names and unique names stay
        Assert.Equal("Montant", french.Axes[0].Positions[0].Members[0].Caption);
        var paris = french.Cells[2];
        Assert.Equal(1234.5.ToString("#,##0.00", CultureInfo.GetCultureInfo("fr")), paris.FormattedValue);
        Assert.NotEqual("1,234.50", paris.FormattedValue);

        var plain = session.QueryMdx(mdx).CellSet!;
        Assert.Equal("Paris", plain.Axes[1].Positions[2].Members[0].Caption);
        Assert.Equal("1,234.50", plain.Cells[2].FormattedValue);
    }

    [Fact]
    public void ARequestGetsTheBestLocaleOffered()
    {
        var (session, _) = Start(Folder(("fr.json", French), ("de-CH.json", """{ "_CUBES_": { "Sales": "Verkauf" } }""")), defaultLocale: "fr");
        using var __ = session;
        var translations = session.Translations;
        Assert.Equal(["de-CH", "en", "fr"], translations.Locales);
        Assert.Equal("de-CH", translations.Resolve("de-ch"));
        Assert.Equal("en", translations.Resolve("ja, en-US;q=0.5, de;q=0.2"));   // by quality; de-CH is no answer to de
        Assert.Equal("fr", translations.Resolve("fr-CA"));
        Assert.Equal("fr", translations.Resolve("ja"));   // the default
        Assert.Equal("fr", translations.Resolve(""));
        Assert.Equal(new Dictionary<string, string> { ["home.newDashboard"] = "Nouveau tableau" }, translations.AppStrings["fr"]);
        Assert.False(translations.AppStrings.ContainsKey("de-CH"));
    }

    [Fact]
    public void BadTranslationFilesAreRefusedNamingTheFileAndTheKey()
    {
        string Refused(string json, string file = "fr.json")
        {
            var folder = Folder((file, json));
            return Assert.ThrowsAny<ArgumentException>(() => Session.Start(new SessionConfig { Name = null, Port = null, I18n = new I18nConfig { Translations = folder } })).Message
                .Replace(folder + Path.DirectorySeparatorChar, "", StringComparison.Ordinal);
        }

        Assert.StartsWith("Translation file 'fr.json': unknown lexicon '_CUBE_'; the lexicons are _GENERAL_, _CUBES_,", Refused("""{ "_CUBE_": {} }"""), StringComparison.Ordinal);
        Assert.Equal("Translation file 'fr.json': '_MEASURES_'.'amount.SUM' is not a string.", Refused("""{ "_MEASURES_": { "amount.SUM": 3 } }"""));
        Assert.Equal("Translation file 'fr.json' is not JSON: line 2, position 3.", Refused("{\n  oops }"));
        Assert.Equal("Translation file 'fr.json' is not a JSON object of lexicons.", Refused("[]"));
        Assert.Equal("Translation file 'not a locale!.json': 'not a locale!' is not a locale (name files fr.json, de-CH.json…).", Refused("{}", "not a locale!.json"));
        Assert.Equal("I18nConfig.Translations: no folder at '/nowhere/at/all'.",
            Assert.Throws<DirectoryNotFoundException>(() => Session.Start(new SessionConfig { Name = null, Port = null, I18n = new I18nConfig { Translations = "/nowhere/at/all" } })).Message);
    }

    [Fact]
    public void TheTemplateListsEveryCaptionAndTheChosenMembersAndReadsBackAsATranslationFile()
    {
        var folder = TestData.TempDirectory();
        var path = Path.Combine(folder, "fr.json");
        using (var session = Session.Start(new SessionConfig { Name = null, Port = null }))
        {
            var table = session.CreateTable("sales", new Dictionary<string, DataType> { ["id"] = DataType.Int, ["shop"] = DataType.String, ["amount"] = DataType.Double }, ["id"]);
            table.Append([1, "Paris", 1.0], [2, "Lyon", 2.0]);
            var cube = session.CreateCube(table, "Sales");
            session.ExportTranslationsTemplate(path, [cube.Levels["shop"]]);
            var other = Session.Start(new SessionConfig { Name = null, Port = null });
            using (other)
            {
                var elsewhere = other.CreateCube(other.CreateTable("t", new Dictionary<string, DataType> { ["k"] = DataType.Int }, ["k"]), "T");
                Assert.Equal("Level [t].[k].[k] is not a level of this session's cubes. (Parameter 'memberLevels')",
                    Assert.Throws<ArgumentException>(() => session.ExportTranslationsTemplate(path, [elsewhere.Levels["k"]])).Message);
            }
        }
        var template = JsonDocument.Parse(File.ReadAllText(path)).RootElement;
        Assert.Equal(["_CUBES_", "_DIMENSIONS_", "_HIERARCHIES_", "_LEVELS_", "_MEASURES_", "_MEMBERS_"], template.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Sales", template.GetProperty("_CUBES_").GetProperty("Sales").GetString());
        Assert.Equal(["amount.MEAN", "amount.SUM", "contributors.COUNT", "update.TIMESTAMP"], template.GetProperty("_MEASURES_").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["id", "shop"], template.GetProperty("_LEVELS_").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["[sales].[shop].[Lyon]", "[sales].[shop].[Paris]"], template.GetProperty("_MEMBERS_").EnumerateObject().Select(p => p.Name));

        // Translated and put in a folder, it is a translation file.
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"[sales].[shop].[Lyon]\": \"Lyon\"", "\"[sales].[shop].[Lyon]\": \"Lugdunum\"", StringComparison.Ordinal));
        var (translated, translatedCube) = Start(folder);
        using var _ = translated;
        Assert.Equal(["Lugdunum", "Nice", "Paris"], translatedCube.Members("[sales].[shop].[shop]", locale: "fr").Members.Select(m => m.Caption));
    }
}
