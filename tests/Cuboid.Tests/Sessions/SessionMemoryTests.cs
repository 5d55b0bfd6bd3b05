using Cuboid.Tests.Support;

namespace Cuboid.Tests.Sessions;

/// <summary>session.Memory: bytes by table and column, scenarios' own chunks, caches; SessionConfig.MaxMemory refuses a load that would pass it.</summary>
public sealed class SessionMemoryTests
{
    private static object?[][] Rows(int count, int from = 0) =>
        [.. Enumerable.Range(from, count).Select(i => new object?[] { i, (long)i * 3, i % 10 == 0 ? "ten" : "other", i * 0.5 })];

    private static Table Sales(Session session) => session.CreateTable("sales",
        new Dictionary<string, DataType> { ["id"] = DataType.Int, ["big"] = DataType.Long, ["kind"] = DataType.String, ["amount"] = DataType.Double }, ["id"]);

    [Fact]
    public void TablesAreCountedColumnByColumn()
    {
        using var session = Session.Start(new SessionConfig { Name = null, Port = null, CompressColumns = false });   // plain arrays: the type's width
        var sales = Sales(session);
        sales.Append(Rows(100_000));
        var memory = session.Memory;
        var table = Assert.Single(memory.Tables);
        Assert.Equal(("sales", 100_000L), (table.Name, table.Rows));
        var columns = table.Columns.ToDictionary(c => c.Name);
        // Arrays are counted at their capacity (whole chunks): a little over the type's width a row.
        Assert.InRange(columns["id"].BytesPerRow, 4, 6);
        Assert.InRange(columns["big"].BytesPerRow, 8, 12);
        Assert.InRange(columns["amount"].BytesPerRow, 8, 12);
        Assert.InRange(columns["kind"].BytesPerRow, 4, 6);   // dictionary codes; two strings in the dictionary
        Assert.InRange(table.KeyIndexBytes, 4 * 100_000L, 48 * 100_000L);
        Assert.Equal(table.Columns.Sum(c => c.Bytes) + table.KeyIndexBytes, table.Bytes);
        Assert.Equal(table.Bytes, memory.Bytes);
        Assert.Null(memory.MaxBytes);
    }

    [Fact]
    public void CachesAndScenariosAreCountedApart()
    {
        using var session = TestData.NewSession();
        var sales = Sales(session);
        sales.Append(Rows(10_000));
        var cube = session.CreateCube(sales, "Sales");
        var before = session.Memory;
        Assert.Equal(0, Assert.Single(before.Cubes).CacheBytes);
        cube.Query([cube.Measures["amount.SUM"]], [cube.Levels["kind"]]);
        var after = session.Memory;
        Assert.True(Assert.Single(after.Cubes).CacheBytes > 0);
        Assert.Equal(10_000 * 4L, after.Cubes[0].IndexBytes);   // the kind of each fact row, as a member code
        Assert.Equal(after.Tables[0].Bytes + after.Cubes[0].CacheBytes + after.Cubes[0].IndexBytes, after.Bytes);

        session.CreateScenario("what-if");
        sales.Scenarios["what-if"].Append(Rows(1_000, from: 20_000));
        var scenario = session.Memory;
        Assert.True(scenario.ScenarioBytes >= 1_000 * 4, $"scenario bytes {scenario.ScenarioBytes}");
        Assert.Equal(after.Tables[0].Bytes, scenario.Tables[0].Bytes);   // the base is as it was
    }

    [Fact]
    public void JoinMapsAndMemberCodesAreCountedWithTheirCube()
    {
        using var session = TestData.NewSession();
        var sales = Sales(session);
        sales.Append(Rows(70_000));
        var kinds = session.CreateTable("kinds", new Dictionary<string, DataType> { ["kind"] = DataType.String, ["family"] = DataType.String }, ["kind"]);
        kinds.Append([["ten", "round"], ["other", "plain"]]);
        sales.Join(kinds, sales["kind"] == kinds["kind"]);
        var cube = session.CreateCube(sales, "Sales", CubeMode.Manual);
        cube.Hierarchies.Set("family", kinds["family"]);
        cube.Measures["amount"] = Agg.Sum(sales["amount"]);
        var joined = Assert.Single(session.Memory.Cubes).IndexBytes;
        Assert.Equal(70_000 * 4L, joined);   // one joined row id a fact row
        cube.Query([cube.Measures["amount"]], [cube.Levels["family"]]);
        var cubeMemory = Assert.Single(session.Memory.Cubes);
        // Then the family's codes: by kinds row (two rows and the unmatched slot), and one byte a fact row (two members).
        Assert.Equal(joined + 3 * 4 + 70_000, cubeMemory.IndexBytes);
        Assert.Equal(cubeMemory.IndexBytes + cubeMemory.CacheBytes, cubeMemory.Bytes);
    }

    [Fact]
    public void ALoadPastTheLimitFailsAndLeavesTheSessionAsItWas()
    {
        using var probe = TestData.NewSession();
        Sales(probe).Append(Rows(10_000));
        var held = probe.Memory.Bytes;
        using var session = Session.Start(new SessionConfig { Name = null, Port = null, MaxMemory = held + (1L << 20) });
        var sales = Sales(session);
        sales.Append(Rows(10_000));
        Assert.Equal(held, session.Memory.Bytes);
        var error = Assert.Throws<LoadException>(() => sales.Append(Rows(1_000_000, from: 10_000)));
        Assert.Matches(@"^Nothing was loaded into table 'sales': its 1,000,000 rows need about \d+ MB, and the session holds \d+ MB of its \d+ MB limit \(SessionConfig\.MaxMemory\)\.$", error.Message);
        Assert.Equal(10_000, sales.RowCount);
        // A load that fits still goes in, and the session answers.
        sales.Append(Rows(1_000, from: 10_000));
        var cube = session.CreateCube(sales, "Sales");
        Assert.Equal(11_000L, cube.Query([cube.Measures["contributors.COUNT"]]).Rows().Single()[0]);
        Assert.Equal(session.Config.MaxMemory, session.Memory.MaxBytes);
    }
}
