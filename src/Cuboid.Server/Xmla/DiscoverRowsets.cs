using Cuboid.Server.Security;
using static Cuboid.Server.Xmla.Col;

namespace Cuboid.Server.Xmla;

/// <summary>DISCOVER_DATASOURCES: the one data source, this server.</summary>
internal sealed class DataSourcesRowset : XmlaRowset
{
    public override string Name => "DISCOVER_DATASOURCES";

    public override string? Guid => "06C03D41-F66D-49F3-B1B8-987F7AF4CF18";

    public override IReadOnlyList<XmlaColumn> Columns { get; } =
        [S("DataSourceName", true), S("DataSourceDescription"), S("URL", true), S("DataSourceInfo"), S("ProviderName", true), S("ProviderType", true), S("AuthenticationMode", true)];

    protected override IEnumerable<object?[]> Rows(XmlaContext context) =>
    [[
        context.Catalog, "Cuboid, an in-memory OLAP engine", XmlaEndpoint.Route, context.Catalog, XmlaServer.ProviderName, "MDP",
        context.Session.Enabled() ? "Authenticated" : "Unauthenticated",
    ]];
}

/// <summary>What this server says of itself in DISCOVER_PROPERTIES and DISCOVER_DATASOURCES.</summary>
internal static class XmlaServer
{
    public const string ProviderName = "Cuboid XMLA Provider";

    public static string Version => typeof(Session).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}

/// <summary>DISCOVER_PROPERTIES: the properties a request may set, and what the server supports (Excel reads the Mdprop ones).</summary>
internal sealed class PropertiesRowset : XmlaRowset
{
    public override string Name => "DISCOVER_PROPERTIES";

    public override string? Guid => "4B40ADFB-8B09-4758-97BB-636E8AE97BCF";

    public override IReadOnlyList<XmlaColumn> Columns { get; } =
        [S("PropertyName", true), S("PropertyDescription"), S("PropertyType"), S("PropertyAccessType"), B("IsRequired"), S("Value")];

    protected override IEnumerable<object?[]> Rows(XmlaContext context) =>
    [
        ["AxisFormat", "The format of axes in a multidimensional result", "string", "Write", false, "TupleFormat"],
        ["ClientProcessID", "The client's process (accepted, unused)", "int", "ReadWrite", false, "0"],
        ["BeginRange", "The first cell ordinal to return", "int", "Write", false, "-1"],
        ["Catalog", "The catalog requests apply to", "string", "ReadWrite", false, context.Catalog],
        ["Content", "What a response holds: None, Schema, Data, SchemaData", "string", "Write", false, "SchemaData"],
        ["DataSourceInfo", "The data source a request is for", "string", "ReadWrite", false, context.Catalog],
        ["DbpropMsmdMDXCompatibility", "How MDX treats placeholder members", "int", "ReadWrite", false, "1"],
        ["DbpropMsmdSubqueries", "How sub-selects restrict calculated members (no sub-selects here)", "int", "ReadWrite", false, "0"],
        ["DBMSVersion", "The server's version", "string", "Read", false, XmlaServer.Version],
        ["EndRange", "The last cell ordinal to return", "int", "Write", false, "-1"],
        ["Format", "The result format of Execute: Multidimensional or Tabular", "string", "Write", false, "Multidimensional"],
        ["LocaleIdentifier", "The locale of captions and errors", "unsignedInt", "ReadWrite", false, "1033"],
        ["MDXSupport", "The MDX the server supports", "string", "Read", false, "Core"],
        ["MdpropAxes", "How many axes a query may have", "int", "Read", false, "128"],
        ["MdpropFlatteningSupport", "Whether results flatten to rowsets (Tabular)", "int", "Read", false, "1"],
        ["MdpropNamedLevels", "Whether levels are named", "int", "Read", false, "1"],
        ["MdpropMdxDrillFunctions", "Whether DrilldownMember, DrilldownLevel and their kin are supported", "int", "Read", false, "3"],
        ["MdpropMdxFormulas", "Whether WITH MEMBER and WITH SET are supported", "int", "Read", false, "63"],
        ["MdpropMdxNamedSets", "Whether named sets are supported", "int", "Read", false, "15"],
        ["MdpropMdxSubqueries", "Whether sub-selects are supported (they are not)", "int", "Read", false, "0"],
        ["ProviderName", "The XMLA provider's name", "string", "Read", false, XmlaServer.ProviderName],
        ["ProviderType", "The kind of provider: multidimensional (0x2)", "int", "Read", false, "2"],
        ["ProviderVersion", "The XMLA provider's version", "string", "Read", false, XmlaServer.Version],
        ["SafetyOptions", "Which user-defined functions may run (none exist here)", "int", "ReadWrite", false, "0"],
        ["MdxMissingMemberMode", "What a missing member in a statement does: an error", "string", "Write", false, "Error"],
        ["ServerName", "The server's name", "string", "Read", false, context.Catalog],
        ["StateSupport", "Whether sessions are supported", "string", "Read", false, "Sessions"],
        ["SspropInitAppName", "The client application's name (accepted, unused)", "string", "ReadWrite", false, ""],
        ["Timeout", "Seconds a request may run", "unsignedInt", "ReadWrite", false, "0"],
        ["UserName", "The user requests run as", "string", "Read", false, context.User ?? ""],
        ["VisualMode", "How totals treat hidden members", "int", "Write", false, "0"],
    ];
}

/// <summary>DISCOVER_SCHEMA_ROWSETS: the rowsets this server answers, with their restrictions.</summary>
internal sealed class SchemaRowsetsRowset : XmlaRowset
{
    public override string Name => "DISCOVER_SCHEMA_ROWSETS";

    public override string? Guid => "EEA0302B-7922-4992-8991-0E605D0E5593";

    public override IReadOnlyList<XmlaColumn> Columns { get; } = [S("SchemaName", true), S("SchemaGuid"), S("Restrictions"), S("Description"), U("RestrictionsMask")];

    protected override IEnumerable<object?[]> Rows(XmlaContext context) =>
        XmlaRowsets.All.Select(r =>
        {
            // In column order, which is the order clients build restriction arrays in (Excel looks for the *_VISIBILITY ones).
            var restrictions = r.Columns.Where(c => c.Restriction).ToList();
            return new object?[]
            {
                r.Name, r.Guid, restrictions.Select(c => new Nested([("Name", c.Name), ("Type", c.Type)])).ToList(), $"The {r.Name} rowset",
                (long)((1L << restrictions.Count) - 1),
            };
        });
}

/// <summary>DISCOVER_ENUMERATORS: the values of the enumerated properties.</summary>
internal sealed class EnumeratorsRowset : XmlaRowset
{
    public override string Name => "DISCOVER_ENUMERATORS";

    public override string? Guid => "55A9E78B-ACCB-45B4-95A6-94C5065617A7";

    public override IReadOnlyList<XmlaColumn> Columns { get; } =
        [S("EnumName", true), S("EnumDescription"), S("EnumType"), S("ElementName"), S("ElementDescription"), S("ElementValue")];

    protected override IEnumerable<object?[]> Rows(XmlaContext context) =>
    [
        ["AuthenticationMode", "How a data source authenticates", "string", "Unauthenticated", "No user name or password", "0"],
        ["AuthenticationMode", "How a data source authenticates", "string", "Authenticated", "User name and password (HTTP Basic, or the session's other logins)", "1"],
        ["AxisFormat", "The format of axes in a result", "string", "TupleFormat", "Tuples of members", "0"],
        ["AxisFormat", "The format of axes in a result", "string", "ClusterFormat", "Cross products of member sets", "1"],
        ["Content", "What a response holds", "string", "None", "Nothing", "0"],
        ["Content", "What a response holds", "string", "Schema", "The schema only", "1"],
        ["Content", "What a response holds", "string", "Data", "The data only", "2"],
        ["Content", "What a response holds", "string", "SchemaData", "The schema and the data", "3"],
        ["Format", "The format of Execute results", "string", "Tabular", "A rowset", "0"],
        ["Format", "The format of Execute results", "string", "Multidimensional", "A multidimensional data set", "1"],
        ["ProviderType", "The kinds of provider", "string", "MDP", "A multidimensional data provider", "1"],
        ["StateSupport", "Session support", "string", "Sessions", "BeginSession, Session and EndSession", "1"],
    ];
}

/// <summary>DISCOVER_KEYWORDS: the MDX keywords.</summary>
internal sealed class KeywordsRowset : XmlaRowset
{
    private static readonly string[] s_keywords =
    [
        "AND", "AS", "ASC", "BASC", "BDESC", "BY", "CASE", "CELL", "DESC", "DIMENSION", "DRILLTHROUGH", "ELSE", "EMPTY", "END",
        "FROM", "IS", "MAXROWS", "MEMBER", "NON", "NOT", "NULL", "ON", "OR", "PROPERTIES", "RETURN", "SELECT", "SET", "THEN",
        "WHEN", "WHERE", "WITH", "XOR",
    ];

    public override string Name => "DISCOVER_KEYWORDS";

    public override string? Guid => "1426C443-4CDD-4A40-8F45-572FAB9BBAA1";

    public override IReadOnlyList<XmlaColumn> Columns { get; } = [S("Keyword", true)];

    protected override IEnumerable<object?[]> Rows(XmlaContext context) => s_keywords.Select(k => new object?[] { k });
}

/// <summary>DISCOVER_LITERALS: how names are quoted and separated.</summary>
internal sealed class LiteralsRowset : XmlaRowset
{
    public override string Name => "DISCOVER_LITERALS";

    public override string? Guid => "C3EF5ECB-0A07-4665-A140-B075722DBDC2";

    public override IReadOnlyList<XmlaColumn> Columns { get; } =
        [S("LiteralName", true), S("LiteralValue"), S("LiteralInvalidChars"), S("LiteralInvalidStartingChars"), I("LiteralMaxLength"), I("LiteralNameEnumValue")];

    protected override IEnumerable<object?[]> Rows(XmlaContext context) =>
    [
        ["DBLITERAL_CATALOG_NAME", null, ".", "0123456789", 255, 2],
        ["DBLITERAL_CATALOG_SEPARATOR", ".", null, null, 1, 3],
        ["DBLITERAL_COLUMN_ALIAS", null, "'\"[]", "0123456789", 255, 5],
        ["DBLITERAL_COLUMN_NAME", null, ".", "0123456789", 255, 6],
        ["DBLITERAL_CORRELATION_NAME", null, "'\"[]", "0123456789", 255, 7],
        ["DBLITERAL_CUBE_NAME", null, ".", "0123456789", 255, 21],
        ["DBLITERAL_DIMENSION_NAME", null, ".", "0123456789", 255, 22],
        ["DBLITERAL_HIERARCHY_NAME", null, ".", "0123456789", 255, 23],
        ["DBLITERAL_LEVEL_NAME", null, ".", "0123456789", 255, 24],
        ["DBLITERAL_MEMBER_NAME", null, ".", "0123456789", 255, 25],
        ["DBLITERAL_PROCEDURE_NAME", null, ".", "0123456789", 255, 14],
        ["DBLITERAL_PROPERTY_NAME", null, ".", "0123456789", 255, 26],
        ["DBLITERAL_QUOTE_PREFIX", "[", null, null, 1, 15],
        ["DBLITERAL_QUOTE_SUFFIX", "]", null, null, 1, 28],
        ["DBLITERAL_TABLE_NAME", null, ".", "0123456789", 255, 17],
        ["DBLITERAL_TEXT_COMMAND", null, null, null, -1, 18],
        ["DBLITERAL_USER_NAME", null, null, null, 0, 19],
    ];
}
