using System.Globalization;
using System.Text;
using DuckDB.NET.Data;
using Npgsql;

namespace Cuboid.Tests.Support;

/// <summary>
/// Copies of in-memory tables into databases, with the same columns and types, for DirectQuery
/// tests: the same cube over memory and over a database must answer the same.
/// </summary>
internal static class TableCopies
{
    /// <summary>A table's rows as stored (nulls as null).</summary>
    public static IEnumerable<object?[]> Rows(Table table)
    {
        var version = table.Version;
        foreach (var row in version.LiveRows()) yield return [.. table.Columns.Select((_, c) => version.GetValue(c, row))];
    }

    public static void ToDuckDb(IEnumerable<Table> tables, string path)
    {
        using var connection = new DuckDBConnection($"Data Source={path}");
        connection.Open();
        foreach (var table in tables)
        {
            Execute(connection, $"CREATE TABLE \"{table.Name}\" ({string.Join(", ", table.Columns.Select(c => $"\"{c.Name}\" {SqlType(c.DataType)}"))})");
            using var appender = connection.CreateAppender(table.Name);
            foreach (var values in Rows(table))
            {
                var row = appender.CreateRow();
                foreach (var value in values)
                {
                    _ = value switch
                    {
                        null => row.AppendNullValue(),
                        int i => row.AppendValue(i),
                        long l => row.AppendValue(l),
                        double d => row.AppendValue(d),
                        float f => row.AppendValue(f),
                        bool b => row.AppendValue(b),
                        string s => row.AppendValue(s),
                        DateOnly d => row.AppendValue(d),
                        DateTime t => row.AppendValue(t),
                        _ => throw new NotSupportedException(value.GetType().Name),
                    };
                }
                row.EndRow();
            }
        }
    }

    public static void ToPostgres(IEnumerable<Table> tables, string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        foreach (var table in tables)
        {
            Execute(connection, $"CREATE TABLE \"{table.Name}\" ({string.Join(", ", table.Columns.Select(c => $"\"{c.Name}\" {SqlType(c.DataType)}"))})");
            using var import = connection.BeginBinaryImport($"COPY \"{table.Name}\" FROM STDIN (FORMAT BINARY)");
            foreach (var values in Rows(table))
            {
                import.StartRow();
                foreach (var value in values)
                {
                    if (value is null) import.WriteNull();
                    else import.Write(value);
                }
            }
            import.Complete();
        }
    }

    /// <summary>Into ClickHouse over HTTP: a MergeTree table per table (Nullable columns where the type has nulls), rows as TabSeparated.</summary>
    public static void ToClickHouse(IEnumerable<Table> tables, Uri url)
    {
        foreach (var table in tables)
        {
            var columns = table.Columns.Select(c => $"`{c.Name}` {(c.DefaultValue is null ? $"Nullable({ClickHouseType(c.DataType)})" : ClickHouseType(c.DataType))}");
            ClickHouse(url, $"CREATE TABLE `{table.Name}` ({string.Join(", ", columns)}) ENGINE = MergeTree() ORDER BY tuple()");
            var tsv = new StringBuilder();
            foreach (var values in Rows(table))
            {
                tsv.AppendJoin('\t', values.Select(Tsv)).Append('\n');
            }
            ClickHouse(url, $"INSERT INTO `{table.Name}` FORMAT TabSeparated\n{tsv}");
        }
    }

    /// <summary>Runs a statement on ClickHouse's HTTP interface.</summary>
    public static void ClickHouse(Uri url, string sql)
    {
        using var http = new HttpClient();
        using var content = new StringContent(sql, Encoding.UTF8);
        using var response = http.PostAsync(url, content).GetAwaiter().GetResult();
        var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"ClickHouse: {text}");
    }

    private static string Tsv(object? value) => value switch
    {
        null => "\\N",
        string s => s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal),
        bool b => b ? "1" : "0",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };

    private static string SqlType(DataType type) => type switch
    {
        DataType.Int => "INTEGER",
        DataType.Long => "BIGINT",
        DataType.Float => "REAL",
        DataType.Double => "DOUBLE PRECISION",
        DataType.Boolean => "BOOLEAN",
        DataType.LocalDate => "DATE",
        DataType.LocalDateTime => "TIMESTAMP",
        _ => "TEXT",
    };

    private static string ClickHouseType(DataType type) => type switch
    {
        DataType.Int => "Int32",
        DataType.Long => "Int64",
        DataType.Float => "Float32",
        DataType.Double => "Float64",
        DataType.Boolean => "UInt8",
        DataType.LocalDate => "Date",
        DataType.LocalDateTime => "DateTime",
        _ => "String",
    };

    private static void Execute(System.Data.Common.DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
