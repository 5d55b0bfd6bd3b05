using System.Collections.Concurrent;
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
            XmlaRequest? request = null;
            try
            {
                var body = await ReadBodyAsync(context);
                request = XmlaRequest.Parse(body);
                var sessionId = sessions.Track(request);
                var user = context.User;
                var xmla = new XmlaContext(session, user.NameIfAuthenticated(), user.RoleNames(), request, CatalogName(session));
                await WriteAsync(context, 200, writer => XmlaResponse.Write(writer, xmla, sessionId));
            }
            catch (Exception error) when (XmlaFault.Of(error, request) is { } fault)
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

/// <summary>
/// XMLA sessions (the BeginSession, Session and EndSession headers): ids handed out and checked.
/// A session holds no state of its own here (every request carries its properties); it is kept so
/// that clients which open one get it back, and forgotten after an hour unused or at EndSession.
/// </summary>
internal sealed class XmlaSessions
{
    private const int MaxSessions = 10_000;
    private static readonly TimeSpan s_idle = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<string, DateTime> _sessions = new(StringComparer.Ordinal);

    /// <summary>The session id to answer with (a new one for BeginSession); an unknown id is refused.</summary>
    public string? Track(XmlaRequest request)
    {
        var now = DateTime.UtcNow;
        if (request.BeginSession)
        {
            if (_sessions.Count >= MaxSessions)
            {
                foreach (var (id, seen) in _sessions) if (now - seen > s_idle) _sessions.TryRemove(id, out _);
                if (_sessions.Count >= MaxSessions) throw new XmlaException("XMLA.TooManySessions", "Too many XMLA sessions are open; end some (EndSession) or retry later.");
            }
            var created = Guid.NewGuid().ToString("D");
            _sessions[created] = now;
            return created;
        }
        if (request.SessionId is not { Length: > 0 } sessionId) return null;
        if (!_sessions.TryGetValue(sessionId, out var last) || now - last > s_idle)
        {
            _sessions.TryRemove(sessionId, out _);
            throw new XmlaException("XMLA.InvalidSession", $"XMLA session '{sessionId}' does not exist or has expired; begin a new one.");
        }
        if (request.EndSession)
        {
            _sessions.TryRemove(sessionId, out _);
            return null;
        }
        _sessions[sessionId] = now;
        return sessionId;
    }
}
