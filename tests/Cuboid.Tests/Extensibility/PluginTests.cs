using Cuboid.ModelFiles;
using Cuboid.Tests.ModelFiles;
using Cuboid.Tests.Support;

namespace Cuboid.Tests.Extensibility;

/// <summary>
/// SessionConfig.ExtraAssemblies with the sample plug-in's built DLL: its GeoMean aggregation and Clamp measure function
/// from C#, model files and MDX, checked against the values computed here; bad plug-ins refused by name.
/// </summary>
public sealed class PluginTests
{
    /// <summary>samples/Cuboid.Sample.Plugin's DLL, built (by the test project's reference) in this test run's configuration.</summary>
    private static string PluginPath
    {
        get
        {
            var bin = new DirectoryInfo(AppContext.BaseDirectory);   // …/tests/Cuboid.Tests/bin/<Configuration>/net10.0/
            var configuration = bin.Parent!.Name;
            var root = bin.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
            var path = Path.Combine(root, "samples", "Cuboid.Sample.Plugin", "bin", configuration, "net10.0", "Cuboid.Sample.Plugin.dll");
            Assert.True(File.Exists(path), $"the sample plug-in is not built at {path}");
            return path;
        }
    }

    private static readonly (string Shop, double Price, double Qty)[] s_rows =
        [("Paris", 2, 10), ("Paris", 8, 30), ("Lyon", 3, 5), ("Lyon", 27, 1), ("Lyon", 9, 7), ("Nice", 5, 50)];

    private static double GeoMean(IEnumerable<double> values) => Math.Exp(values.Average(Math.Log));

    private static (Session Session, Table Sales, Cube Cube) Start()
    {
        var session = Session.Start(new SessionConfig { Name = null, Port = null, ExtraAssemblies = [PluginPath] });
        var sales = session.CreateTable("sales", new Dictionary<string, DataType> { ["id"] = DataType.Int, ["shop"] = DataType.String, ["price"] = DataType.Double, ["qty"] = DataType.Double }, ["id"]);
        sales.Append([.. s_rows.Select((r, i) => new object?[] { i, r.Shop, r.Price, r.Qty })]);
        return (session, sales, session.CreateCube(sales, "Sales"));
    }

    [Fact]
    public void ThePluginsFunctionsWorkFromCSharpWithTotalsRollUpsAndCommits()
    {
        var (session, sales, cube) = Start();
        using var _ = session;
        Assert.Contains("GeoMean", session.Functions.AggregationFunctions.Select(f => f.Name));
        Assert.Contains("Clamp", session.Functions.MeasureFunctions.Select(f => f.Name));
        Assert.Contains("Sqrt", session.Functions.MeasureFunctions.Select(f => f.Name));   // the built-ins are measure functions too

        cube.Measures["price.GEOMEAN"] = Agg.Custom(session.Functions.AggregationFunction("geomean"), sales["price"]);
        cube.Measures["Capped"] = Fn.Call(session.Functions.MeasureFunction("Clamp"), cube.Measures["qty.SUM"], 10, 40);
        var result = cube.Query([cube.Measures["price.GEOMEAN"], cube.Measures["Capped"]], [cube.Levels["shop"]], includeTotals: true);
        var expected = s_rows.GroupBy(r => r.Shop).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var rows = Enumerable.Range(0, result.RowCount).Where(r => result.Column("shop")[r] is string).ToList();
        Assert.Equal(expected.Select(g => g.Key), rows.Select(r => (string)result.Column("shop")[r]!));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(GeoMean(expected[i].Select(r => r.Price)), result.Column("price.GEOMEAN").GetDouble(rows[i])!.Value, 12);
            Assert.Equal(Math.Clamp(expected[i].Sum(r => r.Qty), 10, 40), result.Column("Capped").GetDouble(rows[i]));
        }
        var total = Enumerable.Range(0, result.RowCount).Single(r => result.Column("shop")[r] is null);
        Assert.Equal(GeoMean(s_rows.Select(r => r.Price)), result.Column("price.GEOMEAN").GetDouble(total)!.Value, 12);

        // Rows added: the cached result is updated by merging states, and equals a fresh computation.
        sales.Append([100, "Nice", 20.0, 1.0]);
        var grown = cube.Query([cube.Measures["price.GEOMEAN"]]);
        Assert.Equal(GeoMean([.. s_rows.Select(r => r.Price), 20.0]), grown.Column("price.GEOMEAN").GetDouble(0)!.Value, 12);
    }

    [Fact]
    public void ModelFilesAndMdxCallThemByName()
    {
        const string Model = """
            { "name": "Model", "factTable": "sales", "mode": "manual",
              "measures": [
                { "name": "Geo", "aggregation": "geomean", "expression": "[price]" },
                { "name": "Qty", "aggregation": "sum", "expression": "[qty]" },
                { "name": "Capped", "formula": "Clamp([Measures].[Qty], 0, 20)" }
              ] }
            """;
        using (var modelSession = Session.Start(new SessionConfig { Name = null, Port = null, ExtraAssemblies = [PluginPath] }))
        {
            var cube = CubeModelFile.Load(modelSession, ModelFileKit.WriteModel(ModelFileKit.SmallModel(Model)));
            var fromModel = cube.Query([cube.Measures["Geo"], cube.Measures["Capped"]]);
            Assert.Equal(Math.Exp((Math.Log(2) + Math.Log(3) + Math.Log(2)) / 3), fromModel.Column("Geo").GetDouble(0)!.Value, 12);   // the small model's prices by row
            Assert.Equal(10.0, fromModel.Column("Capped").GetDouble(0));   // 3 + 2 + 5
        }

        var (session, _, _) = Start();
        using var __ = session;

        var mdx = session.QueryMdx("""
            WITH MEMBER [Measures].[Capped qty] AS Clamp([Measures].[qty.SUM], 10, 40)
                 MEMBER [Measures].[Geo of shops] AS GeoMean([sales].[shop].[shop].Members, [Measures].[qty.SUM])
            SELECT { [Measures].[Capped qty], [Measures].[Geo of shops] } ON COLUMNS, [sales].[shop].[shop].Members ON ROWS FROM [Sales]
            """).CellSet!;
        var byShop = s_rows.GroupBy(r => r.Shop).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Sum(r => r.Qty)).ToList();
        Assert.Equal(byShop.Select(q => (object)Math.Clamp(q, 10, 40)), Enumerable.Range(0, 3).Select(r => mdx[0, r].Value));
        Assert.Equal(GeoMean(byShop), (double)mdx[1, 0].Value!, 12);   // over the set, whatever the row
    }

    [Fact]
    public void BadPluginsAreRefusedByName()
    {
        var folder = TestData.TempDirectory();
        var text = Path.Combine(folder, "notes.dll");
        File.WriteAllText(text, "not an assembly");
        Exception Refused(params string[] assemblies) =>
            Assert.ThrowsAny<Exception>(() => Session.Start(new SessionConfig { Name = null, Port = null, ExtraAssemblies = assemblies }));

        Assert.StartsWith($"Extra assembly '{text}' cannot be loaded:", Refused(text).Message, StringComparison.Ordinal);
        Assert.Equal($"Extra assembly '{Path.Combine(folder, "absent.dll")}': no such file.", Refused(Path.Combine(folder, "absent.dll")).Message);
        Assert.Equal($"Extra assembly '{typeof(Session).Assembly.Location}' has no public class implementing IMeasureFunction or IAggregationFunction.",
            Refused(typeof(Session).Assembly.Location).Message);
        Assert.Equal("Cuboid.Sample.Plugin.Clamp: a function named 'Clamp' exists already.", Refused(PluginPath, PluginPath).Message);

        using var session = Session.Start(new SessionConfig { Name = null, Port = null });
        Assert.Equal($"{typeof(Named).FullName}: a function named 'Sum' exists already.", Assert.Throws<ArgumentException>(() => session.Functions.Add(new Named("Sum"))).Message);
        Assert.Equal($"{typeof(Named).FullName}: 'two words' is not a function name (a letter, then letters, digits or '_').",
            Assert.Throws<ArgumentException>(() => session.Functions.Add(new Named("two words"))).Message);
        Assert.StartsWith("No aggregation function 'GeoMean'; the session's: none", Assert.Throws<KeyNotFoundException>(() => session.Functions.AggregationFunction("GeoMean")).Message, StringComparison.Ordinal);
    }

    private sealed class Named(string name) : IMeasureFunction
    {
        public string Name => name;

        public int MinArguments => 1;

        public int MaxArguments => 1;

        public double? Evaluate(ReadOnlySpan<double?> arguments) => arguments[0];
    }
}
