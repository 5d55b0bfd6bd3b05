using Cuboid.Tests.Support;

namespace Cuboid.Tests.Aggregation;

public sealed class DeterminismTests
{
    /// <summary>Parallel scans add their doubles in a fixed order: an uncached query repeats to the last bit.</summary>
    [Fact]
    public void UncachedQueriesGiveBitIdenticalSums()
    {
        using var session = TestData.NewSession();
        var random = new Random(11);
        var t = session.CreateTable("T", new Dictionary<string, DataType> { ["G"] = DataType.Int, ["X"] = DataType.Double });
        t.Load(Enumerable.Range(0, 300_000).Select(_ => new { G = random.Next(50), X = random.NextDouble() * 1e6 / 7 }));
        var cube = session.CreateCube(t, "T", CubeMode.Manual);
        cube.Hierarchies.Set("G", t["G"]);
        cube.Measures["X"] = Agg.Sum(t["X"]);
        double?[] Run()
        {
            cube.ClearCache();
            return [.. cube.Query([cube.Measures["X"]], levels: [cube.Levels["G"]]).Column("X").Values.Cast<double?>()];
        }
        var first = Run();
        for (var i = 0; i < 5; i++)
        {
            var again = Run();
            Assert.Equal(first.Select(v => BitConverter.DoubleToInt64Bits(v!.Value)), again.Select(v => BitConverter.DoubleToInt64Bits(v!.Value)));
        }
    }
}
