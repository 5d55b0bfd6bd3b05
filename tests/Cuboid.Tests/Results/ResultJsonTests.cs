using Cuboid.Results;
using Cuboid.Tests.Support;

namespace Cuboid.Tests.Results;

/// <summary>
/// One JSON shape for a result, wherever it is written (the server, live queries, <c>cuboid query --format json</c>):
/// pinned by web/src/test/cellset.snapshot.json, which the web app's tests read as its <c>CellSet</c> type too.
/// </summary>
public sealed class ResultJsonTests
{
    private static string SnapshotPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "web", "src", "test", "cellset.snapshot.json");
            if (File.Exists(Path.Combine(dir.FullName, "Cuboid.slnx"))) return path;
        }
        throw new InvalidOperationException("Cuboid.slnx was not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void ACellSetIsWrittenAsTheSnapshotTheWebAppReads()
    {
        using var session = TestData.NewSession();
        var sales = session.CreateTable("Sales", new Dictionary<string, DataType> { ["Id"] = DataType.Int, ["Shop"] = DataType.String, ["Quantity"] = DataType.Double }, keys: ["Id"]);
        sales.Append([1, "Paris", 3.5], [2, "Lyon", 5.25]);
        session.CreateCube(sales);
        var result = session.QueryMdx("SELECT {[Measures].[Quantity.SUM]} ON 0, [Sales].[Shop].Members ON 1 FROM [Sales] WHERE [Sales].[Id].[1]");
        var json = ResultJson.Render(result, indented: true) + "\n";
        var path = SnapshotPath();
        if (Environment.GetEnvironmentVariable("CUBOID_UPDATE_SNAPSHOTS") is not null) File.WriteAllText(path, json);
        Assert.Equal(File.ReadAllText(path), json);
    }
}
