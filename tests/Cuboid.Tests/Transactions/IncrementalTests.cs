using Cuboid.Tests.Support;

namespace Cuboid.Tests.Transactions;

/// <summary>After a commit, cached aggregates are updated from the changed chunks only, and equal a full recomputation.</summary>
public sealed class IncrementalTests
{
    private sealed record Sale(int Id, string Shop, int Day, double Amount);

    [Fact]
    public void UpdatedAggregatesEqualAFullScanAfterAppendsUpsertsAndDrops()
    {
        using var session = TestData.NewSession();
        var sales = session.CreateTable("Sales", new Dictionary<string, DataType> { ["Id"] = DataType.Int, ["Shop"] = DataType.String, ["Day"] = DataType.Int, ["Amount"] = DataType.Double }, keys: ["Id"]);
        var random = new Random(5);
        Sale New(int id) => new(id, $"Shop {random.Next(7)}", random.Next(30), Math.Round(random.NextDouble() * 100, 2));
        sales.Load(Enumerable.Range(0, 200_000).Select(New));
        var cube = session.CreateCube(sales, "Sales", CubeMode.Manual);
        cube.Hierarchies.Remove("Id");
        cube.Hierarchies.Set("Day", sales["Day"]);
        var m = cube.Measures;
        m["Amount"] = Agg.Sum(sales["Amount"]);
        m["Sales"] = Agg.Count(sales["Id"]);
        m["Mean"] = Agg.Mean(sales["Amount"]);
        m["Largest"] = Agg.Max(sales["Amount"]);
        Measure[] measures = [m["Amount"], m["Sales"], m["Mean"]];   // sums and counts: updated
        Measure[] largest = [m["Largest"]];                            // a maximum: scanned again when rows were replaced
        Level[] levels = [cube.Levels["Shop"], cube.Levels["Day"]];
        var filter = cube.Levels["Day"] < 20;
        string Snapshot(QueryResult r) => r.ToString();

        cube.Query(measures, levels, filter);   // computed once: later queries update it
        var next = 200_000;
        for (var step = 0; step < 6; step++)
        {
            switch (step % 3)
            {
                case 0: sales.Load(Enumerable.Range(next, 5_000).Select(New)); next += 5_000; break;        // new rows
                case 1: sales.Load(Enumerable.Range(0, 3_000).Select(_ => New(random.Next(next)))); break;   // upserts: older chunks lose rows
                default: sales.Drop(sales["Id"] < 1_000 + step); break;                                       // drops
            }
            var updated = cube.Query(measures, levels, filter);
            var updatedAll = cube.Query(measures, [cube.Levels["Shop"]], includeTotals: true);
            var updatedLargest = cube.Query(largest, levels);
            cube.ClearCache();
            Assert.Equal(Snapshot(cube.Query(largest, levels)), Snapshot(updatedLargest));
            Assert.Equal(Snapshot(cube.Query(measures, levels, filter)), Snapshot(updated));
            Assert.Equal(Snapshot(cube.Query(measures, [cube.Levels["Shop"]], includeTotals: true)), Snapshot(updatedAll));
            cube.Query(measures, levels, filter);
            cube.Query(measures, [cube.Levels["Shop"]], includeTotals: true);
            cube.Query(largest, levels);
        }
    }

    [Fact]
    public void TheExplainPlanShowsTheUpdate()
    {
        using var session = TestData.NewSession();
        var sales = session.CreateTable("Sales", new Dictionary<string, DataType> { ["Id"] = DataType.Int, ["Shop"] = DataType.String, ["Day"] = DataType.Int, ["Amount"] = DataType.Double }, keys: ["Id"]);
        sales.Load(Enumerable.Range(0, 300_000).Select(i => new Sale(i, $"Shop {i % 5}", i % 30, i % 97)));
        var cube = session.CreateCube(sales, "Sales", CubeMode.Manual);
        cube.Measures["Amount"] = Agg.Sum(sales["Amount"]);
        const string mdx = "SELECT {[Measures].[Amount]} ON 0, [Sales].[Shop].[Shop].Members ON 1 FROM [Sales]";
        Assert.Equal("scan", session.ExplainMdxQuery(mdx).Requests.Single().Source);
        sales.Load([new Sale(300_000, "Shop 1", 3, 1000)]);
        var plan = session.ExplainMdxQuery(mdx);
        Assert.Equal("update", plan.Requests.Single().Source);
        var cells = session.QueryMdx(mdx).CellSet!.Cells.Select(c => (double)c.Value!).ToList();
        Assert.Equal(Enumerable.Range(0, 300_000).Where(i => i % 5 == 1).Sum(i => (double)(i % 97)) + 1000, cells[1]);
    }

    [Fact]
    public void ACommitKeepsTheMemberCodesOfTheChunksItDidNotTouch()
    {
        using var session = TestData.NewSession();
        var sales = session.CreateTable("Sales", new Dictionary<string, DataType> { ["Id"] = DataType.Int, ["Date"] = DataType.LocalDate, ["Amount"] = DataType.Double }, keys: ["Id"]);
        object?[] Row(int i) => [i, new DateOnly(2024, 1, 1).AddDays(i % 400), i % 7];
        sales.Append([.. Enumerable.Range(0, 150_000).Select(Row)]);   // three chunks
        var cube = session.CreateCube(sales, "Sales", CubeMode.Manual);
        var calendar = cube.CreateDateHierarchy("Calendar", sales["Date"]);
        cube.Measures["Amount"] = Agg.Sum(sales["Amount"]);
        cube.Query([cube.Measures["Amount"]], [cube.Levels["Year"]]);
        var index = cube.IndexOf(calendar);
        var (first, last) = (index.FactChunkCodes(cube.Snapshot, 0), index.FactChunkCodes(cube.Snapshot, 2));

        sales.Append([.. Enumerable.Range(150_000, 10).Select(Row)]);   // into the last chunk only
        var result = cube.Query([cube.Measures["Amount"]], [cube.Levels["Year"]]);
        // The untouched chunk's codes are the same arrays (a fact commit used to make every chunk's be computed again); the grown one's are new.
        Assert.Same(first, index.FactChunkCodes(cube.Snapshot, 0));
        Assert.NotSame(last, index.FactChunkCodes(cube.Snapshot, 2));
        Assert.Equal(Enumerable.Range(0, 150_010).Sum(i => i % 7), result.Rows().Sum(r => (double)r[^1]!));
    }
}
