using Cuboid.Mdx.Functions;
using static Cuboid.Server.Xmla.Col;

namespace Cuboid.Server.Xmla;

/// <summary>MDSCHEMA_PROPERTIES: the cell properties (PROPERTY_TYPE 2) a query may ask for; members have only the intrinsic properties.</summary>
internal sealed class MemberPropertiesRowset : CubeRowset
{
    private static readonly (string Name, int Type, string Description)[] s_cellProperties =
    [
        ("VALUE", 12, "The cell's value"),
        ("FORMATTED_VALUE", 130, "The value formatted by the format string"),
        ("FORMAT_STRING", 130, "The format string of the cell"),
        ("CELL_ORDINAL", 19, "The cell's ordinal in the result"),
        ("LANGUAGE", 19, "The locale of the formatted value"),
        ("BACK_COLOR", 19, "The background color"),
        ("FORE_COLOR", 19, "The text color"),
        ("FONT_FLAGS", 3, "Bold, italic, underline, strikeout"),
        ("FONT_NAME", 130, "The font name"),
        ("FONT_SIZE", 18, "The font size"),
    ];

    public override string Name => "MDSCHEMA_PROPERTIES";

    public override string? Guid => "C8B522DD-5CF3-11CE-ADE5-00AA0044773D";

    public override IReadOnlyList<XmlaColumn> Columns { get; } =
    [
        S("CATALOG_NAME", true), S("SCHEMA_NAME", true), S("CUBE_NAME", true), S("DIMENSION_UNIQUE_NAME", true), S("HIERARCHY_UNIQUE_NAME", true),
        S("LEVEL_UNIQUE_NAME", true), S("MEMBER_UNIQUE_NAME", true), UShort("PROPERTY_TYPE", true), S("PROPERTY_NAME", true), S("PROPERTY_CAPTION"),
        UShort("DATA_TYPE"), U("CHARACTER_MAXIMUM_LENGTH"), U("CHARACTER_OCTET_LENGTH"), UShort("NUMERIC_PRECISION"), I("NUMERIC_SCALE"),
        S("DESCRIPTION"), I("PROPERTY_CONTENT_TYPE", true), S("SQL_COLUMN_NAME"), UShort("LANGUAGE"), UShort("PROPERTY_ORIGIN", true),
        S("PROPERTY_ATTRIBUTE_HIERARCHY_NAME"), S("PROPERTY_CARDINALITY"), S("MIME_TYPE"), B("PROPERTY_IS_VISIBLE"), UShort("CUBE_SOURCE", true),
        UShort("PROPERTY_VISIBILITY", true),
    ];

    protected override string? VisibilityRestriction => "PROPERTY_VISIBILITY";

    protected override IReadOnlySet<string> OwnRestrictions => new HashSet<string>(["CUBE_SOURCE", "PROPERTY_VISIBILITY", "PROPERTY_TYPE"], StringComparer.OrdinalIgnoreCase);

    /// <summary>PROPERTY_TYPE 2 asks for the cell properties; member properties (1, the default) are those the levels define.</summary>
    protected override IEnumerable<object?[]> Rows(XmlaContext context)
    {
        var cell = context.Request.Single("PROPERTY_TYPE") == "2";
        foreach (var (cube, structure) in context.Cubes())
        {
            if (cell)
            {
                foreach (var p in s_cellProperties)
                {
                    yield return [context.Catalog, context.Catalog, cube.Name, null, null, null, null, 2, p.Name, p.Name, p.Type, null, null, null, null,
                        p.Description, 0, null, null, 1, null, null, null, true, null, null];
                }
                continue;
            }
            foreach (var hierarchy in structure.Hierarchies)
            {
                foreach (var level in hierarchy.Levels)
                {
                    foreach (var (name, type) in level.Properties)
                    {
                        yield return [context.Catalog, context.Catalog, cube.Name, Quote(hierarchy.Dimension), hierarchy.UniqueName, level.UniqueName, null, 1, name, name,
                            DbType(type), null, null, null, null, $"{cube.Name} Cube - {hierarchy.Name} Hierarchy - {level.Name} Level - {name} Property", 0, null, null, 1, null, null, null, true, null, null];
                    }
                }
            }
        }
    }

    /// <summary>The OLE DB type of a property's values: DBTYPE_WSTR, I4, I8, R8, BOOL, DATE.</summary>
    private static int DbType(DataType type) => type switch
    {
        DataType.Int => 3,
        DataType.Long => 20,
        DataType.Float or DataType.Double => 5,
        DataType.Boolean => 11,
        DataType.LocalDate or DataType.LocalDateTime or DataType.ZonedDateTime => 7,
        _ => 130,
    };
}

/// <summary>MDSCHEMA_FUNCTIONS: the MDX functions the engine knows, with their syntax.</summary>
internal sealed class FunctionsRowset : XmlaRowset
{
    public override string Name => "MDSCHEMA_FUNCTIONS";

    public override string? Guid => "A07CCD07-8148-11D0-87BB-00C04FC33942";

    public override IReadOnlyList<XmlaColumn> Columns { get; } =
    [
        S("FUNCTION_NAME", true), S("DESCRIPTION"), S("PARAMETER_LIST"), I("RETURN_TYPE"), I("ORIGIN", true), S("INTERFACE_NAME", true),
        S("LIBRARY_NAME", true), S("DLL_NAME"), S("HELP_FILE"), I("HELP_CONTEXT"), S("OBJECT"), S("CAPTION"),
    ];

    // ORIGIN 1: MDX's own functions; RETURN_TYPE 12: a variant.
    protected override IEnumerable<object?[]> Rows(XmlaContext context) =>
        FunctionSignatures.All.Values.OrderBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => new object?[] { f.Name, f.Description, f.Syntax, 12, 1, "MDX", null, null, null, 0, null, f.Name });
}
