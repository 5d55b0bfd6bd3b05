using Cuboid.Storage;
using Cuboid.Tests.Support;

namespace Cuboid.Tests.Storage;

public sealed class ChunkTests
{
    private sealed record Row(int Id, string Name, double? Value, long Big);

    private const int Rows = 150_000;

    private static IEnumerable<Row> Generate(int count, int offset = 0) =>
        Enumerable.Range(offset, count).Select(i => new Row(i, "n" + (i % 1000), i % 7 == 0 ? null : i * 0.5, (long)i * 3));

    [Fact]
    public void LoadsLargerThanAChunkKeepEveryRowInOrder()
    {
        Assert.Equal(65_536, Chunk.Size);
        using var session = TestData.NewSession();
        var table = session.CreateTable("Big",
            new Dictionary<string, DataType> { ["Id"] = DataType.Int, ["Name"] = DataType.String, ["Value"] = DataType.Double, ["Big"] = DataType.Long });
        var report = table.Load(Generate(Rows));
        Assert.Equal(Rows, report.RowsRead);
        Assert.Equal(Rows, report.RowsLoaded);
        Assert.Equal(Rows, table.RowCount);
        Assert.Equal(3, table.Version.Chunks.Length);
        Assert.Equal([65_536, 65_536, Rows - 2 * 65_536], table.Version.Chunks.Select(c => c.Count));

        var result = table.Query();
        var ids = (int?[])result.Column("Id").Values;
        var names = (string?[])result.Column("Name").Values;
        var values = (double?[])result.Column("Value").Values;
        var bigs = (long?[])result.Column("Big").Values;
        for (var i = 0; i < Rows; i++)
        {
            if (ids[i] != i || names[i] != "n" + (i % 1000) || values[i] != (i % 7 == 0 ? null : i * 0.5) || bigs[i] != i * 3L)
            {
                Assert.Fail($"row {i}: {ids[i]} {names[i]} {values[i]} {bigs[i]}");
            }
        }
        Assert.Equal(Rows / 7 + 1, table.Query(filter: table["Value"].IsNull()).RowCount);
        Assert.Equal([65_535, 65_536, 65_537], table.Query([table["Id"]], table["Id"].IsIn(65_535, 65_536, 65_537)).Column("Id").Values.Cast<int>());
        Assert.Equal(1000, table.Store.Columns[1].Dictionary!.Count);
    }

    [Fact]
    public void KeyedLoadsLargerThanAChunkUpsertAcrossChunks()
    {
        using var session = TestData.NewSession();
        var table = session.CreateTable("Big",
            new Dictionary<string, DataType> { ["Id"] = DataType.Int, ["Name"] = DataType.String, ["Value"] = DataType.Double, ["Big"] = DataType.Long },
            keys: ["Id"]);
        // One load whose second half repeats keys of the first: the last row of each key wins.
        table.Load(Generate(Rows).Concat(Generate(10_000, 60_000).Select(r => r with { Name = "again" })));
        Assert.Equal(Rows, table.RowCount);
        Assert.Equal(10_000, table.Query(filter: table["Name"] == "again").RowCount);
        var ids = table.Query([table["Id"]], table["Name"] == "again").Column("Id").Values.Cast<int>();
        Assert.Equal(Enumerable.Range(60_000, 10_000), ids);
        Assert.Equal(Rows - 10_000, table.Query(filter: table["Name"] != "again").RowCount);

        // A second load replacing rows of every chunk.
        table.Load(Enumerable.Range(0, Rows / 1000).Select(i => new Row(i * 1000, "third", -1, 0)));
        Assert.Equal(Rows, table.RowCount);
        Assert.Equal(Rows / 1000, table.Query(filter: table["Name"] == "third").RowCount);
        Assert.Equal(0, table.Query(filter: (table["Id"] == 65_000) & (table["Name"] != "third")).RowCount);
    }

    [Fact]
    public void ManySmallAppendsKeepRowCountAndOrder()
    {
        using var session = TestData.NewSession();
        var table = session.CreateTable("Small", new Dictionary<string, DataType> { ["Id"] = DataType.Int, ["Name"] = DataType.String, ["Value"] = DataType.Double });
        var expected = new List<int>();
        var next = 0;
        for (var batch = 0; batch < 400; batch++)
        {
            var size = 1 + batch % 5;
            var rows = new object?[size][];
            for (var i = 0; i < size; i++)
            {
                rows[i] = [next, "s" + (next % 3), next % 4 == 0 ? null : next * 1.0];
                expected.Add(next++);
            }
            table.Append(rows);
            Assert.Equal(expected.Count, table.RowCount);
        }
        Assert.Single(table.Version.Chunks);   // small appends merge into the last chunk
        var result = table.Query();
        Assert.Equal(expected, result.Column("Id").Values.Cast<int>());
        Assert.Equal(expected.Select(i => "s" + (i % 3)), result.Column("Name").Values.Cast<string>());
        Assert.Equal(expected.Select(i => i % 4 == 0 ? (double?)null : i * 1.0), result.Column("Value").Values.Cast<double?>());
        Assert.Equal(expected.Count(i => i % 4 == 0), table.Query(filter: table["Value"].IsNull()).RowCount);
    }

    [Fact]
    public void SmallAppendsAfterAFullChunkStartANewOne()
    {
        using var session = TestData.NewSession();
        var table = session.CreateTable("T", new Dictionary<string, DataType> { ["Id"] = DataType.Int }, keys: ["Id"]);
        table.Load(Enumerable.Range(0, Chunk.Size - 2).Select(i => new { Id = i }));
        table.Append([-1], [-2], [-3], [-4]);   // does not fit in the first chunk: a new one
        Assert.Equal([Chunk.Size - 2, 4], table.Version.Chunks.Select(c => c.Count));
        table.Append([5], [-5]);   // merges into the second chunk; 5 replaces a row of the first
        Assert.Equal(Chunk.Size - 2 + 6 - 1, table.RowCount);
        Assert.Equal([Chunk.Size - 2, 6], table.Version.Chunks.Select(c => c.Count));
        var ids = table.Query().Column("Id").Values.Cast<int>().ToList();
        Assert.Equal(Chunk.Size + 3, ids.Count);
        Assert.Equal([-1, -2, -3, -4, 5, -5], ids[^6..]);
        Assert.DoesNotContain(5, ids[..^6]);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void DeletingKeepsOlderVersionsIntact()
    {
        using var session = TestData.NewSession();
        var table = session.CreateTable("T", new Dictionary<string, DataType> { ["Id"] = DataType.Int });
        table.Load(Enumerable.Range(0, 10).Select(i => new { Id = i }));
        var before = table.Version;
        table.Drop(table["Id"] < 5);
        table.Append([10]);
        Assert.Equal(10, before.RowCount);
        Assert.Equal(Enumerable.Range(0, 10), before.LiveRows().Select(r => (int)before.GetValue(0, r)!));
        Assert.Equal([5, 6, 7, 8, 9, 10], table.Query().Column("Id").Values.Cast<int>());
    }
}
