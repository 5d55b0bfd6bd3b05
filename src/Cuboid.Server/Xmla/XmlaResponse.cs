using System.Xml;
using Cuboid.Server.Security;

namespace Cuboid.Server.Xmla;

/// <summary>Answers a parsed request: the session header when there is one, then the Discover rowset or the Execute result.</summary>
internal static class XmlaResponse
{
    public static void Write(XmlWriter writer, XmlaContext context, string? sessionId)
    {
        var request = context.Request;
        CheckCatalog(context);
        if (sessionId is not null)
        {
            writer.WriteStartElement("Header", XmlaNamespaces.Soap);
            writer.WriteStartElement("Session", XmlaNamespaces.Xmla);
            writer.WriteAttributeString("SessionId", sessionId);
            writer.WriteEndElement();
            writer.WriteEndElement();
        }
        // Computed before anything is written: an error becomes a whole fault.
        Action<XmlWriter> body = request.Method == "Discover" ? Discover(context) : Execute(context);
        writer.WriteStartElement("Body", XmlaNamespaces.Soap);
        writer.WriteStartElement(request.Method + "Response", XmlaNamespaces.Xmla);
        writer.WriteStartElement("return", XmlaNamespaces.Xmla);
        body(writer);
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    /// <summary>A Catalog property other than the session's catalog names nothing here.</summary>
    private static void CheckCatalog(XmlaContext context)
    {
        if (context.Request.Property("Catalog") is { Length: > 0 } catalog && !string.Equals(catalog, context.Catalog, StringComparison.OrdinalIgnoreCase))
        {
            throw new XmlaException("XMLA.UnknownCatalog", $"There is no catalog '{catalog}'; this server's catalog is '{context.Catalog}'.");
        }
    }

    private static Action<XmlWriter> Discover(XmlaContext context)
    {
        var rowset = XmlaRowsets.Find(context.Request.RequestType!)
            ?? throw new XmlaException("XMLA.UnknownRowset", $"Unknown Discover request type '{context.Request.RequestType}' (DISCOVER_SCHEMA_ROWSETS lists the rowsets).");
        var rows = rowset.Select(context).ToList();
        return writer => WriteRowset(writer, rowset, rows, Content(context.Request));
    }

    private static void WriteRowset(XmlWriter writer, XmlaRowset rowset, List<object?[]> rows, XmlaContent content)
    {
        writer.WriteStartElement("root", XmlaNamespaces.Rowset);
        writer.WriteAttributeString("xmlns", "xsd", null, XmlaNamespaces.Xsd);
        writer.WriteAttributeString("xmlns", "xsi", null, XmlaNamespaces.Xsi);
        if (content is XmlaContent.Schema or XmlaContent.SchemaData) RowsetSchema.Write(writer, rowset.Columns);
        if (content is XmlaContent.Data or XmlaContent.SchemaData) rowset.WriteRows(writer, rows);
        writer.WriteEndElement();
    }

    private static Action<XmlWriter> Execute(XmlaContext context)
    {
        var request = context.Request;
        if (string.IsNullOrWhiteSpace(request.Statement))
        {
            // Excel opens sessions with an empty statement: an empty result.
            return writer => writer.WriteElementString("root", XmlaNamespaces.Empty, null);
        }
        var content = Content(request);
        var clusters = request.Property("AxisFormat") switch
        {
            null or "" => false,
            var f when string.Equals(f, "TupleFormat", StringComparison.OrdinalIgnoreCase) => false,
            var f when string.Equals(f, "ClusterFormat", StringComparison.OrdinalIgnoreCase) => true,
            var f => throw new XmlaException("XMLA.UnsupportedProperty", $"AxisFormat '{f}' is not supported: TupleFormat or ClusterFormat."),
        };
        var options = context.Session.Config.RequestLimits.Options(null, null, null) with { KeepTotals = true, MemberChildCounts = true, Locale = context.Locale };
        options = context.User is null ? options : options with { User = context.User, Roles = context.Roles };
        var result = context.Session.QueryMdx(request.Statement, options);
        var tabular = string.Equals(request.Property("Format"), "Tabular", StringComparison.OrdinalIgnoreCase);
        if (result.CellSet is { } cells && !tabular)
        {
            return writer =>
            {
                if (content == XmlaContent.None) writer.WriteElementString("root", XmlaNamespaces.Empty, null);
                else MdDataSet.Write(writer, cells, schema: content is XmlaContent.Schema or XmlaContent.SchemaData, data: content is XmlaContent.Data or XmlaContent.SchemaData, clusters);
            };
        }
        var table = TabularResult.Of(result);
        return writer => WriteRowset(writer, table, [.. table.Select(context)], content);
    }

    private static XmlaContent Content(XmlaRequest request) => request.Property("Content") switch
    {
        null or "" => XmlaContent.SchemaData,
        var value when Enum.TryParse<XmlaContent>(value, ignoreCase: true, out var content) => content,
        var value => throw new XmlaException("XMLA.InvalidProperty", $"Content '{value}' is not one of None, Schema, Data, SchemaData."),
    };
}

/// <summary>The Content property: what a response holds.</summary>
internal enum XmlaContent
{
    None,
    Schema,
    Data,
    SchemaData,
}
