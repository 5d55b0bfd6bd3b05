using System.Globalization;
using System.Xml;

namespace Cuboid.Server.Xmla;

/// <summary>
/// A cell set as XMLA's multidimensional data set (MDDataSet): OlapInfo (the cube, each axis's
/// hierarchies with the member properties written for them, the cell properties), the axes'
/// tuples of members, and the non-empty cells by ordinal with their value (typed by xsi:type)
/// and the cell properties the query asked for.
/// </summary>
internal static class MdDataSet
{
    public static void Write(XmlWriter writer, CellSet cells, bool schema, bool data, bool clusters = false)
    {
        writer.WriteStartElement("root", XmlaNamespaces.MdDataSet);
        writer.WriteAttributeString("xmlns", "xsd", null, XmlaNamespaces.Xsd);
        writer.WriteAttributeString("xmlns", "xsi", null, XmlaNamespaces.Xsi);
        if (schema) MdDataSetSchema.Write(writer);
        if (data) WriteData(writer, cells, clusters);
        writer.WriteEndElement();
    }

    private static void WriteData(XmlWriter writer, CellSet cells, bool clusters)
    {
        var axes = cells.Axes.Select(a => (Name: $"Axis{a.Ordinal}", a.Positions)).Append((Name: "SlicerAxis", cells.Slicer.Positions)).ToList();
        var properties = axes.Select(a => PropertiesOf(a.Positions)).ToList();
        var cellProperties = CellProperties(cells);

        writer.WriteStartElement("OlapInfo", XmlaNamespaces.MdDataSet);
        writer.WriteStartElement("CubeInfo", XmlaNamespaces.MdDataSet);
        writer.WriteStartElement("Cube", XmlaNamespaces.MdDataSet);
        writer.WriteElementString("CubeName", XmlaNamespaces.MdDataSet, cells.Cube);
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteStartElement("AxesInfo", XmlaNamespaces.MdDataSet);
        for (var a = 0; a < axes.Count; a++)
        {
            writer.WriteStartElement("AxisInfo", XmlaNamespaces.MdDataSet);
            writer.WriteAttributeString("name", axes[a].Name);
            foreach (var hierarchy in Hierarchies(axes[a].Positions))
            {
                writer.WriteStartElement("HierarchyInfo", XmlaNamespaces.MdDataSet);
                writer.WriteAttributeString("name", hierarchy);
                WritePropertyInfo(writer, "UName", hierarchy, "MEMBER_UNIQUE_NAME", "xsd:string");
                WritePropertyInfo(writer, "Caption", hierarchy, "MEMBER_CAPTION", "xsd:string");
                WritePropertyInfo(writer, "LName", hierarchy, "LEVEL_UNIQUE_NAME", "xsd:string");
                WritePropertyInfo(writer, "LNum", hierarchy, "LEVEL_NUMBER", "xsd:int");
                WritePropertyInfo(writer, "DisplayInfo", hierarchy, "DISPLAY_INFO", "xsd:unsignedInt");
                foreach (var property in properties[a]) WritePropertyInfo(writer, property, hierarchy, property, "xsd:string");
                writer.WriteEndElement();
            }
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
        writer.WriteStartElement("CellInfo", XmlaNamespaces.MdDataSet);
        foreach (var (element, name) in cellProperties)
        {
            writer.WriteStartElement(element, XmlaNamespaces.MdDataSet);
            writer.WriteAttributeString("name", name);
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
        writer.WriteEndElement();

        writer.WriteStartElement("Axes", XmlaNamespaces.MdDataSet);
        for (var a = 0; a < axes.Count; a++)
        {
            writer.WriteStartElement("Axis", XmlaNamespaces.MdDataSet);
            writer.WriteAttributeString("name", axes[a].Name);
            var positions = axes[a].Positions;
            if (clusters) WriteClusters(writer, positions, properties[a]);
            else WriteTuples(writer, positions, properties[a]);
            writer.WriteEndElement();
        }
        writer.WriteEndElement();

        writer.WriteStartElement("CellData", XmlaNamespaces.MdDataSet);
        foreach (var cell in cells.Cells)
        {
            if (cell.Value is null) continue;   // empty cells are left out, as SSAS and Mondrian do
            writer.WriteStartElement("Cell", XmlaNamespaces.MdDataSet);
            writer.WriteAttributeString("CellOrdinal", cell.Ordinal.ToString(CultureInfo.InvariantCulture));
            foreach (var (element, _) in cellProperties) WriteCellProperty(writer, element, cell);
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
    }

    /// <summary>TupleFormat: the axis's tuples in order, each with its members.</summary>
    private static void WriteTuples(XmlWriter writer, IReadOnlyList<Position> positions, List<string> properties)
    {
        writer.WriteStartElement("Tuples", XmlaNamespaces.MdDataSet);
        for (var p = 0; p < positions.Count; p++)
        {
            writer.WriteStartElement("Tuple", XmlaNamespaces.MdDataSet);
            var members = positions[p].Members;
            for (var m = 0; m < members.Count; m++) WriteMember(writer, positions, p, m, properties, withHierarchy: true);
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
    }

    /// <summary>
    /// ClusterFormat: the axis as clusters, each a cross product of one member set per hierarchy (CrossProduct, its
    /// Size the number of tuples). A run of consecutive tuples that differ only in their last member is one
    /// cluster (the same leading members × the run's last members), as a pivot's rows under one parent are.
    /// </summary>
    private static void WriteClusters(XmlWriter writer, IReadOnlyList<Position> positions, List<string> properties)
    {
        for (var start = 0; start < positions.Count;)
        {
            var end = start + 1;
            var width = positions[start].Members.Count;
            while (end < positions.Count && width > 0 && SameLeading(positions[start], positions[end], width - 1)) end++;
            writer.WriteStartElement("CrossProduct", XmlaNamespaces.MdDataSet);
            writer.WriteAttributeString("Size", (end - start).ToString(CultureInfo.InvariantCulture));
            for (var m = 0; m < width; m++)
            {
                writer.WriteStartElement("Members", XmlaNamespaces.MdDataSet);
                writer.WriteAttributeString("Hierarchy", positions[start].Members[m].HierarchyUniqueName);
                // The leading hierarchies hold one member each; the last holds the run's members.
                for (var p = start; p < (m == width - 1 ? end : start + 1); p++) WriteMember(writer, positions, p, m, properties, withHierarchy: false);
                writer.WriteEndElement();
            }
            writer.WriteEndElement();
            start = end;
        }
    }

    private static bool SameLeading(Position a, Position b, int count)
    {
        for (var m = 0; m < count; m++)
        {
            if (a.Members[m].UniqueName != b.Members[m].UniqueName) return false;
        }
        return true;
    }

    private static void WriteMember(XmlWriter writer, IReadOnlyList<Position> positions, int p, int m, List<string> properties, bool withHierarchy)
    {
        var member = positions[p].Members[m];
        writer.WriteStartElement("Member", XmlaNamespaces.MdDataSet);
        if (withHierarchy) writer.WriteAttributeString("Hierarchy", member.HierarchyUniqueName);
        writer.WriteElementString("UName", XmlaNamespaces.MdDataSet, member.UniqueName);
        writer.WriteElementString("Caption", XmlaNamespaces.MdDataSet, member.Caption);
        writer.WriteElementString("LName", XmlaNamespaces.MdDataSet, member.LevelUniqueName);
        writer.WriteElementString("LNum", XmlaNamespaces.MdDataSet, member.Depth.ToString(CultureInfo.InvariantCulture));
        writer.WriteElementString("DisplayInfo", XmlaNamespaces.MdDataSet, DisplayInfo(positions, p, m).ToString(CultureInfo.InvariantCulture));
        foreach (var property in properties)
        {
            if (member.Properties.TryGetValue(property, out var value) && XmlaRowset.Text(value) is { } text) writer.WriteElementString(property, XmlaNamespaces.MdDataSet, text);
        }
        writer.WriteEndElement();
    }

    /// <summary>The hierarchies of an axis, from its first tuple (every tuple of a set has the same ones).</summary>
    private static IEnumerable<string> Hierarchies(IReadOnlyList<Position> positions) =>
        positions.Count == 0 ? [] : positions[0].Members.Select(m => m.HierarchyUniqueName);

    /// <summary>The DIMENSION PROPERTIES written for an axis beyond the standard five, in the order the members carry them.</summary>
    private static List<string> PropertiesOf(IReadOnlyList<Position> positions) =>
        positions.Count == 0 ? [] : [.. positions[0].Members.SelectMany(m => m.Properties.Keys)
            .Select(k => k.ToUpperInvariant())
            .Where(k => k is not ("MEMBER_UNIQUE_NAME" or "MEMBER_CAPTION" or "LEVEL_UNIQUE_NAME" or "LEVEL_NUMBER" or "DISPLAY_INFO"))
            .Distinct(StringComparer.Ordinal)];

    private static void WritePropertyInfo(XmlWriter writer, string element, string hierarchy, string property, string type)
    {
        writer.WriteStartElement(element, XmlaNamespaces.MdDataSet);
        writer.WriteAttributeString("name", $"{hierarchy}.[{property}]");
        writer.WriteAttributeString("type", type);
        writer.WriteEndElement();
    }

    /// <summary>
    /// XMLA's DISPLAY_INFO: the child count (at most 65,535) in the low 16 bits, 0x10000 when the next
    /// position shows a child of this member (drilled down), 0x20000 when the previous one has the same parent.
    /// </summary>
    private static uint DisplayInfo(IReadOnlyList<Position> positions, int p, int m)
    {
        var member = positions[p].Members[m];
        var info = (uint)Math.Min(member.ChildCount, 0xFFFF);
        if (p + 1 < positions.Count && positions[p + 1].Members[m].ParentUniqueName == member.UniqueName) info |= 0x10000;
        if (p > 0 && positions[p - 1].Members[m].ParentUniqueName == member.ParentUniqueName) info |= 0x20000;
        return info;
    }

    /// <summary>The cell properties written: those asked for (by their MDDataSet element names), or VALUE and FORMATTED_VALUE.</summary>
    private static List<(string Element, string Name)> CellProperties(CellSet cells)
    {
        var asked = cells.CellProperties.Count == 0 ? ["VALUE", "FORMATTED_VALUE"] : cells.CellProperties.Select(p => p.ToUpperInvariant()).Distinct();
        var list = new List<(string, string)>();
        foreach (var name in asked)
        {
            var element = name switch
            {
                "VALUE" => "Value",
                "FORMATTED_VALUE" => "FmtValue",
                "FORMAT_STRING" => "FormatString",
                "LANGUAGE" => "Language",
                "BACK_COLOR" => "BackColor",
                "FORE_COLOR" => "ForeColor",
                "FONT_FLAGS" => "FontFlags",
                "FONT_NAME" => "FontName",
                "FONT_SIZE" => "FontSize",
                "CELL_ORDINAL" => null,   // the CellOrdinal attribute
                _ => null,
            };
            if (element is not null) list.Add((element, name));
        }
        return list;
    }

    private static void WriteCellProperty(XmlWriter writer, string element, Cell cell)
    {
        switch (element)
        {
            case "Value":
                writer.WriteStartElement("Value", XmlaNamespaces.MdDataSet);
                var (type, text) = Typed(cell.Value);
                writer.WriteAttributeString("xsi", "type", XmlaNamespaces.Xsi, type);
                writer.WriteString(text);
                writer.WriteEndElement();
                break;
            case "FmtValue":
                writer.WriteElementString("FmtValue", XmlaNamespaces.MdDataSet, cell.FormattedValue);
                break;
            case "FormatString":
                if (cell.FormatString is { } format) writer.WriteElementString("FormatString", XmlaNamespaces.MdDataSet, format);
                break;
            case "Language":
                writer.WriteElementString("Language", XmlaNamespaces.MdDataSet, "1033");
                break;
            default:
                break;   // colors and fonts: none is set, so none is written
        }
    }

    /// <summary>A cell value's XML Schema type and text.</summary>
    public static (string Type, string Text) Typed(object? value) => value switch
    {
        // A non-finite double (a division by zero) as text: XML Schema writes INF, which Java clients cannot parse as a double.
        double d when !double.IsFinite(d) => ("xsd:string", double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity"),
        double d => ("xsd:double", XmlConvert.ToString(d)),
        float f => ("xsd:float", XmlConvert.ToString(f)),
        long l => ("xsd:long", XmlConvert.ToString(l)),
        int i => ("xsd:int", XmlConvert.ToString(i)),
        bool b => ("xsd:boolean", b ? "true" : "false"),
        DateTime t => ("xsd:dateTime", t.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
        DateOnly t => ("xsd:date", t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        double[] array => ("xsd:string", string.Join(";", array.Select(x => XmlConvert.ToString(x)))),
        _ => ("xsd:string", XmlaRowset.Text(value) ?? ""),
    };
}

/// <summary>The inline schema of an MDDataSet (Content SchemaData or Schema): the element types of the data set.</summary>
internal static class MdDataSetSchema
{
    public static void Write(XmlWriter writer)
    {
        writer.WriteStartElement("xsd", "schema", XmlaNamespaces.Xsd);
        writer.WriteAttributeString("targetNamespace", XmlaNamespaces.MdDataSet);
        writer.WriteAttributeString("elementFormDefault", "qualified");
        foreach (var type in new[] { "OlapInfo", "Axes", "CellData" })
        {
            writer.WriteStartElement("xsd", "element", XmlaNamespaces.Xsd);
            writer.WriteAttributeString("name", type);
            writer.WriteStartElement("xsd", "complexType", XmlaNamespaces.Xsd);
            writer.WriteStartElement("xsd", "sequence", XmlaNamespaces.Xsd);
            writer.WriteStartElement("xsd", "any", XmlaNamespaces.Xsd);
            writer.WriteAttributeString("processContents", "lax");
            writer.WriteAttributeString("minOccurs", "0");
            writer.WriteAttributeString("maxOccurs", "unbounded");
            writer.WriteEndElement();
            writer.WriteEndElement();
            writer.WriteEndElement();
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
    }
}
