using BenchmarkDotNet.Attributes;
using Cuboid.Mdx.Execution;
using Cuboid.Mdx.Syntax;

namespace Cuboid.Benchmarks;

/// <summary>
/// The fixed cost of an MDX query from the web app: parsing, parsing and binding, and a whole query (parse,
/// bind, evaluate axes, read cells) when its aggregates are already cached — what a UI refresh pays.
/// </summary>
[MemoryDiagnoser]
public class MdxBench
{
    private const string UiQuery =
        "WITH MEMBER [Measures].[Margin] AS [Measures].[Revenue] - [Measures].[Cost], FORMAT_STRING = '#,##0.00' " +
        "SELECT NON EMPTY {[Measures].[Revenue], [Measures].[Cost], [Measures].[Margin]} ON COLUMNS, " +
        "NON EMPTY Hierarchize(DrilldownLevel({[Geography].[Geography].[AllMember]})) * {[Product].[Product].[category].Members} ON ROWS " +
        "FROM [Sales] WHERE [Time].[Calendar].[2024]";

    private Session? _session;

    [GlobalSetup]
    public void Setup()
    {
        _session = Session.Start(new SessionConfig { Name = null, Port = null });
        var random = new Random(3);
        var sales = _session.CreateTable("Sales", new Dictionary<string, DataType>
        {
            ["date"] = DataType.LocalDate,
            ["store"] = DataType.Int,
            ["product"] = DataType.Int,
            ["quantity"] = DataType.Int,
            ["price"] = DataType.Double,
            ["cost"] = DataType.Double,
        });
        var stores = _session.CreateTable("Stores", new Dictionary<string, DataType> { ["store"] = DataType.Int, ["region"] = DataType.String, ["country"] = DataType.String }, keys: ["store"]);
        var products = _session.CreateTable("Products", new Dictionary<string, DataType> { ["product"] = DataType.Int, ["category"] = DataType.String }, keys: ["product"]);
        sales.Load(Enumerable.Range(0, 100_000).Select(_ => new
        {
            date = new DateOnly(2023, 1, 1).AddDays(random.Next(3 * 365)),
            store = random.Next(100),
            product = random.Next(1000),
            quantity = random.Next(1, 10),
            price = random.Next(100, 10_000) / 100.0,
            cost = random.Next(50, 5_000) / 100.0,
        }));
        stores.Load(Enumerable.Range(0, 100).Select(s => new { store = s, region = $"R{s % 5}", country = $"C{s % 20:00}" }));
        products.Load(Enumerable.Range(0, 1000).Select(p => new { product = p, category = $"Cat{p % 10}" }));
        sales.Join(stores);
        sales.Join(products);
        var cube = _session.CreateCube(sales, "Sales", CubeMode.Manual);
        cube.Hierarchies.Remove("date");
        cube.CreateDateHierarchy("Calendar", sales["date"], new Dictionary<string, string> { ["Year"] = "y", ["Month"] = "M" }, dimension: "Time");
        cube.Hierarchies.Set(("Geography", "Geography"), stores["region"], stores["country"]);
        cube.Hierarchies.Set(("Product", "Product"), products["category"]);
        cube.Measures["Revenue"] = Agg.Sum(sales["quantity"] * sales["price"]);
        cube.Measures["Cost"] = Agg.Sum(sales["cost"]);
        _session.QueryMdx(UiQuery);   // warms the aggregate cache
    }

    [GlobalCleanup]
    public void Cleanup() => _session?.Dispose();

    [Benchmark]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "BenchmarkDotNet runs instance methods.")]
    public int Parse() => MdxParser.Parse(UiQuery).Diagnostics.Count;

    /// <summary>Parsing, then the bind stage: calculated members defined, every name and function of the query resolved and checked.</summary>
    [Benchmark]
    public int ParseAndBind()
    {
        using var query = new QueryContext(UiQuery, null);
        var parsed = query.Parse();
        return QueryExecutor.BindOnly(_session!, parsed.Source, (SelectStatement)parsed.Statement!, query);
    }

    [Benchmark]
    public int QueryWithCachedAggregates() => _session!.QueryMdx(UiQuery).RowCount;
}
