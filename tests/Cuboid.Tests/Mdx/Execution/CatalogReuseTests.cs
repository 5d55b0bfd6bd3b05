using Cuboid.Tests.Support;

namespace Cuboid.Tests.Mdx.Execution;

/// <summary>
/// MDX catalogs are kept between queries on the same data (MdxCatalogPool): what one query defines
/// must not leak into the next, and a change of data or model must show in the next query.
/// </summary>
public sealed class CatalogReuseTests : IDisposable
{
    private readonly Session _session = TestData.NewSession();
    private readonly Table _sales;
    private readonly Cube _cube;

    public CatalogReuseTests()
    {
        _sales = _session.CreateTable("Sales", new Dictionary<string, DataType> { ["city"] = DataType.String, ["amount"] = DataType.Double });
        _sales.Append(["Paris", 1.0], ["Lyon", 2.0]);
        _cube = _session.CreateCube(_sales, "Sales", CubeMode.Manual);
        _cube.Hierarchies.Set(("Geo", "Geo"), _sales["city"]);
        _cube.Measures["Amount"] = Agg.Sum(_sales["amount"]);
    }

    public void Dispose() => _session.Dispose();

    private List<string> Cities(string set = "[Geo].[city].Members") =>
        [.. _session.QueryMdx($"SELECT {{[Measures].[Amount]}} ON 0, {set} ON 1 FROM [Sales]").CellSet!.Axes[1].Positions.Select(p => p.ToString())];

    [Fact]
    public void AWithMemberOfOneQueryIsUnknownToTheNext()
    {
        var with = _session.QueryMdx("WITH MEMBER [Measures].[Twice] AS [Measures].[Amount] * 2 MEMBER [Geo].[Both] AS [Geo].[Paris] + [Geo].[Lyon] " +
            "SELECT {[Measures].[Twice]} ON 0, {[Geo].[Both]} ON 1 FROM [Sales]");
        Assert.Equal(6.0, with.CellSet![0, 0].Value);
        var measure = Assert.Throws<MdxException>(() => _session.QueryMdx("SELECT {[Measures].[Twice]} ON 0 FROM [Sales]"));
        Assert.Equal("Cube 'Sales' has no measure 'Twice'.", measure.Diagnostics[0].Message);
        Assert.Throws<MdxException>(() => Cities("{[Geo].[Both]}"));
        Assert.Equal(["[Geo].[Lyon]", "[Geo].[Paris]"], Cities());
    }

    [Fact]
    public void NewDataAndModelChangesShowInTheNextQuery()
    {
        Assert.Equal(["[Geo].[Lyon]", "[Geo].[Paris]"], Cities());
        _sales.Append(["Nice", 3.0]);
        Assert.Equal(["[Geo].[Lyon]", "[Geo].[Nice]", "[Geo].[Paris]"], Cities());

        _cube.Levels[("Geo", "Geo", "city")].Order = LevelOrder.ReverseNatural;
        Assert.Equal(["[Geo].[Paris]", "[Geo].[Nice]", "[Geo].[Lyon]"], Cities());

        _cube.Measures["Count"] = Agg.Count(_sales["amount"]);
        Assert.Equal(3.0, _session.QueryMdx("SELECT {[Measures].[Count]} ON 0 FROM [Sales]").CellSet![0].Value);
        _cube.Measures["Count"].Visible = false;
        var measures = _session.QueryMdx("SELECT [Measures].Members ON 0 FROM [Sales]").CellSet!.Axes[0].Positions.Select(p => p.ToString()).ToList();
        Assert.Contains("[Measures].[Amount]", measures);
        Assert.DoesNotContain("[Measures].[Count]", measures);
    }

    [Fact]
    public void QueriesAtTheSameTimeEachGetAWholeCatalog()
    {
        var results = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 32, i =>
        {
            var mdx = i % 2 == 0
                ? "WITH MEMBER [Measures].[Plus] AS [Measures].[Amount] + 10 SELECT {[Measures].[Plus]} ON 0, [Geo].[city].Members ON 1 FROM [Sales]"
                : "SELECT {[Measures].[Amount]} ON 0, [Geo].[city].Members ON 1 FROM [Sales]";
            var cells = _session.QueryMdx(mdx).CellSet!.Cells.Select(c => c.Value);
            results.Add($"{i % 2}:{string.Join(",", cells)}");
        });
        Assert.Equal(["0:12,11", "1:2,1"], results.Distinct().Order(StringComparer.Ordinal));
    }
}
