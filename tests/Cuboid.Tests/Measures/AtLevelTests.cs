using Cuboid.Tests.Support;

namespace Cuboid.Tests.Measures;

/// <summary>Fn.At with another level, against LINQ over the rows.</summary>
public sealed class AtLevelTests
{
    private sealed record Flow(int Id, string Country, string Benchmark, string Product, double Qty);

    [Fact]
    public void AtAnotherLevelReadsTheMemberItNames()
    {
        Flow[] flows =
        [
            new(1, "FR", "FR", "Tea", 5), new(2, "FR", "DE", "Tea", 7), new(3, "DE", "DE", "Tea", 11), new(4, "DE", "FR", "Coffee", 13),
            new(5, "FR", "FR", "Coffee", 17), new(6, "IT", "DE", "Tea", 19), new(7, "DE", "IT", "Tea", 23),
        ];
        using var session = TestData.NewSession();
        var t = session.CreateTable("Flows", new Dictionary<string, DataType>
        {
            ["Id"] = DataType.Int,
            ["Country"] = DataType.String,
            ["Benchmark"] = DataType.String,
            ["Product"] = DataType.String,
            ["Qty"] = DataType.Double,
        }, keys: ["Id"]);
        t.Load(flows);
        var cube = session.CreateCube(t, "Flows", CubeMode.Manual);
        cube.Hierarchies.Remove("Id");
        var (l, m) = (cube.Levels, cube.Measures);
        m["Qty"] = Agg.Sum(t["Qty"]);
        m["Benchmark's qty"] = Fn.At(m["Qty"], l["Country"], l["Benchmark"]);
        var result = cube.Query([m["Benchmark's qty"]], levels: [l["Benchmark"], l["Product"]]);
        Assert.True(result.RowCount > 3);
        for (var r = 0; r < result.RowCount; r++)
        {
            var (benchmark, product) = ((string)result[r, "Benchmark"]!, (string)result[r, "Product"]!);
            // The cell's coordinates, with Country moved to the benchmark's value.
            var rows = flows.Where(f => f.Benchmark == benchmark && f.Product == product && f.Country == benchmark).ToList();
            Assert.Equal(rows.Count == 0 ? null : rows.Sum(f => f.Qty), result.Column("Benchmark's qty").GetDouble(r));
        }
        // Without the benchmark level on the cell there is nothing to shift: the measure itself.
        var plain = cube.Query([m["Qty"], m["Benchmark's qty"]], levels: [l["Product"]]);
        Assert.Equal(plain.Column("Qty").Values.Cast<double?>(), plain.Column("Benchmark's qty").Values.Cast<double?>());
    }
}
