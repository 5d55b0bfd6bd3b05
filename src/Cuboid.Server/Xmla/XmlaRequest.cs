using System.Xml;

namespace Cuboid.Server.Xmla;

/// <summary>A request the XMLA endpoint refuses: a SOAP fault with this code and message, the server unharmed.</summary>
internal sealed class XmlaException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>
/// One SOAP request to the XMLA endpoint: a Discover (a rowset, its restrictions and properties) or
/// an Execute (a statement and its properties), with the session headers (BeginSession, Session,
/// EndSession). Read with a reader that refuses DTDs and never resolves external entities (no XXE).
/// </summary>
internal sealed record XmlaRequest(
    string Method,
    string? RequestType,
    string? Statement,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Restrictions,
    IReadOnlyDictionary<string, string> Properties,
    bool BeginSession,
    string? SessionId,
    bool EndSession)
{
    public const string SoapNamespace = "http://schemas.xmlsoap.org/soap/envelope/";
    public const string XmlaNamespace = "urn:schemas-microsoft-com:xml-analysis";

    /// <summary>A property of the request (names compare without case, as SSAS does), or null.</summary>
    public string? Property(string name) => Properties.TryGetValue(name, out var value) ? value : null;

    /// <summary>A restriction's values (several for a list of accepted values), or empty.</summary>
    public IReadOnlyList<string> Restriction(string name) => Restrictions.TryGetValue(name, out var values) ? values : [];

    /// <summary>A restriction's one value, or null when it is not given.</summary>
    public string? Single(string name) => Restriction(name) is [var one, ..] ? one : null;

    public static XmlaRequest Parse(string body)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            MaxCharactersFromEntities = 0,
        };
        var document = new XmlDocument { XmlResolver = null };
        try
        {
            using var reader = XmlReader.Create(new StringReader(body), settings);
            document.Load(reader);
        }
        catch (XmlException error)
        {
            throw new XmlaException("XMLA.MalformedRequest", $"The request is not well-formed XML ({(error.Message.Contains("DTD", StringComparison.Ordinal) ? "DTDs are not accepted" : $"line {error.LineNumber}, position {error.LinePosition}")}).");
        }
        var envelope = document.DocumentElement;
        if (envelope is null || envelope.LocalName != "Envelope" || envelope.NamespaceURI != SoapNamespace)
        {
            throw new XmlaException("XMLA.MalformedRequest", "The request is not a SOAP 1.1 envelope.");
        }
        var header = Child(envelope, "Header", SoapNamespace);
        var body_ = Child(envelope, "Body", SoapNamespace) ?? throw new XmlaException("XMLA.MalformedRequest", "The SOAP envelope has no Body.");
        var method = body_.ChildNodes.OfType<XmlElement>().FirstOrDefault()
            ?? throw new XmlaException("XMLA.MalformedRequest", "The SOAP body holds no method.");
        if (method.LocalName is not ("Discover" or "Execute"))
        {
            throw new XmlaException("XMLA.UnknownMethod", $"Unknown XMLA method '{method.LocalName}': the methods are Discover and Execute.");
        }
        var properties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (ChildAnyNs(method, "Properties") is { } props && ChildAnyNs(props, "PropertyList") is { } list)
        {
            foreach (var property in list.ChildNodes.OfType<XmlElement>()) properties[property.LocalName] = property.InnerText.Trim();
        }
        var restrictions = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        if (ChildAnyNs(method, "Restrictions") is { } restr && ChildAnyNs(restr, "RestrictionList") is { } rlist)
        {
            foreach (var restriction in rlist.ChildNodes.OfType<XmlElement>())
            {
                // A list of accepted values is written as <Value> children (or as the same element repeated).
                var values = restriction.ChildNodes.OfType<XmlElement>().Where(e => e.LocalName == "Value").Select(e => e.InnerText).ToList();
                if (values.Count == 0) values = [restriction.InnerText];
                restrictions[restriction.LocalName] = restrictions.TryGetValue(restriction.LocalName, out var known) ? [.. known, .. values] : values;
            }
        }
        string? requestType = null, statement = null;
        if (method.LocalName == "Discover")
        {
            requestType = ChildAnyNs(method, "RequestType")?.InnerText.Trim();
            if (string.IsNullOrEmpty(requestType)) throw new XmlaException("XMLA.MalformedRequest", "The Discover request has no RequestType.");
        }
        else
        {
            statement = ChildAnyNs(method, "Command") is { } command ? ChildAnyNs(command, "Statement")?.InnerText : null;
        }
        return new XmlaRequest(method.LocalName, requestType, statement, restrictions, properties,
            BeginSession: header is not null && ChildAnyNs(header, "BeginSession") is not null,
            SessionId: header is null ? null : (ChildAnyNs(header, "Session") ?? ChildAnyNs(header, "EndSession"))?.GetAttribute("SessionId"),
            EndSession: header is not null && ChildAnyNs(header, "EndSession") is not null);
    }

    private static XmlElement? Child(XmlElement parent, string name, string ns) =>
        parent.ChildNodes.OfType<XmlElement>().FirstOrDefault(e => e.LocalName == name && e.NamespaceURI == ns);

    /// <summary>Clients differ on namespaces inside the method (some leave them off): matched by local name.</summary>
    private static XmlElement? ChildAnyNs(XmlElement parent, string name) =>
        parent.ChildNodes.OfType<XmlElement>().FirstOrDefault(e => e.LocalName == name);
}
