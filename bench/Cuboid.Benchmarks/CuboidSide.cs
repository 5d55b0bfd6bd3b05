using Cuboid.Samples;

namespace Cuboid.Benchmarks;

/// <summary>Cuboid under test. Every call into the Cuboid API is in this file.</summary>
internal sealed class CuboidSide : IEngineSide
{
    private Session? _session;
    private Cube? _cube;
    private RetailDataFiles? _files;

    public string Name => "Cuboid";

    public void Reset()
    {
        _cube = null;
        _session?.Dispose();
        _session = null;
    }

    /// <summary>The session's configuration: columns packed unless the run says <c>--plain</c> (the "before" of packing), which the memory children inherit.</summary>
    internal static SessionConfig Config => new() { Name = null, Port = null, CompressColumns = Environment.GetEnvironmentVariable(PlainVariable) != "1" };

    internal const string PlainVariable = "CUBOID_BENCH_PLAIN";

    public void LoadSalesOnly(RetailDataFiles files)
    {
        Reset();
        _session = Session.Start(Config);
        _session.ReadCsv(files.Sales, RetailCube.SalesCsvOptions());
    }

    public void LoadSalesParquet(string parquetFile)
    {
        Reset();
        _session = Session.Start(Config);
        _session.ReadParquet(parquetFile, new ParquetReadOptions { TableName = "Sales", Keys = ["sale_id"] });
    }

    public void LoadSalesGzip(string gzipFile)
    {
        Reset();
        _session = Session.Start(Config);
        _session.ReadCsv(gzipFile, RetailCube.SalesCsvOptions());
    }

    public void LoadAll(RetailDataFiles files)
    {
        Reset();
        _session = Session.Start(Config);
        _cube = RetailCube.Build(_session, files);
        _files = files;
    }

    /// <summary>
    /// Q2M's tags, joined many-to-many on the first Q2M run (its untimed warm-up), so that the other workloads, which run
    /// before it, read the star as it is and the memory children load no tags.
    /// </summary>
    private void EnsureTags()
    {
        if (_session!.Tables.ContainsKey("ProductTags")) return;
        var tags = _session.ReadCsv(ProductTags.Ensure(_files!), new CsvOptions { TableName = "ProductTags", Keys = ["product_id", "tag"] });
        var sales = Cube.FactTable;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        sales.Join(tags, sales["product_id"] == tags["product_id"]);   // resolves the 10M sales' groups
        Console.Write($"(joining the tags many-to-many took {watch.Elapsed.TotalMilliseconds:F0} ms) ");   // within the harness's line for Q2M
        Cube.Hierarchies.Set("Tags", ("tag_group", tags["tag_group"]), ("tag", tags["tag"]));
    }

    public void BeforeQuery() => Cube.ClearCache();

    /// <summary>The regions as a condition on the stores' column: F1–F3 write it in the query, R1–R3's user has it as a restriction.</summary>
    private Condition Regions => _session!.Tables["Stores"]["region"].IsIn(Workloads.RestrictedRegions);

    private Condition? RegionFilter(string workloadId) => workloadId.StartsWith('F') ? Regions : null;

    private string? User(string workloadId)
    {
        if (!workloadId.StartsWith('R')) return null;
        _session!.Security.Restrictions["ROLE_REGIONS"] = Regions;
        _session.Security.IndividualRoles["analyst"] = ["ROLE_REGIONS"];
        return "analyst";
    }

    public QueryOutcome Run(string workloadId)
    {
        var (l, m) = (Cube.Levels, Cube.Measures);
        switch (workloadId)
        {
            case "Q1":
                return Outcome(Cube.Query([m["Revenue"]], levels: [l["country"]]), "Revenue");
            case "Q2":
                return Outcome(Cube.Query([m["Quantity"], m["Revenue"], m["Cost"]], levels: [l["country"], l["category"]]), "Quantity");
            case "Q3":
                var filter = (l["Year"] == Workloads.Q3Year) & l["region"].IsIn(Workloads.Q3Regions);
                return Outcome(Cube.Query([m["Quantity"], m["Revenue"], m["Cost"]], levels: [l["country"], l["category"]], filter: filter), "Quantity");
            case "F1" or "R1":
                return Outcome(Cube.Query([m["Revenue"]], levels: [l["country"]], filter: RegionFilter(workloadId), user: User(workloadId)), "Revenue");
            case "F2" or "R2":
                return Outcome(Cube.Query([m["Quantity"], m["Revenue"], m["Cost"]], levels: [l["country"], l["category"]], filter: RegionFilter(workloadId), user: User(workloadId)), "Quantity");
            case "F3" or "R3":
                var year = l["Year"] == Workloads.Q3Year;
                var yearAndRegions = RegionFilter(workloadId) is { } regions ? year & regions : year;
                return Outcome(Cube.Query([m["Quantity"], m["Revenue"], m["Cost"]], levels: [l["country"], l["category"]], filter: yearAndRegions, user: User(workloadId)), "Quantity");
            case "Q4":
                {
                    // The web app's pivot: months with their years' subtotals × categories with their total.
                    var result = _session!.QueryMdx(Workloads.Q4Mdx, new QueryOptions { KeepTotals = true });
                    return new QueryOutcome(result.RowCount, Values(result, "Quantity").Sum());
                }
            case "Q2M":
                EnsureTags();
                return Outcome(Cube.Query([m["Quantity"], m["Revenue"], m["Cost"]], levels: [l["country"], l["tag"]]), "Quantity");
            case "Q5":
                return Outcome(Cube.Query([m["Customers"]], levels: [l["country"]]), "Customers");
            case "Q6":
                {
                    QueryResult r = Cube.Query([m["Revenue"]], levels: [l["customer_id"]]);
                    // Top N by revenue, descending, with a size-N min-heap over all (≈1M) values.
                    var heap = new PriorityQueue<double, double>(Workloads.Q6Top + 1);
                    foreach (var v in Values(r, "Revenue"))
                    {
                        if (heap.Count < Workloads.Q6Top)
                        {
                            heap.Enqueue(v, v);
                        }
                        else if (v > heap.Peek())
                        {
                            heap.EnqueueDequeue(v, v);
                        }
                    }
                    int top = heap.Count;
                    double sum = 0;
                    while (heap.TryDequeue(out var best, out _))
                    {
                        sum += best;
                    }
                    return new QueryOutcome(top, sum);
                }
            default:
                throw new ArgumentException($"Cuboid side has no query for workload {workloadId}", nameof(workloadId));
        }
    }

    public void Dispose() => Reset();

    private Cube Cube => _cube ?? throw new InvalidOperationException("Cuboid: nothing loaded");

    /// <summary>Row count and the sum of the first measure, reading every value of that column.</summary>
    private static QueryOutcome Outcome(QueryResult r, string firstMeasure)
    {
        double sum = 0;
        foreach (var v in Values(r, firstMeasure))
        {
            sum += v;
        }
        return new QueryOutcome(r.RowCount, sum);
    }

    private static double[] Values(QueryResult r, string measure)
    {
        var column = r.Column(measure);
        var values = new double[r.RowCount];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = column.GetDouble(i) ?? 0;
        }
        return values;
    }
}
