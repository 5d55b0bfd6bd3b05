using System.Text;
using System.Xml;
using Cuboid.Server.Http;
using Cuboid.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace Cuboid.Server.Xmla;

/// <summary>
/// POST /xmla: XML for Analysis 1.1 over SOAP, as Excel ("From Analysis Services"), olap4j and other
/// OLAP clients speak it. Discover answers the schema rowsets; Execute runs MDX and answers a
/// multidimensional data set (or, for a DRILLTHROUGH or Format Tabular, a rowset). The route goes
/// through the session's authentication like every other (Excel sends HTTP Basic), and every rowset
/// and cell is read as the caller: their roles' restrictions and hidden structure apply. Every
/// failure is a SOAP fault; none reaches the server's other error handling.
/// </summary>
internal static class XmlaEndpoint
{
    public const string Route = "/xmla";

    public static void MapXmla(this IEndpointRouteBuilder app)
    {
        var sessions = new XmlaSessions();
        app.MapPost(Route, async (Session session, HttpContext context) =>
        {
            try
            {
                var body = await ReadBodyAsync(context);
                var request = XmlaRequest.Parse(body);
                var sessionId = sessions.Track(request);
                var user = context.User;
                var xmla = new XmlaContext(session, user.NameIfAuthenticated(), user.RoleNames(), request, CatalogName(session));
                await WriteAsync(context, 200, writer => XmlaResponse.Write(writer, xmla, sessionId));
            }
            catch (Exception error) when (XmlaFault.Of(error) is { } fault)
            {
                // HTTP 200, as SSAS answers faults: clients read the fault from the body (olap4j discards the body of an error status).
                await WriteAsync(context, 200, writer => fault.Write(writer));
            }
        });
    }

    /// <summary>Bodies up to this size are read to the end even when too large, so that the client gets its fault rather than a reset connection.</summary>
    private const long DrainedBytes = 64L << 20;

    private static async Task<string> ReadBodyAsync(HttpContext context)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit && context.Request.ContentLength is null or <= DrainedBytes)
        {
            limit.MaxRequestBodySize = DrainedBytes;
        }
        try
        {
            return await RequestBody.ReadTextAsync(context.Request);
        }
        catch (BodyTooLargeException)
        {
            // Read the rest and drop it (Kestrel stops at DrainedBytes), then answer.
            var sink = new byte[64 * 1024];
            while (await context.Request.Body.ReadAsync(sink, context.RequestAborted) > 0)
            {
            }
            throw;
        }
    }

    /// <summary>The one catalog: the session's name, or "Cuboid".</summary>
    public static string CatalogName(Session session) => session.Config.Name ?? "Cuboid";

    private static async Task WriteAsync(HttpContext context, int status, Action<XmlWriter> write)
    {
        // Built in memory, then sent: a failure half way becomes a fault, not a truncated document.
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement("soap", "Envelope", XmlaNamespaces.Soap);
            write(writer);
            writer.WriteEndElement();
            writer.WriteEndDocument();
        }
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/xml; charset=utf-8";
        context.Response.ContentLength = buffer.Length;
        await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted);
    }
}
