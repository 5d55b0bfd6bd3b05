namespace Cuboid.Server.Xmla;

/// <summary>
/// A query result as a rowset (Execute with Format Tabular, or a DRILLTHROUGH): one column per
/// result column, named as the result names it, typed from its values.
/// </summary>
internal sealed class TabularResult : XmlaRowset
{
    private readonly QueryResult _result;

    private TabularResult(QueryResult result)
    {
        _result = result;
        Columns = [.. result.Columns.Select(c => new XmlaColumn(ElementName(c.Name), TypeOf(c.ClrType)))];
    }

    public static TabularResult Of(QueryResult result) => new(result);

    public override string Name => "Tabular";

    public override IReadOnlyList<XmlaColumn> Columns { get; }

    protected override IEnumerable<object?[]> Rows(XmlaContext context)
    {
        for (var row = 0; row < _result.RowCount; row++)
        {
            var values = new object?[_result.Columns.Count];
            for (var c = 0; c < values.Length; c++) values[c] = _result.Columns[c][row] is double[] array ? string.Join(";", array) : _result.Columns[c][row];
            yield return values;
        }
    }

    private static string TypeOf(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(double) => "xsd:double",
        var t when t == typeof(float) => "xsd:float",
        var t when t == typeof(long) => "xsd:long",
        var t when t == typeof(int) => "xsd:int",
        var t when t == typeof(bool) => "xsd:boolean",
        var t when t == typeof(DateTime) => "xsd:dateTime",
        _ => "xsd:string",
    };

    /// <summary>A column name as an XML element name (SSAS encodes the characters XML names cannot hold).</summary>
    private static string ElementName(string name) => System.Xml.XmlConvert.EncodeLocalName(name) ?? "_";
}
