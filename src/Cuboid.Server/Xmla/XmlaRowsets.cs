namespace Cuboid.Server.Xmla;

/// <summary>Every schema rowset the endpoint answers, by request type.</summary>
internal static class XmlaRowsets
{
    public static IReadOnlyList<XmlaRowset> All { get; } =
    [
        new DataSourcesRowset(), new PropertiesRowset(), new SchemaRowsetsRowset(), new EnumeratorsRowset(),
        new KeywordsRowset(), new LiteralsRowset(),
        new CatalogsRowset(), new SchemataRowset(), new TablesRowset(), new ColumnsRowset(),
        new CubesRowset(), new DimensionsRowset(), new HierarchiesRowset(), new LevelsRowset(), new MeasuresRowset(),
        new MeasureGroupsRowset(), new MeasureGroupDimensionsRowset(), new MembersRowset(), new MemberPropertiesRowset(),
        new SetsRowset(), new KpisRowset(), new FunctionsRowset(),
    ];

    private static readonly Dictionary<string, XmlaRowset> s_byName = All.ToDictionary(r => r.Name, StringComparer.OrdinalIgnoreCase);

    public static XmlaRowset? Find(string requestType) => s_byName.GetValueOrDefault(requestType);
}

/// <summary>Column definitions, briefly.</summary>
internal static class Col
{
    public static XmlaColumn S(string name, bool restriction = false) => new(name, "xsd:string", restriction);

    public static XmlaColumn I(string name, bool restriction = false) => new(name, "xsd:int", restriction);

    public static XmlaColumn U(string name, bool restriction = false) => new(name, "xsd:unsignedInt", restriction);

    public static XmlaColumn UShort(string name, bool restriction = false) => new(name, "xsd:unsignedShort", restriction);

    public static XmlaColumn B(string name, bool restriction = false) => new(name, "xsd:boolean", restriction);

    public static XmlaColumn D(string name) => new(name, "xsd:dateTime");
}
