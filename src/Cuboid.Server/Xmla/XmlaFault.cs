using System.Xml;
using Cuboid.Server.Http;

namespace Cuboid.Server.Xmla;

/// <summary>
/// A SOAP 1.1 fault as XMLA clients read it: faultcode and faultstring, and in the detail an Error
/// with the code and description (an MDX error carries its diagnostics: code, line:column, message).
/// Never a stack trace or a data value beyond what the caller's own statement holds.
/// </summary>
internal sealed record XmlaFault(string Code, string Message)
{
    /// <summary>The fault for an error met answering a request; null for errors that are the server's own (they propagate, logged with an id).</summary>
    public static XmlaFault? Of(Exception error) => error switch
    {
        XmlaException x => new(x.Code, x.Message),
        MdxException mdx => new("MDX." + (mdx.Diagnostics.Count > 0 ? mdx.Diagnostics[0].Code : "Error"), string.Join("\n", mdx.Diagnostics.Select(d => d.ToString()))),
        BodyTooLargeException => new("XMLA.RequestTooLarge", $"The request is larger than {SessionServer.MaxBodyBytes / (1024 * 1024)} MB."),
        Microsoft.AspNetCore.Http.BadHttpRequestException bad => new("XMLA.BadRequest", bad.Message),
        KeyNotFoundException or ArgumentException => new("XMLA.InvalidArgument", error.Message),
        OperationCanceledException => new("XMLA.Cancelled", "The request was cancelled."),
        _ => null,
    };

    public void Write(XmlWriter writer)
    {
        writer.WriteStartElement("Body", XmlaNamespaces.Soap);
        writer.WriteStartElement("Fault", XmlaNamespaces.Soap);
        writer.WriteElementString("faultcode", $"soap:Client.{Code}");
        writer.WriteElementString("faultstring", Message);
        writer.WriteElementString("faultactor", "Cuboid");
        writer.WriteStartElement("detail");
        writer.WriteStartElement("Error");
        writer.WriteAttributeString("ErrorCode", Code);
        writer.WriteAttributeString("Description", Message);
        writer.WriteAttributeString("Source", "Cuboid");
        writer.WriteAttributeString("HelpFile", "");
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndElement();
    }
}
