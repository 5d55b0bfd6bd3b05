using Cuboid.Tests.Support;
using Npgsql;

namespace Cuboid.Tests.Loading;

/// <summary>ReadSql against a real PostgreSQL server (Npgsql): its types, arrays, nulls, parameters, a large streamed result.</summary>
public sealed class PostgresSourceTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    private NpgsqlConnection Open()
    {
        var connection = new NpgsqlConnection(server.ConnectionString);
        connection.Open();
        return connection;
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    [Fact]
    public void ReadsPostgresTypesArraysAndNulls()
    {
        using var db = Open();
        Execute(db, """
            DROP TABLE IF EXISTS positions;
            CREATE TABLE positions (id bigint PRIMARY KEY, book text, qty integer, price numeric(10, 2), weight real, ratio double precision,
                                    active boolean, traded date, updated timestamp, pnl double precision[], lots integer[]);
            INSERT INTO positions VALUES
              (1, 'Rates', 10, 99.50, 1.5, 0.25, true, '2026-01-02', '2026-01-02 10:30:00', '{1.5,-2,3}', '{1,2}'),
              (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
              (3, 'FX', 7, 1.25, 2.5, 0.75, false, '2026-02-03', '2026-02-03 08:00:00', '{4,5,6}', '{3}');
            """);
        using var session = TestData.NewSession();
        var table = session.ReadSql("SELECT * FROM positions WHERE id <= @max ORDER BY id", db, new SqlOptions
        {
            TableName = "Positions",
            Keys = ["id"],
            Parameters = new Dictionary<string, object?> { ["max"] = 3L },
        });
        Assert.Equal([DataType.Long, DataType.String, DataType.Int, DataType.Double, DataType.Float, DataType.Double, DataType.Boolean,
            DataType.LocalDate, DataType.LocalDateTime, DataType.DoubleArray, DataType.IntArray], table.Columns.Select(c => c.DataType));
        var rows = table.Query();
        Assert.Equal(["Rates", "N/A", "FX"], rows.Column("book").Values.Cast<string>());
        Assert.Equal([10, null, 7], rows.Column("qty").Values.Cast<int?>());
        Assert.Equal([99.5, null, 1.25], rows.Column("price").Values.Cast<double?>());
        Assert.Equal([new DateOnly(2026, 1, 2), new DateOnly(1970, 1, 1), new DateOnly(2026, 2, 3)], rows.Column("traded").Values.Cast<DateOnly?>());
        Assert.Equal(new DateTime(2026, 1, 2, 10, 30, 0), rows.Column("updated")[0]);
        Assert.Equal([1.5, -2, 3], (double[])rows.Column("pnl")[0]!);
        Assert.Null(rows.Column("pnl")[1]);
        Assert.Equal([3], (int[])rows.Column("lots")[2]!);
    }

    [Fact]
    public void StreamsALargeResultAndNamesABadRow()
    {
        using var db = Open();
        using var session = TestData.NewSession();
        var reports = new List<long>();
        var table = session.ReadSql("SELECT g AS id, g % 7 AS shop, g * 0.5 AS amount FROM generate_series(1, 300000) AS g", db, new SqlOptions
        {
            TableName = "Big",
            Progress = new SyncProgress(reports),
        });
        Assert.Equal(300_000, table.RowCount);
        Assert.True(reports.Count >= 4);
        var cube = session.CreateCube(table, "Big", CubeMode.Manual);
        cube.Measures["Amount"] = Agg.Sum(table["amount"]);
        Assert.Equal(300_000.0 * 300_001 / 4, cube.Query([cube.Measures["Amount"]]).Column("Amount").GetDouble(0));

        var bad = Assert.Throws<LoadException>(() => session.ReadSql("SELECT v FROM (VALUES ('1'), ('2'), ('x')) AS t(v)", db, new SqlOptions
        {
            TableName = "Bad",
            Types = new Dictionary<string, DataType> { ["v"] = DataType.Int },
        }));
        Assert.Contains("sql:3, column 'v'", bad.Message, StringComparison.Ordinal);
        Assert.False(session.Tables.ContainsKey("Bad"));
    }
}
