using System.Net;
using System.Security;
using System.Text;
using System.Xml.Linq;

namespace Cuboid.Server.Tests.Xmla;

/// <summary>SOAP requests to /xmla, written as clients write them, and their answers as XML.</summary>
internal static class XmlaSoap
{
    public static readonly XNamespace Soap = "http://schemas.xmlsoap.org/soap/envelope/";
    public static readonly XNamespace XmlaNs = "urn:schemas-microsoft-com:xml-analysis";
    public static readonly XNamespace Rowset = "urn:schemas-microsoft-com:xml-analysis:rowset";
    public static readonly XNamespace MdDataSet = "urn:schemas-microsoft-com:xml-analysis:mddataset";

    public static string Discover(string requestType, IEnumerable<(string Name, string Value)>? restrictions = null, IEnumerable<(string Name, string Value)>? properties = null, string header = "") =>
        Envelope($"""<Discover xmlns="urn:schemas-microsoft-com:xml-analysis"><RequestType>{requestType}</RequestType><Restrictions><RestrictionList>{Elements(restrictions)}</RestrictionList></Restrictions><Properties><PropertyList>{Elements(properties)}</PropertyList></Properties></Discover>""", header);

    public static string Execute(string statement, IEnumerable<(string Name, string Value)>? properties = null, string header = "") =>
        Envelope($"""<Execute xmlns="urn:schemas-microsoft-com:xml-analysis"><Command><Statement>{SecurityElement.Escape(statement)}</Statement></Command><Properties><PropertyList>{Elements(properties)}</PropertyList></Properties></Execute>""", header);

    public static string Envelope(string body, string header = "") =>
        $"""<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Header>{header}</soap:Header><soap:Body>{body}</soap:Body></soap:Envelope>""";

    private static string Elements(IEnumerable<(string Name, string Value)>? elements) =>
        string.Concat((elements ?? []).Select(e => $"<{e.Name}>{SecurityElement.Escape(e.Value)}</{e.Name}>"));

    /// <summary>Posts a SOAP body; the answer must be XML with HTTP 200 (faults included, as SSAS sends them).</summary>
    public static async Task<XDocument> PostAsync(HttpClient client, string body, System.Net.Http.Headers.AuthenticationHeaderValue? authorization = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/xmla", UriKind.Relative)) { Content = new StringContent(body, Encoding.UTF8, "text/xml") };
        request.Headers.Authorization = authorization;
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"HTTP {(int)response.StatusCode}: {text}");
        Assert.StartsWith("text/xml", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        return XDocument.Parse(text);
    }

    /// <summary>The rows of a Discover or Tabular answer, as name → text per row.</summary>
    public static List<Dictionary<string, string>> Rows(XDocument answer) =>
        [.. answer.Descendants(Rowset + "row").Select(r => r.Elements().GroupBy(e => e.Name.LocalName).ToDictionary(g => g.Key, g => g.First().Value))];

    /// <summary>The fault's message, or null when the answer is not a fault.</summary>
    public static string? Fault(XDocument answer) => answer.Descendants(Soap + "Fault").FirstOrDefault()?.Element("faultstring")?.Value;
}
