using System.Text.Json;
using Cuboid.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Cuboid.Tests.Sessions;

/// <summary>SessionConfig.Logging: loads and queries as records with their figures, JSON or text, filtered by level, never a data value.</summary>
public sealed class LoggingTests
{
    private const string Secret = "top-secret-value";

    private static void Work(Session session)
    {
        var table = session.CreateTable("sales", new Dictionary<string, DataType> { ["id"] = DataType.Int, ["kind"] = DataType.String, ["amount"] = DataType.Double }, ["id"]);
        table.Append([1, Secret, 2.5], [2, "plain", 4.0], [3, Secret, 1.0]);
        var cube = session.CreateCube(table, "Sales");
        cube.Query([cube.Measures["amount.SUM"]], [cube.Levels["kind"]]);
        cube.Query([cube.Measures["amount.SUM"]], [cube.Levels["kind"]]);   // the same again: from the cache
        session.QueryMdx("SELECT [Measures].[amount.SUM] ON COLUMNS FROM [Sales]");
    }

    [Fact]
    public void AJsonFileGetsLoadsAndQueriesWithTheirFigures()
    {
        var path = Path.Combine(TestData.TempDirectory(), "cuboid.json");
        using (var session = Session.Start(new SessionConfig { Name = null, Port = null, Logging = new LoggingConfig { Destination = path, Format = LogFormat.Json } }))
        {
            Assert.Equal(path, session.LogsPath);
            Work(session);
        }
        var records = File.ReadAllLines(path).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        string Template(JsonElement record) => record.GetProperty("@mt").GetString()!;
        var loaded = Assert.Single(records, r => Template(r).StartsWith("loaded", StringComparison.Ordinal));
        Assert.Equal(("sales", 3L, 0), (loaded.GetProperty("Table").GetString(), loaded.GetProperty("Rows").GetInt64(), loaded.GetProperty("Rejected").GetInt32()));
        Assert.True(loaded.GetProperty("Milliseconds").GetInt64() >= 0);
        var queries = records.Where(r => Template(r).StartsWith("query", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, queries.Count);
        Assert.All(queries, q => Assert.Equal("Sales", q.GetProperty("Cube").GetString()));
        Assert.Equal([2, 2, 1], queries.Select(q => q.GetProperty("Rows").GetInt32()));
        Assert.Equal(0, queries[0].GetProperty("CacheHits").GetInt64());
        Assert.True(queries[1].GetProperty("CacheHits").GetInt64() >= 1);   // the repeated query read the cache
        Assert.Equal("(session)", queries[0].GetProperty("User").GetString());
        Assert.DoesNotContain(Secret, File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void ALevelLeavesOutTheLessSevereRecords()
    {
        var path = Path.Combine(TestData.TempDirectory(), "warnings.log");
        using (var session = Session.Start(new SessionConfig { Name = null, Port = null, Logging = new LoggingConfig { Destination = path, Level = LogLevel.Warning } }))
        {
            Work(session);
        }
        Assert.Equal("", File.Exists(path) ? File.ReadAllText(path) : "");
    }

    [Fact]
    public void TextRecordsNameTheLoadAndTheQuery()
    {
        var path = Path.Combine(TestData.TempDirectory(), "cuboid.log");
        using (var session = Session.Start(new SessionConfig { Name = null, Port = null, LogsPath = path }))
        {
            Work(session);
        }
        var text = File.ReadAllText(path);
        Assert.Matches(@"INF loaded 3 rows into 'sales', 0 rejected, in \d+ ms", text);
        Assert.Matches(@"INF query on cube 'Sales' by \(session\): 2 rows in \d+ ms, 0 aggregates from the cache", text);
        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
    }

    [Fact]
    public void AQueryCountsOnlyItsOwnCacheHits()
    {
        // Another session's queries read its cache while this session's first query runs (from a measure function, so
        // that they fall inside it every time): its record still says that none of its own aggregates came from a cache.
        using var other = TestData.NewSession();
        var otherTable = other.CreateTable("other", new Dictionary<string, DataType> { ["id"] = DataType.Int, ["amount"] = DataType.Double }, ["id"]);
        otherTable.Append([1, 1.0]);
        var otherCube = other.CreateCube(otherTable, "Other");
        var path = Path.Combine(TestData.TempDirectory(), "cuboid.log");
        using (var session = Session.Start(new SessionConfig { Name = null, Port = null, LogsPath = path }))
        {
            var table = session.CreateTable("sales", new Dictionary<string, DataType> { ["id"] = DataType.Int, ["kind"] = DataType.String, ["amount"] = DataType.Double }, ["id"]);
            table.Append([1, "a", 2.5], [2, "b", 4.0]);
            var cube = session.CreateCube(table, "Sales");
            cube.Measures["Peek"] = Fn.Call(new QueryElsewhere(otherCube), cube.Measures["amount.SUM"]);
            cube.Query([cube.Measures["Peek"]], [cube.Levels["kind"]]);
        }
        Assert.Matches(@"INF query on cube 'Sales' by \(session\): 2 rows in \d+ ms, 0 aggregates from the cache", File.ReadAllText(path));
    }

    /// <summary>Its argument, after querying another cube (from its cache after the first time).</summary>
    private sealed class QueryElsewhere(Cube cube) : IMeasureFunction
    {
        public string Name => "QueryElsewhere";

        public int MinArguments => 1;

        public int MaxArguments => 1;

        public double? Evaluate(ReadOnlySpan<double?> arguments)
        {
            cube.Query([cube.Measures["amount.SUM"]]);
            cube.Query([cube.Measures["amount.SUM"]]);
            return arguments[0];
        }
    }

    [Fact]
    public void LogsPathAndLoggingTogetherAreRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => Session.Start(new SessionConfig { Name = null, Port = null, LogsPath = "a.log", Logging = new LoggingConfig() }));
        Assert.Contains("either SessionConfig.LogsPath (a text file) or SessionConfig.Logging", error.Message, StringComparison.Ordinal);
    }
}
