using BenchmarkDotNet.Attributes;

namespace Cuboid.Benchmarks;

/// <summary>
/// The scan kernel against the hand-written loop that bounds it (benchmarks.md's "memory
/// bandwidth bound"): SUM(quantity × price) grouped by a 50-member level, over rows held in
/// plain arrays for the baseline and in a Cuboid table joined to a 500-row store table.
/// </summary>
[MemoryDiagnoser]
public class KernelBench
{
    private int[] _country = [];
    private int[] _quantity = [];
    private double[] _price = [];
    private Session? _session;
    private Cube? _cube;

    [Params(2_000_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        _country = new int[Rows];
        _quantity = new int[Rows];
        _price = new double[Rows];
        var store = new int[Rows];
        for (var i = 0; i < Rows; i++)
        {
            store[i] = random.Next(500);
            _country[i] = store[i] % 50;
            _quantity[i] = random.Next(1, 20);
            _price[i] = random.Next(100, 100_000) / 100.0;
        }
        _session = Session.Start(new SessionConfig { Name = null, Port = null });
        var sales = _session.CreateTable("Sales", new Dictionary<string, DataType> { ["store"] = DataType.Int, ["quantity"] = DataType.Int, ["price"] = DataType.Double });
        var stores = _session.CreateTable("Stores", new Dictionary<string, DataType> { ["store"] = DataType.Int, ["country"] = DataType.String }, keys: ["store"]);
        sales.Load(Enumerable.Range(0, Rows).Select(i => new { store = store[i], quantity = _quantity[i], price = _price[i] }));
        stores.Load(Enumerable.Range(0, 500).Select(s => new { store = s, country = $"C{s % 50:00}" }));
        sales.Join(stores);
        _cube = _session.CreateCube(sales, "Sales", CubeMode.Manual);
        _cube.Hierarchies.Set("country", stores["country"]);
        _cube.Measures["Revenue"] = Agg.Sum(sales["quantity"] * sales["price"]);
    }

    [GlobalCleanup]
    public void Cleanup() => _session?.Dispose();

    [Benchmark(Baseline = true)]
    public double HandWrittenLoop()
    {
        var sums = new double[50];
        for (var i = 0; i < _country.Length; i++) sums[_country[i]] += _quantity[i] * _price[i];
        return sums[0];
    }

    [Benchmark]
    public int CuboidQuery()
    {
        _cube!.ClearCache();
        return _cube.Query([_cube.Measures["Revenue"]], levels: [_cube.Levels["country"]]).RowCount;
    }
}
