using System.Globalization;
using System.Xml;

namespace Cuboid.Server.Xmla;

/// <summary>A column of a schema rowset: its name, XML Schema type, and whether a Discover may restrict on it.</summary>
internal sealed record XmlaColumn(string Name, string Type, bool Restriction = false, bool Nullable = true);

/// <summary>What a rowset's rows are made from: the session, the caller, the request.</summary>
internal sealed record XmlaContext(Session Session, string? User, IReadOnlyList<string> Roles, XmlaRequest Request, string Catalog)
{
    /// <summary>The cubes the caller may query, with the structure their roles show, captioned in <see cref="Locale"/>.</summary>
    public IEnumerable<(Cube Cube, CubeStructure Structure)> Cubes() =>
        Session.Cubes.Values.OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => (c, c.Describe(User, Roles, Locale)));

    /// <summary>
    /// The locale of captions and formatted values when the session translates (<see cref="SessionConfig.I18n"/>): the
    /// request's <c>LocaleIdentifier</c> (an LCID: Excel sends its interface's), or the default locale; null without I18n.
    /// </summary>
    public string? Locale => Session.Config.I18n is null ? null : LocaleOf(Request.Property("LocaleIdentifier"));

    private static string LocaleOf(string? lcid)
    {
        if (!int.TryParse(lcid, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) || id <= 0) return "";
        try
        {
            return CultureInfo.GetCultureInfo(id).Name;
        }
        catch (CultureNotFoundException)
        {
            return "";   // an LCID this machine does not know: the default locale
        }
    }
}

/// <summary>
/// A schema rowset answered to Discover: its columns in the order the XMLA specification gives
/// them (clients read by position as well as by name) and its rows, filtered by the request's
/// restrictions on restriction columns (a list of values accepts any of them, names compare
/// without case). Rowsets that interpret a restriction themselves (TREE_OP) take it out of the filter.
/// </summary>
internal abstract class XmlaRowset
{
    public abstract string Name { get; }

    public abstract IReadOnlyList<XmlaColumn> Columns { get; }

    /// <summary>Restrictions the rowset applies itself (not by comparing a column).</summary>
    protected virtual IReadOnlySet<string> OwnRestrictions { get; } = new HashSet<string>();

    protected abstract IEnumerable<object?[]> Rows(XmlaContext context);

    /// <summary>The rowset's OLE DB GUID (DISCOVER_SCHEMA_ROWSETS lists it).</summary>
    public virtual string? Guid => null;

    /// <summary>
    /// The rows the restrictions keep. A restriction the rowset does not have is ignored, as clients
    /// send ones a server may not know (SSAS's additions); a value list accepts any of its values.
    /// </summary>
    public IEnumerable<object?[]> Select(XmlaContext context)
    {
        var filters = new List<(int Column, HashSet<string> Values)>();
        foreach (var (name, values) in context.Request.Restrictions)
        {
            if (OwnRestrictions.Contains(name)) continue;
            var column = Columns.Select((c, i) => (c, i)).FirstOrDefault(x => x.c.Restriction && string.Equals(x.c.Name, name, StringComparison.OrdinalIgnoreCase));
            if (column.c is not null) filters.Add((column.i, new HashSet<string>(values, StringComparer.OrdinalIgnoreCase)));
        }
        return Rows(context).Where(row => filters.All(f => f.Values.Contains(Text(row[f.Column]) ?? "")));
    }

    /// <summary>A value as the rowset writes it: invariant numbers, lower-case booleans, ISO dates.</summary>
    public static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        DateTime d => d.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>Writes rows of the rowset into the current element.</summary>
    public void WriteRows(XmlWriter writer, IEnumerable<object?[]> rows)
    {
        foreach (var row in rows)
        {
            writer.WriteStartElement("row", XmlaNamespaces.Rowset);
            for (var c = 0; c < Columns.Count; c++)
            {
                if (row[c] is IEnumerable<Nested> nested)
                {
                    // A repeated column of a nested rowset: the element once per item, its fields as children.
                    foreach (var item in nested)
                    {
                        writer.WriteStartElement(Columns[c].Name, XmlaNamespaces.Rowset);
                        foreach (var (name, value) in item.Fields) writer.WriteElementString(name, XmlaNamespaces.Rowset, value);
                        writer.WriteEndElement();
                    }
                    continue;
                }
                if (Text(row[c]) is not { } text) continue;   // a null column is left out
                writer.WriteElementString(Columns[c].Name, XmlaNamespaces.Rowset, text);
            }
            writer.WriteEndElement();
        }
    }
}

/// <summary>One item of a repeated, nested column (DISCOVER_SCHEMA_ROWSETS' Restrictions: a name and a type each).</summary>
internal sealed record Nested(IReadOnlyList<(string Name, string Value)> Fields);

/// <summary>The XML namespaces of XMLA responses.</summary>
internal static class XmlaNamespaces
{
    public const string Soap = XmlaRequest.SoapNamespace;
    public const string Xmla = XmlaRequest.XmlaNamespace;
    public const string Rowset = "urn:schemas-microsoft-com:xml-analysis:rowset";
    public const string MdDataSet = "urn:schemas-microsoft-com:xml-analysis:mddataset";
    public const string Empty = "urn:schemas-microsoft-com:xml-analysis:empty";
    public const string Exception = "urn:schemas-microsoft-com:xml-analysis:exception";
    public const string Xsd = "http://www.w3.org/2001/XMLSchema";
    public const string Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    public const string Sql = "urn:schemas-microsoft-com:xml-sql";
}

/// <summary>The inline XML schema of a rowset: a root of rows, each row a sequence of optional typed columns.</summary>
internal static class RowsetSchema
{
    public static void Write(XmlWriter writer, IReadOnlyList<XmlaColumn> columns)
    {
        writer.WriteStartElement("xsd", "schema", XmlaNamespaces.Xsd);
        writer.WriteAttributeString("targetNamespace", XmlaNamespaces.Rowset);
        writer.WriteAttributeString("xmlns", "sql", null, XmlaNamespaces.Sql);
        writer.WriteAttributeString("elementFormDefault", "qualified");
        writer.WriteStartElement("xsd", "element", XmlaNamespaces.Xsd);
        writer.WriteAttributeString("name", "root");
        writer.WriteStartElement("xsd", "complexType", XmlaNamespaces.Xsd);
        writer.WriteStartElement("xsd", "sequence", XmlaNamespaces.Xsd);
        writer.WriteAttributeString("minOccurs", "0");
        writer.WriteAttributeString("maxOccurs", "unbounded");
        writer.WriteStartElement("xsd", "element", XmlaNamespaces.Xsd);
        writer.WriteAttributeString("name", "row");
        writer.WriteAttributeString("type", "row");
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteStartElement("xsd", "complexType", XmlaNamespaces.Xsd);
        writer.WriteAttributeString("name", "row");
        writer.WriteStartElement("xsd", "sequence", XmlaNamespaces.Xsd);
        foreach (var column in columns)
        {
            writer.WriteStartElement("xsd", "element", XmlaNamespaces.Xsd);
            writer.WriteAttributeString("sql", "field", XmlaNamespaces.Sql, column.Name);
            writer.WriteAttributeString("name", column.Name);
            writer.WriteAttributeString("type", column.Type);
            if (column.Nullable) writer.WriteAttributeString("minOccurs", "0");
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndElement();
    }
}
