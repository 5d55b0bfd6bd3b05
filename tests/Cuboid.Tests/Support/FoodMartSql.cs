using System.Globalization;
using System.IO.Compression;
using Microsoft.Data.Sqlite;
using nietras.SeparatedValues;

namespace Cuboid.Tests.Support;

/// <summary>
/// The FoodMart CSVs in an in-memory SQLite database: an oracle independent of Cuboid (its own
/// CSV reading, SQL's aggregates and window functions) for the measure cases written as data.
/// Every column has NUMERIC affinity, so numbers compare as numbers; empty fields are NULL.
/// </summary>
public sealed class FoodMartSql : IDisposable
{
    private static readonly string[] s_tables = ["sales_fact_1997", "time_by_day", "product", "product_class", "store", "customer", "promotion"];

    public FoodMartSql()
    {
        Connection = new SqliteConnection("Data Source=:memory:");
        Connection.Open();
        foreach (var table in s_tables) Load(table);
    }

    public SqliteConnection Connection { get; }

    private void Load(string table)
    {
        // Inflated with the framework's GZipStream, not Cuboid's reader: the oracle shares no code with what it checks.
        using var reader = Sep.Reader(o => o with { Unescape = true }).From(new GZipStream(File.OpenRead(TestData.FoodMart(table)), CompressionMode.Decompress));
        var columns = Enumerable.Range(0, reader.Header.ColNames.Count).Select(i => reader.Header.ColNames[i]).ToArray();
        using var transaction = Connection.BeginTransaction();
        using (var create = Connection.CreateCommand())
        {
            create.CommandText = $"CREATE TABLE {table} ({string.Join(", ", columns.Select(c => $"\"{c}\" NUMERIC"))})";
            create.ExecuteNonQuery();
        }
        using var insert = Connection.CreateCommand();
        insert.CommandText = $"INSERT INTO {table} VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
        var parameters = columns.Select((_, i) => insert.Parameters.Add("$p" + i, SqliteType.Text)).ToArray();
        foreach (var row in reader)
        {
            for (var i = 0; i < columns.Length; i++)
            {
                var text = row[i].ToString();
                parameters[i].Value = text.Length == 0 ? DBNull.Value : text;
            }
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    /// <summary>The rows of a query, each value as a string (invariant) or null.</summary>
    public List<string?[]> Rows(string sql)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string?[]>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))]);
        }
        return rows;
    }

    public void Dispose() => Connection.Dispose();
}
