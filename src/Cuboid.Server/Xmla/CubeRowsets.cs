using static Cuboid.Server.Xmla.Col;

namespace Cuboid.Server.Xmla;

/// <summary>What the MDSCHEMA rowsets share: names as MDX quotes them, visibility restrictions, the measures dimension.</summary>
internal abstract class CubeRowset : XmlaRowset
{
    public const string Measures = "[Measures]";
    public const string MeasuresLevel = "[Measures].[MeasuresLevel]";

    public static string Quote(string name) => "[" + name.Replace("]", "]]", StringComparison.Ordinal) + "]";

    /// <summary>CUBE_SOURCE (cubes or dimensions: only cubes here) and the *_VISIBILITY restriction, applied by the rowset.</summary>
    protected override IReadOnlySet<string> OwnRestrictions => new HashSet<string>(["CUBE_SOURCE", VisibilityRestriction ?? "-"], StringComparer.OrdinalIgnoreCase);

    /// <summary>The rowset's visibility restriction (1 visible, 2 hidden, 3 both; visible only by default), if it has one.</summary>
    protected virtual string? VisibilityRestriction => null;

    protected bool Shows(XmlaContext context, bool visible)
    {
        var asked = VisibilityRestriction is null ? null : context.Request.Single(VisibilityRestriction);
        var mask = asked is null ? 1 : int.TryParse(asked, out var m) ? m : throw new XmlaException("XMLA.InvalidRestriction", $"{VisibilityRestriction} must be 1, 2 or 3; '{asked}' was given.");
        return (visible ? (mask & 1) != 0 : (mask & 2) != 0);
    }

    /// <summary>The number of members of a level the caller may see (the cardinality columns).</summary>
    protected static int Cardinality(XmlaContext context, Cube cube, string levelUniqueName) =>
        cube.Members(levelUniqueName, null, 0, 1, context.User, context.Roles).Total;

    /// <summary>The default member of a hierarchy: its All member, or the first member of its top level.</summary>
    protected static string? DefaultMember(XmlaContext context, Cube cube, HierarchyInfo hierarchy) =>
        hierarchy.AllMemberName is { } all ? $"{hierarchy.UniqueName}.{Quote(all)}"
        : hierarchy.Levels.Count > 0 && cube.Members(hierarchy.Levels[0].UniqueName, null, 0, 1, context.User, context.Roles).Members is [var first, ..] ? first.UniqueName : null;
}

/// <summary>MDSCHEMA_CUBES.</summary>
internal sealed class CubesRowset : CubeRowset
{
    public override string Name => "MDSCHEMA_CUBES";

    public override string? Guid => "C8B522D8-5CF3-11CE-ADE5-00AA0044773D";

    public override IReadOnlyList<XmlaColumn> Columns { get; } =
    [
        S("CATALOG_NAME", true), S("SCHEMA_NAME", true), S("CUBE_NAME", true), S("CUBE_TYPE", true), S("CUBE_GUID"), D("CREATED_ON"),
        D("LAST_SCHEMA_UPDATE"), S("SCHEMA_UPDATED_BY"), D("LAST_DATA_UPDATE"), S("DATA_UPDATED_BY"), S("DESCRIPTION"), B("IS_DRILLTHROUGH_ENABLED"),
        B("IS_LINKABLE"), B("IS_WRITE_ENABLED"), B("IS_SQL_ENABLED"), S("CUBE_CAPTION"), S("BASE_CUBE_NAME"), UShort("CUBE_SOURCE", true),
        S("PREFERRED_QUERY_PATTERNS"),
    ];

    protected override IEnumerable<object?[]> Rows(XmlaContext context) =>
        context.Cubes().Select(c => new object?[]
        {
            context.Catalog, context.Catalog, c.Cube.Name, "CUBE", null, null, null, null, null, null, $"The {c.Cube.Name} cube", true,
            false, false, false, c.Structure.Caption, null, 1, null,
        });
}

/// <summary>MDSCHEMA_DIMENSIONS: the measures, then one dimension per dimension name of the cube's hierarchies.</summary>
internal sealed class DimensionsRowset : CubeRowset
{
    public override string Name => "MDSCHEMA_DIMENSIONS";

    public override string? Guid => "C8B522D9-5CF3-11CE-ADE5-00AA0044773D";

    protected override string? VisibilityRestriction => "DIMENSION_VISIBILITY";

    public override IReadOnlyList<XmlaColumn> Columns { get; } =
    [
        S("CATALOG_NAME", true), S("SCHEMA_NAME", true), S("CUBE_NAME", true), S("DIMENSION_NAME", true), S("DIMENSION_UNIQUE_NAME", true),
        S("DIMENSION_GUID"), S("DIMENSION_CAPTION"), U("DIMENSION_ORDINAL"), UShort("DIMENSION_TYPE"), U("DIMENSION_CARDINALITY"),
        S("DEFAULT_HIERARCHY"), S("DESCRIPTION"), B("IS_VIRTUAL"), B("IS_READWRITE"), I("DIMENSION_UNIQUE_SETTINGS"),
        S("DIMENSION_MASTER_UNIQUE_NAME"), B("DIMENSION_IS_VISIBLE"), UShort("CUBE_SOURCE", true), UShort("DIMENSION_VISIBILITY", true),
    ];

    protected override IEnumerable<object?[]> Rows(XmlaContext context)
    {
        foreach (var (cube, structure) in context.Cubes())
        {
            if (Shows(context, true))
            {
                yield return [context.Catalog, context.Catalog, cube.Name, "Measures", Measures, null, "Measures", 0, 2, structure.Measures.Count, Measures, "The measures", false, false, 0, null, true, null, null];
            }
            var ordinal = 0;
            foreach (var dimension in structure.Hierarchies.GroupBy(h => h.Dimension))
            {
                ordinal++;
                var visible = dimension.Any(h => h.Visible);
                if (!Shows(context, visible)) continue;
                var first = dimension.First();
                var cardinality = first.Levels.Count == 0 ? 0 : Cardinality(context, cube, first.Levels[^1].UniqueName) + (first.AllMemberName is null ? 0 : 1);
                yield return [context.Catalog, context.Catalog, cube.Name, dimension.Key, Quote(dimension.Key), null, first.DimensionCaption, ordinal, 3, cardinality, first.UniqueName, $"The {dimension.Key} dimension", false, false, 0, null, visible, null, null];
            }
        }
    }
}

/// <summary>MDSCHEMA_HIERARCHIES.</summary>
internal sealed class HierarchiesRowset : CubeRowset
{
    public override string Name => "MDSCHEMA_HIERARCHIES";

    public override string? Guid => "C8B522DA-5CF3-11CE-ADE5-00AA0044773D";

    protected override string? VisibilityRestriction => "HIERARCHY_VISIBILITY";

    public override IReadOnlyList<XmlaColumn> Columns { get; } =
    [
        S("CATALOG_NAME", true), S("SCHEMA_NAME", true), S("CUBE_NAME", true), S("DIMENSION_UNIQUE_NAME", true), S("HIERARCHY_NAME", true),
        S("HIERARCHY_UNIQUE_NAME", true), S("HIERARCHY_GUID"), S("HIERARCHY_CAPTION"), UShort("DIMENSION_TYPE"), U("HIERARCHY_CARDINALITY"),
        S("DEFAULT_MEMBER"), S("ALL_MEMBER"), S("DESCRIPTION"), UShort("STRUCTURE"), B("IS_VIRTUAL"), B("IS_READWRITE"),
        I("DIMENSION_UNIQUE_SETTINGS"), S("DIMENSION_MASTER_UNIQUE_NAME"), B("DIMENSION_IS_VISIBLE"), U("HIERARCHY_ORDINAL"),
        B("DIMENSION_IS_SHARED"), B("HIERARCHY_IS_VISIBLE"), UShort("HIERARCHY_ORIGIN", true), S("HIERARCHY_DISPLAY_FOLDER"),
        UShort("INSTANCE_SELECTION"), I("GROUPING_BEHAVIOR"), UShort("STRUCTURE_TYPE"), B("PARENT_CHILD"), UShort("CUBE_SOURCE", true),
        UShort("HIERARCHY_VISIBILITY", true),
    ];

    protected override IEnumerable<object?[]> Rows(XmlaContext context)
    {
        foreach (var (cube, structure) in context.Cubes())
        {
            if (Shows(context, true))
            {
                var first = structure.Measures.FirstOrDefault(m => m.Visible) ?? (structure.Measures.Count > 0 ? structure.Measures[0] : null);
                yield return [context.Catalog, context.Catalog, cube.Name, Measures, "Measures", Measures, null, "Measures", 2, structure.Measures.Count,
                    first?.UniqueName, null, "The measures", 0, false, false, 0, null, true, 0, true, true, 1, null, 0, 1, 0, false, null, null];
            }
            var ordinal = 0;
            foreach (var hierarchy in structure.Hierarchies)
            {
                ordinal++;
                if (!Shows(context, hierarchy.Visible)) continue;
                var cardinality = hierarchy.Levels.Where(l => l.Name != "(All)").Sum(l => Cardinality(context, cube, l.UniqueName)) + (hierarchy.AllMemberName is null ? 0 : 1);
                yield return [context.Catalog, context.Catalog, cube.Name, Quote(hierarchy.Dimension), hierarchy.Name, hierarchy.UniqueName, null, hierarchy.Caption, 3, cardinality,
                    DefaultMember(context, cube, hierarchy), hierarchy.AllMemberName is { } all ? $"{hierarchy.UniqueName}.{Quote(all)}" : null, $"The {hierarchy.Name} hierarchy",
                    0, false, false, 0, null, true, ordinal, true, hierarchy.Visible, 1, hierarchy.Folder, 0, 1, 0, false, null, null];
            }
        }
    }
}

/// <summary>MDSCHEMA_LEVELS.</summary>
internal sealed class LevelsRowset : CubeRowset
{
    public override string Name => "MDSCHEMA_LEVELS";

    public override string? Guid => "C8B522DB-5CF3-11CE-ADE5-00AA0044773D";

    protected override string? VisibilityRestriction => "LEVEL_VISIBILITY";

    public override IReadOnlyList<XmlaColumn> Columns { get; } =
    [
        S("CATALOG_NAME", true), S("SCHEMA_NAME", true), S("CUBE_NAME", true), S("DIMENSION_UNIQUE_NAME", true), S("HIERARCHY_UNIQUE_NAME", true),
        S("LEVEL_NAME", true), S("LEVEL_UNIQUE_NAME", true), S("LEVEL_GUID"), S("LEVEL_CAPTION"), U("LEVEL_NUMBER"), U("LEVEL_CARDINALITY"),
        I("LEVEL_TYPE"), S("DESCRIPTION"), I("CUSTOM_ROLLUP_SETTINGS"), I("LEVEL_UNIQUE_SETTINGS"), B("LEVEL_IS_VISIBLE"),
        S("LEVEL_ORDERING_PROPERTY"), I("LEVEL_DBTYPE"), S("LEVEL_MASTER_UNIQUE_NAME"), S("LEVEL_NAME_SQL_COLUMN_NAME"),
        S("LEVEL_KEY_SQL_COLUMN_NAME"), S("LEVEL_UNIQUE_NAME_SQL_COLUMN_NAME"), S("LEVEL_ATTRIBUTE_HIERARCHY_NAME"), UShort("LEVEL_KEY_CARDINALITY"),
        UShort("LEVEL_ORIGIN", true), UShort("CUBE_SOURCE", true), UShort("LEVEL_VISIBILITY", true),
    ];

    protected override IEnumerable<object?[]> Rows(XmlaContext context)
    {
        foreach (var (cube, structure) in context.Cubes())
        {
            if (Shows(context, true))
            {
                yield return [context.Catalog, context.Catalog, cube.Name, Measures, Measures, "MeasuresLevel", MeasuresLevel, null, "MeasuresLevel", 0,
                    structure.Measures.Count, 0, "The measures", 0, 0, true, null, 130, null, null, null, null, null, 1, 1, null, null];
            }
            foreach (var hierarchy in structure.Hierarchies)
            {
                if (!Shows(context, hierarchy.Visible)) continue;
                foreach (var level in hierarchy.Levels)
                {
                    var isAll = level.Name == "(All)";
                    yield return [context.Catalog, context.Catalog, cube.Name, Quote(hierarchy.Dimension), hierarchy.UniqueName, level.Name, level.UniqueName, null,
                        level.Caption, level.Depth, isAll ? 1 : Cardinality(context, cube, level.UniqueName), isAll ? 1 : 0, $"The {level.Name} level",
                        0, 0, true, null, 130, null, null, null, null, null, 1, 1, null, null];
                }
            }
        }
    }
}

/// <summary>MDSCHEMA_MEASURES.</summary>
internal sealed class MeasuresRowset : CubeRowset
{
    public override string Name => "MDSCHEMA_MEASURES";

    public override string? Guid => "C8B522DC-5CF3-11CE-ADE5-00AA0044773D";

    protected override string? VisibilityRestriction => "MEASURE_VISIBILITY";

    public override IReadOnlyList<XmlaColumn> Columns { get; } =
    [
        S("CATALOG_NAME", true), S("SCHEMA_NAME", true), S("CUBE_NAME", true), S("MEASURE_NAME", true), S("MEASURE_UNIQUE_NAME", true),
        S("MEASURE_CAPTION"), S("MEASURE_GUID"), I("MEASURE_AGGREGATOR"), UShort("DATA_TYPE"), UShort("NUMERIC_PRECISION"), I("NUMERIC_SCALE"),
        S("MEASURE_UNITS"), S("DESCRIPTION"), S("EXPRESSION"), B("MEASURE_IS_VISIBLE"), S("LEVELS_LIST"), S("MEASURE_NAME_SQL_COLUMN_NAME"),
        S("MEASURE_UNQUALIFIED_CAPTION"), S("MEASUREGROUP_NAME", true), S("MEASURE_DISPLAY_FOLDER"), S("DEFAULT_FORMAT_STRING"),
        UShort("CUBE_SOURCE", true), UShort("MEASURE_VISIBILITY", true),
    ];

    protected override IEnumerable<object?[]> Rows(XmlaContext context)
    {
        foreach (var (cube, structure) in context.Cubes())
        {
            foreach (var measure in structure.Measures)
            {
                if (!Shows(context, measure.Visible)) continue;
                // MDMEASURE_AGGR_UNKNOWN (0): a measure's aggregation is its own (sums, means, formulas); DBTYPE_R8 (5): doubles.
                yield return [context.Catalog, context.Catalog, cube.Name, measure.Name, measure.UniqueName, measure.Caption, null, 0, 5, 16, 255,
                    null, measure.Description, null, measure.Visible, null, null, measure.Caption, cube.Name, measure.Folder, measure.Formatter, null, null];
            }
        }
    }
}

/// <summary>MDSCHEMA_MEASUREGROUPS: one measure group per cube, named after it.</summary>
internal sealed class MeasureGroupsRowset : CubeRowset
{
    public override string Name => "MDSCHEMA_MEASUREGROUPS";

    public override string? Guid => "E1625EBF-FA96-42FD-BEA6-DB90ADAFD96B";

    public override IReadOnlyList<XmlaColumn> Columns { get; } =
        [S("CATALOG_NAME", true), S("SCHEMA_NAME", true), S("CUBE_NAME", true), S("MEASUREGROUP_NAME", true), S("DESCRIPTION"), B("IS_WRITE_ENABLED"), S("MEASUREGROUP_CAPTION")];

    protected override IEnumerable<object?[]> Rows(XmlaContext context) =>
        context.Cubes().Select(c => new object?[] { context.Catalog, context.Catalog, c.Cube.Name, c.Cube.Name, $"The measures of {c.Cube.Name}", false, c.Structure.Caption });
}

/// <summary>MDSCHEMA_MEASUREGROUP_DIMENSIONS: every dimension of a cube is in its one measure group.</summary>
internal sealed class MeasureGroupDimensionsRowset : CubeRowset
{
    public override string Name => "MDSCHEMA_MEASUREGROUP_DIMENSIONS";

    public override string? Guid => "A07CCD33-8148-11D0-87BB-00C04FC33942";

    protected override string? VisibilityRestriction => "DIMENSION_VISIBILITY";

    public override IReadOnlyList<XmlaColumn> Columns { get; } =
    [
        S("CATALOG_NAME", true), S("SCHEMA_NAME", true), S("CUBE_NAME", true), S("MEASUREGROUP_NAME", true), S("MEASUREGROUP_CARDINALITY"),
        S("DIMENSION_UNIQUE_NAME", true), S("DIMENSION_CARDINALITY"), B("DIMENSION_IS_VISIBLE"), B("DIMENSION_IS_FACT_DIMENSION"),
        S("DIMENSION_PATH"), S("DIMENSION_GRANULARITY"), UShort("DIMENSION_VISIBILITY", true),
    ];

    protected override IEnumerable<object?[]> Rows(XmlaContext context)
    {
        foreach (var (cube, structure) in context.Cubes())
        {
            foreach (var dimension in structure.Hierarchies.GroupBy(h => h.Dimension))
            {
                var visible = dimension.Any(h => h.Visible);
                if (!Shows(context, visible)) continue;
                var levels = dimension.First().Levels;
                var leaf = levels.Count > 0 ? levels[^1] : null;
                yield return [context.Catalog, context.Catalog, cube.Name, cube.Name, "ONE", Quote(dimension.Key), "MANY", visible, false, null, leaf?.UniqueName, null];
            }
        }
    }
}

/// <summary>MDSCHEMA_SETS: the cube's named sets (none are defined outside queries here).</summary>
internal sealed class SetsRowset : CubeRowset
{
    public override string Name => "MDSCHEMA_SETS";

    public override string? Guid => "A07CCD0B-8148-11D0-87BB-00C04FC33942";

    public override IReadOnlyList<XmlaColumn> Columns { get; } =
    [
        S("CATALOG_NAME", true), S("SCHEMA_NAME", true), S("CUBE_NAME", true), S("SET_NAME", true), I("SCOPE", true), S("DESCRIPTION"),
        S("EXPRESSION"), S("DIMENSIONS"), S("SET_CAPTION"), S("SET_DISPLAY_FOLDER"), I("SET_EVALUATION_CONTEXT"), UShort("CUBE_SOURCE", true),
    ];

    protected override IEnumerable<object?[]> Rows(XmlaContext context) => [];
}

/// <summary>MDSCHEMA_KPIS: Cuboid has no KPI objects (KPIs are widgets of the web app): none.</summary>
internal sealed class KpisRowset : CubeRowset
{
    public override string Name => "MDSCHEMA_KPIS";

    public override string? Guid => "2AE44109-ED3D-4842-B16F-B694D1CB0E3F";

    public override IReadOnlyList<XmlaColumn> Columns { get; } =
    [
        S("CATALOG_NAME", true), S("SCHEMA_NAME", true), S("CUBE_NAME", true), S("MEASUREGROUP_NAME"), S("KPI_NAME", true), S("KPI_CAPTION"),
        S("KPI_DESCRIPTION"), S("KPI_DISPLAY_FOLDER"), S("KPI_VALUE"), S("KPI_GOAL"), S("KPI_STATUS"), S("KPI_TREND"), S("KPI_STATUS_GRAPHIC"),
        S("KPI_TREND_GRAPHIC"), S("KPI_WEIGHT"), S("KPI_CURRENT_TIME_MEMBER"), S("KPI_PARENT_KPI_NAME"), I("SCOPE"), S("ANNOTATIONS"),
        UShort("CUBE_SOURCE", true),
    ];

    protected override IEnumerable<object?[]> Rows(XmlaContext context) => [];
}
