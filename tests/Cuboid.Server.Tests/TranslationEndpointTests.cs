using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text.Json;

namespace Cuboid.Server.Tests;

/// <summary>SessionConfig.I18n over HTTP: discovery, MDX results and live queries speak the request's locale; the page offers the locales.</summary>
public sealed class TranslationEndpointTests : IDisposable
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private readonly string _folder = Directory.CreateTempSubdirectory("cuboid-i18n-").FullName;

    public TranslationEndpointTests()
    {
        File.WriteAllText(Path.Combine(_folder, "fr.json"), """
            {
              "_CUBES_": { "Sales": "Ventes" },
              "_HIERARCHIES_": { "Shop": "Magasin" },
              "_MEASURES_": { "Quantity.SUM": "Quantité" },
              "_MEMBERS_": { "Lyon": "Lyon (Rhône)" }
            }
            """);
        File.WriteAllText(Path.Combine(_folder, "de.json"), """{ "_APP_": { "home.newDashboard": "Neues Dashboard" } }""");
    }

    private static async Task<JsonElement> GetAsync(ServedSession served, string path, string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.AcceptLanguage.ParseAdd(language);
        using var response = await served.Client.SendAsync(request, Token);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement.Clone();
    }

    private static async Task<JsonElement> MdxAsync(ServedSession served, string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/mdx", UriKind.Relative)) { Content = ServedSession.Json(new { mdx = SmallCube.QuantityByShop }) };
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        using var response = await served.Client.SendAsync(request, Token);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement.Clone();
    }

    private static string[] RowCaptions(JsonElement cellSet) =>
        [.. cellSet.GetProperty("axes")[1].GetProperty("positions").EnumerateArray().Select(p => p.GetProperty("members")[0].GetProperty("caption").GetString()!)];

    [Fact]
    public async Task DiscoveryAndResultsSpeakTheRequestsLocale()
    {
        var (served, _) = SmallCube.Start(new SessionConfig { I18n = new I18nConfig { Translations = _folder } });
        using var _ = served;
        var cube = await GetAsync(served, "/api/cubes/Sales", "fr-FR, en;q=0.5");
        Assert.Equal(("Sales", "Ventes"), (cube.GetProperty("name").GetString(), cube.GetProperty("caption").GetString()));
        var shop = cube.GetProperty("dimensions").EnumerateArray().SelectMany(d => d.GetProperty("hierarchies").EnumerateArray()).Single(h => h.GetProperty("name").GetString() == "Shop");
        Assert.Equal("Magasin", shop.GetProperty("caption").GetString());
        Assert.Equal("Quantité", cube.GetProperty("measures").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "Quantity.SUM").GetProperty("caption").GetString());
        Assert.Equal("Ventes", (await GetAsync(served, "/api/cubes", "fr"))[0].GetProperty("caption").GetString());
        var members = await GetAsync(served, "/api/cubes/Sales/members?level=" + Uri.EscapeDataString("[Sales].[Shop].[Shop]"), "fr");
        Assert.Equal(["Lyon (Rhône)", "Paris"], members.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("caption").GetString()));
        Assert.Equal("Sales", (await GetAsync(served, "/api/cubes/Sales", "en-US")).GetProperty("caption").GetString());

        var french = await MdxAsync(served, "fr");
        Assert.Equal(["Lyon (Rhône)", "Paris"], RowCaptions(french));
        Assert.Equal("Quantité", french.GetProperty("axes")[0].GetProperty("positions")[0].GetProperty("members")[0].GetProperty("caption").GetString());
        Assert.Equal(["Lyon", "Paris"], RowCaptions(await MdxAsync(served, "en")));

        // The live socket names its locale in its URL (a browser's WebSocket sets no header).
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(served.WebSocketUri("/api/live?locale=fr"), Token);
        await LiveSocket.SendAsync(socket, new { type = "register", id = "q", mdx = SmallCube.QuantityByShop });
        var live = await LiveSocket.ReceiveAsync(socket);
        Assert.Equal(["Lyon (Rhône)", "Paris"], RowCaptions(live.GetProperty("cellSet")));
    }

    [Fact]
    public async Task XmlaCaptionsFollowTheLocaleIdentifierExcelSends()
    {
        var (served, _) = SmallCube.Start(new SessionConfig { I18n = new I18nConfig { Translations = _folder } });
        using var _ = served;
        (string, string)[] french = [("Catalog", "Cuboid"), ("LocaleIdentifier", "1036")];   // fr-FR
        var measures = Xmla.XmlaSoap.Rows(await Xmla.XmlaSoap.PostAsync(served.Client, Xmla.XmlaSoap.Discover("MDSCHEMA_MEASURES", [("CUBE_NAME", "Sales")], french)));
        Assert.Equal("Quantité", measures.Single(m => m["MEASURE_NAME"] == "Quantity.SUM")["MEASURE_CAPTION"]);
        var hierarchies = Xmla.XmlaSoap.Rows(await Xmla.XmlaSoap.PostAsync(served.Client, Xmla.XmlaSoap.Discover("MDSCHEMA_HIERARCHIES", [("CUBE_NAME", "Sales")], french)));
        Assert.Equal("Magasin", hierarchies.Single(h => h["HIERARCHY_NAME"] == "Shop")["HIERARCHY_CAPTION"]);
        var cubes = Xmla.XmlaSoap.Rows(await Xmla.XmlaSoap.PostAsync(served.Client, Xmla.XmlaSoap.Discover("MDSCHEMA_CUBES", null, french)));
        Assert.Equal("Ventes", cubes.Single()["CUBE_CAPTION"]);
        var result = await Xmla.XmlaSoap.PostAsync(served.Client, Xmla.XmlaSoap.Execute(SmallCube.QuantityByShop, french));
        var captions = result.Descendants(Xmla.XmlaSoap.MdDataSet + "Caption").Select(c => c.Value).ToList();
        Assert.Contains("Lyon (Rhône)", captions);
        Assert.Contains("Quantité", captions);

        // Without a LocaleIdentifier, the default locale: English, the names.
        var english = Xmla.XmlaSoap.Rows(await Xmla.XmlaSoap.PostAsync(served.Client, Xmla.XmlaSoap.Discover("MDSCHEMA_MEASURES", [("CUBE_NAME", "Sales")])));
        Assert.Equal("Quantity.SUM", english.Single(m => m["MEASURE_NAME"] == "Quantity.SUM")["MEASURE_CAPTION"]);
    }

    [Fact]
    public async Task ThePageOffersTheLocalesAndTheAppStringsOfTheFiles()
    {
        using var served = new ServedSession(new SessionConfig { I18n = new I18nConfig { DefaultLocale = "fr", Translations = _folder } });
        var page = await served.Client.GetStringAsync(new Uri("/", UriKind.Relative), Token);
        Assert.Contains("""
            "defaultLocale":"fr","locales":["de","en","fr"],"appStrings":{"de":{"home.newDashboard":"Neues Dashboard"}}
            """.Trim(), page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutI18nTheApiGivesNamesWhateverTheBrowserSpeaks()
    {
        var (served, _) = SmallCube.Start();
        using var _ = served;
        Assert.Equal("Sales", (await GetAsync(served, "/api/cubes/Sales", "fr")).GetProperty("caption").GetString());
        Assert.Equal(["Lyon", "Paris"], RowCaptions(await MdxAsync(served, "fr")));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
