using System.Diagnostics;
using Cuboid.Tests.Support;
using Npgsql;

namespace Cuboid.Tests.DirectQuery;

/// <summary>What goes wrong with a database: it is not there, refuses the credentials, or takes too long. Clear errors naming it, never a secret, and the session goes on.</summary>
public sealed class DirectQueryErrorTests
{
    [Fact]
    public void AnUnreachableDatabaseIsNamedWithoutItsPassword()
    {
        using var session = TestData.NewSession();
        var port = PrivateServers.FreePort();
        using var database = session.ConnectToExternalDatabase(new PostgresConnectionInfo($"Host=127.0.0.1;Port={port};Username=ana;Password=hunter2;Database=shop;Timeout=3"));
        var error = Assert.Throws<ExternalDatabaseException>(() => database.Tables);
        Assert.StartsWith($"PostgreSQL database 'shop' at 127.0.0.1:{port} failed: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.ToString(), StringComparison.Ordinal);
        // The session is as it was.
        Assert.Empty(session.Tables);
    }

    [Fact]
    public void AManyToManyJoinOfADatabaseTableIsRefusedNotMultiplied()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cuboid-m2m-{Guid.NewGuid():N}.duckdb");
        try
        {
            using (var duck = new DuckDB.NET.Data.DuckDBConnection($"Data Source={path}"))
            {
                duck.Open();
                using var command = duck.CreateCommand();
                command.CommandText = """
                    CREATE TABLE sales (id integer, product text, amount double);
                    INSERT INTO sales VALUES (1, 'P1', 10), (2, 'P2', 5);
                    CREATE TABLE tags (product text, tag text);
                    INSERT INTO tags VALUES ('P1', 'red'), ('P1', 'warm'), ('P2', 'red');
                    """;
                command.ExecuteNonQuery();
            }
            using var session = TestData.NewSession();
            using var database = session.ConnectToExternalDatabase(new DuckDbConnectionInfo(path));
            var sales = session.AddExternalTable(database.Tables["sales"]);
            var tags = session.AddExternalTable(database.Tables["tags"], keys: ["product", "tag"]);
            sales.Join(tags, sales["product"] == tags["product"]);
            var cube = session.CreateCube(sales, "Sales", CubeMode.Manual);
            cube.Measures["Amount"] = Agg.Sum(sales["amount"]);
            // The SQL join would add P1's 10 once per tag: refused, naming the join, rather than 25 for 15.
            var error = Assert.Throws<NotSupportedException>(() => cube.Query([cube.Measures["Amount"]]));
            Assert.Contains("'tags' is joined many-to-many to 'sales'", error.Message, StringComparison.Ordinal);
            Assert.Contains("a DirectQuery cube's SQL", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AMissingDuckDbFileIsAClearError()
    {
        using var session = TestData.NewSession();
        var error = Assert.Throws<ExternalDatabaseException>(() => session.ConnectToExternalDatabase(new DuckDbConnectionInfo("/nonexistent/shop.duckdb")));
        Assert.Equal("The DuckDB database file '/nonexistent/shop.duckdb' does not exist.", error.Message);
    }
}

/// <summary>ClickHouse: a user's password is checked, and never shown.</summary>
public sealed class ClickHouseCredentialTests(ClickHouseServer server) : IClassFixture<ClickHouseServer>
{
    [Fact]
    public void WrongCredentialsAreRefusedWithoutShowingThem()
    {
        using var session = TestData.NewSession();
        var (user, password) = ClickHouseServer.Analyst;
        using var wrong = session.ConnectToExternalDatabase(new ClickHouseConnectionInfo(server.Url) { User = user, Password = "not-" + password });
        var error = Assert.Throws<ExternalDatabaseException>(() => wrong.Tables);
        Assert.StartsWith($"ClickHouse database 'default' at 127.0.0.1:{server.HttpPort} failed (HTTP ", error.Message, StringComparison.Ordinal);
        Assert.Contains("password", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(password, error.ToString(), StringComparison.Ordinal);
        using var right = session.ConnectToExternalDatabase(new ClickHouseConnectionInfo(server.Url) { User = user, Password = password });
        Assert.NotNull(right.Tables);
    }
}

/// <summary>A query's time limit cancels the statement in the database; the session answers the next query.</summary>
public sealed class PostgresTimeoutTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    [Fact]
    public void ATimeLimitCancelsTheDatabaseStatement()
    {
        using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            // Three billion generated rows: a sum over them takes minutes.
            command.CommandText = """
                CREATE TABLE kinds (kind_id integer PRIMARY KEY, kind text);
                INSERT INTO kinds VALUES (0, 'even'), (1, 'odd');
                CREATE VIEW endless AS SELECT g % 2 AS kind_id, g::float8 AS amount FROM generate_series(1::bigint, 3000000000::bigint) g;
                CREATE TABLE small (kind_id integer, amount float8);
                INSERT INTO small VALUES (0, 1.5), (1, 2.5), (1, 3);
                """;
            command.ExecuteNonQuery();
        }
        using var session = TestData.NewSession();
        using var database = session.ConnectToExternalDatabase(new PostgresConnectionInfo(server.ConnectionString));
        var kinds = session.AddExternalTable(database.Tables["public", "kinds"], keys: ["kind_id"]);
        var endless = session.AddExternalTable(database.Tables["endless"]);
        endless.Join(kinds);
        var cube = session.CreateCube(endless, "Endless", CubeMode.Manual);
        cube.Measures["Amount"] = Agg.Sum(endless["amount"]);
        var clock = Stopwatch.StartNew();
        var error = Assert.Throws<MdxException>(() => session.QueryMdx("SELECT {[Measures].[Amount]} ON COLUMNS FROM [Endless]", new QueryOptions { Timeout = TimeSpan.FromMilliseconds(500) }, TestContext.Current.CancellationToken));
        Assert.Equal("MDX0300", error.Diagnostics[0].Code);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"the time limit took {clock.Elapsed} to stop the query");
        // The database stopped too: no statement of ours is left running.
        using var check = new NpgsqlConnection(server.ConnectionString);
        check.Open();
        using var active = check.CreateCommand();
        active.CommandText = "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%endless%' AND pid <> pg_backend_pid()";
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((long)active.ExecuteScalar()! > 0 && DateTime.UtcNow < deadline) Thread.Sleep(100);
        Assert.Equal(0L, (long)active.ExecuteScalar()!);
        // And the session and the database answer the next query.
        var small = session.AddExternalTable(database.Tables["small"]);
        small.Join(kinds);
        var smallCube = session.CreateCube(small, "Small", CubeMode.Manual);
        smallCube.Hierarchies.Set(("Kind", "Kind"), ("Kind", kinds["kind"]));
        smallCube.Measures["Amount"] = Agg.Sum(small["amount"]);
        var cells = session.QueryMdx("SELECT [Kind].[Kind].[Kind].Members ON COLUMNS FROM [Small] WHERE [Measures].[Amount]").CellSet!.Cells;
        Assert.Equal([1.5, 5.5], cells.Select(c => Convert.ToDouble(c.Value, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
