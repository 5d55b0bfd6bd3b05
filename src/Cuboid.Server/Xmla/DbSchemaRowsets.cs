using static Cuboid.Server.Xmla.Col;

namespace Cuboid.Server.Xmla;

/// <summary>DBSCHEMA_CATALOGS: the one catalog, holding the session's cubes.</summary>
internal sealed class CatalogsRowset : XmlaRowset
{
    public override string Name => "DBSCHEMA_CATALOGS";

    public override string? Guid => "C8B52211-5CF3-11CE-ADE5-00AA0044773D";

    public override IReadOnlyList<XmlaColumn> Columns { get; } = [S("CATALOG_NAME", true), S("DESCRIPTION"), S("ROLES"), D("DATE_MODIFIED")];

    protected override IEnumerable<object?[]> Rows(XmlaContext context) =>
        [[context.Catalog, "The cubes of the Cuboid session", string.Join(",", context.Roles), null]];
}

/// <summary>DBSCHEMA_SCHEMATA: one schema in the catalog.</summary>
internal sealed class SchemataRowset : XmlaRowset
{
    public override string Name => "DBSCHEMA_SCHEMATA";

    public override string? Guid => "C8B52225-5CF3-11CE-ADE5-00AA0044773D";

    public override IReadOnlyList<XmlaColumn> Columns { get; } = [S("CATALOG_NAME", true), S("SCHEMA_NAME", true), S("SCHEMA_OWNER", true)];

    protected override IEnumerable<object?[]> Rows(XmlaContext context) => [[context.Catalog, context.Catalog, null]];
}

/// <summary>DBSCHEMA_TABLES: each cube as a table (as Mondrian lists them), for relational-minded clients.</summary>
internal sealed class TablesRowset : XmlaRowset
{
    public override string Name => "DBSCHEMA_TABLES";

    public override string? Guid => "C8B52229-5CF3-11CE-ADE5-00AA0044773D";

    public override IReadOnlyList<XmlaColumn> Columns { get; } =
        [S("TABLE_CATALOG", true), S("TABLE_SCHEMA", true), S("TABLE_NAME", true), S("TABLE_TYPE", true), S("TABLE_GUID"), S("DESCRIPTION"), U("TABLE_PROPID"), D("DATE_CREATED"), D("DATE_MODIFIED")];

    protected override IEnumerable<object?[]> Rows(XmlaContext context) =>
        context.Cubes().Select(c => new object?[] { context.Catalog, context.Catalog, c.Cube.Name, "TABLE", null, $"The {c.Cube.Name} cube", null, null, null });
}

/// <summary>DBSCHEMA_COLUMNS: a cube table's columns, its measures and its levels.</summary>
internal sealed class ColumnsRowset : XmlaRowset
{
    public override string Name => "DBSCHEMA_COLUMNS";

    public override string? Guid => "C8B52214-5CF3-11CE-ADE5-00AA0044773D";

    public override IReadOnlyList<XmlaColumn> Columns { get; } =
    [
        S("TABLE_CATALOG", true), S("TABLE_SCHEMA", true), S("TABLE_NAME", true), S("COLUMN_NAME", true), S("COLUMN_GUID"), U("COLUMN_PROPID"),
        U("ORDINAL_POSITION"), B("COLUMN_HASDEFAULT"), S("COLUMN_DEFAULT"), U("COLUMN_FLAGS"), B("IS_NULLABLE"), UShort("DATA_TYPE"), S("TYPE_GUID"),
        U("CHARACTER_MAXIMUM_LENGTH"), U("CHARACTER_OCTET_LENGTH"), UShort("NUMERIC_PRECISION"), I("NUMERIC_SCALE"), U("DATETIME_PRECISION"),
        S("DESCRIPTION"),
    ];

    protected override IEnumerable<object?[]> Rows(XmlaContext context)
    {
        foreach (var (cube, structure) in context.Cubes())
        {
            var ordinal = 0;
            foreach (var measure in structure.Measures)
            {
                yield return [context.Catalog, context.Catalog, cube.Name, "Measures:" + measure.Name, null, null, ++ordinal, false, null, 2, true, 5, null, null, null, 16, 255, null, measure.Description];
            }
            foreach (var hierarchy in structure.Hierarchies)
            {
                foreach (var level in hierarchy.Levels.Where(l => l.Name != "(All)"))
                {
                    yield return [context.Catalog, context.Catalog, cube.Name, $"{hierarchy.Dimension}:{level.Name}", null, null, ++ordinal, false, null, 2, true, 130, null, 0, 0, null, null, null, null];
                }
            }
        }
    }
}
