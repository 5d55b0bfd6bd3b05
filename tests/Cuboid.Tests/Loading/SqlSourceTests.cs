using Cuboid.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Cuboid.Tests.Loading;

/// <summary>ReadSql and SqlLoad over SQLite: types from the provider, parameters, streaming, bad rows named.</summary>
public sealed class SqlSourceTests : IDisposable
{
    private readonly SqliteConnection _db = new("Data Source=:memory:");

    public SqlSourceTests()
    {
        _db.Open();
        Execute("""
            CREATE TABLE trades (id INTEGER PRIMARY KEY, book TEXT, amount REAL, qty INTEGER, traded TEXT);
            INSERT INTO trades VALUES (1, 'Rates', 10.5, 3, '2026-01-02'), (2, 'FX', -4.25, 7, '2026-01-03'), (3, 'Rates', 2.0, NULL, '2026-01-04'), (4, NULL, 1.0, 1, '2026-01-05');
            """);
    }

    private void Execute(string sql)
    {
        using var command = _db.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [Fact]
    public void ReadsAQueryWithTheProvidersTypesAndParameters()
    {
        using var session = TestData.NewSession();
        var table = session.ReadSql("SELECT id, book, amount, qty FROM trades WHERE amount > $min ORDER BY id", _db, new SqlOptions
        {
            TableName = "Trades",
            Keys = ["id"],
            Parameters = new Dictionary<string, object?> { ["$min"] = 0 },
        });
        Assert.Equal(["id", "book", "amount", "qty"], table.Columns.Select(c => c.Name));
        Assert.Equal([DataType.Long, DataType.String, DataType.Double, DataType.Long], table.Columns.Select(c => c.DataType));
        var rows = table.Query();
        Assert.Equal([1L, 3L, 4L], rows.Column("id").Values.Cast<long?>());
        Assert.Equal(["Rates", "Rates", "N/A"], rows.Column("book").Values.Cast<string>());   // a null string takes the default, as Atoti
        Assert.Equal([3L, null, 1L], rows.Column("qty").Values.Cast<long?>());
        Assert.Equal(System.Data.ConnectionState.Open, _db.State);   // left as it was
    }

    [Fact]
    public void TypesCanBeGivenAndLoadAppendsToATable()
    {
        using var session = TestData.NewSession();
        var table = session.ReadSql("SELECT id, traded FROM trades", _db, new SqlOptions
        {
            TableName = "Days",
            Keys = ["id"],
            Types = new Dictionary<string, DataType> { ["traded"] = DataType.LocalDate },
        });
        Assert.Equal(new DateOnly(2026, 1, 2), table.Query().Column("traded")[0]);
        Execute("INSERT INTO trades VALUES (5, 'FX', 3.5, 2, '2026-02-01')");
        var report = table.Load(new SqlLoad("SELECT traded, id FROM trades WHERE id >= 4", _db));   // columns matched by name, any order
        Assert.Equal(2, report.RowsLoaded);
        Assert.Equal(5, table.RowCount);   // id 4 replaced, id 5 added
        var missing = Assert.Throws<LoadException>(() => table.Load(new SqlLoad("SELECT id FROM trades", _db)));
        Assert.Contains("The query has no column 'traded'", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ABadValueNamesItsRowAndColumnAndFailedReadsLeaveNothing()
    {
        Execute("INSERT INTO trades VALUES (6, 'FX', 'not a number', 1, '2026-03-01')");
        using var session = TestData.NewSession();
        var error = Assert.Throws<LoadException>(() => session.ReadSql("SELECT id, amount FROM trades ORDER BY id", _db, new SqlOptions { TableName = "T" }));
        Assert.Contains("sql:5", error.Message, StringComparison.Ordinal);
        Assert.Contains("column 'amount'", error.Message, StringComparison.Ordinal);
        Assert.Equal("amount", Assert.Single(error.Rejected).Column);
        Assert.False(session.Tables.ContainsKey("T"));

        var skipped = session.ReadSql("SELECT id, amount FROM trades ORDER BY id", _db, new SqlOptions { TableName = "T", ErrorHandling = ErrorHandling.Skip });
        Assert.Equal(4, skipped.RowCount);
        var unknown = Assert.Throws<ArgumentException>(() => session.ReadSql("SELECT id FROM trades", _db, new SqlOptions { TableName = "U", Types = new Dictionary<string, DataType> { ["nope"] = DataType.Int } }));
        Assert.Contains("'nope', which is not a column of the query", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ALargeResultStreamsInChunksWithProgress()
    {
        Execute("CREATE TABLE numbers (n INTEGER); WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 150000) INSERT INTO numbers SELECT n FROM s;");
        using var session = TestData.NewSession();
        var reports = new List<long>();
        var streamed = session.ReadSql("SELECT n, n * 2 AS twice FROM numbers", _db, new SqlOptions { TableName = "Numbers 2", Progress = new SyncProgress(reports) });
        Assert.Equal(150_000, streamed.RowCount);
        Assert.Equal(150_000L, reports[^1]);
        Assert.True(reports.Count >= 3);
        Assert.Equal(150_000L * 150_001, streamed.Query().Column("twice").Values.Cast<long?>().Sum());
    }

    [Fact]
    public void AProviderAndAConnectionStringOpenTheirOwnConnection()
    {
        var file = Path.Combine(TestData.TempDirectory(), "trades.db");
        using (var db = new SqliteConnection($"Data Source={file}"))
        {
            db.Open();
            using var command = db.CreateCommand();
            command.CommandText = "CREATE TABLE t (k INTEGER, v REAL); INSERT INTO t VALUES (1, 2.5), (2, 3.5);";
            command.ExecuteNonQuery();
        }
        using var session = TestData.NewSession();
        var table = session.ReadSql("SELECT k, v FROM t", $"Data Source={file};Pooling=False", SqliteFactory.Instance, new SqlOptions { TableName = "T" });
        Assert.Equal([2.5, 3.5], table.Query().Column("v").Values.Cast<double?>());
    }

    public void Dispose() => _db.Dispose();
}
