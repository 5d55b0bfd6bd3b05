namespace Cuboid.DirectQuery;

/// <summary>Reads a database's catalog into <see cref="ExternalTableInfo"/>s, columns in their order.</summary>
internal static class ExternalCatalogReader
{
    public static ExternalTableCollection Read(ExternalDatabase database)
    {
        var client = database.Client;
        var rows = client.Rows(new Sql.SqlStatement(client.Dialect.CatalogSql, []));
        var tables = new List<ExternalTableInfo>();
        foreach (var group in rows.GroupBy(r => ((string)r[0]!, (string)r[1]!)))
        {
            var columns = new List<ExternalColumn>();
            var unsupported = new List<string>();
            foreach (var row in group)
            {
                var (name, type) = ((string)row[2]!, (string)row[3]!);
                if (client.Dialect.DataTypeOf(type) is { } dataType) columns.Add(new ExternalColumn(name, type, dataType));
                else unsupported.Add($"{name} ({type})");
            }
            tables.Add(new ExternalTableInfo(database, group.Key.Item1, group.Key.Item2, columns, unsupported));
        }
        return new ExternalTableCollection(tables, database.Description);
    }
}
