using Cuboid.Samples;

namespace Cuboid.Benchmarks;

/// <summary>What one engine's query returned: its row count and the sum of its first measure column.</summary>
internal readonly record struct QueryOutcome(long Rows, double FirstMeasureSum);

/// <summary>One engine under test. Implementations hold the loaded tables between calls.</summary>
internal interface IEngineSide : IDisposable
{
    string Name { get; }

    /// <summary>Drops everything loaded so far (untimed).</summary>
    void Reset();

    /// <summary>Loads only the sales fact table (workload L1; timed).</summary>
    void LoadSalesOnly(RetailDataFiles files);

    /// <summary>Loads only the sales fact table from its Parquet copy (workload L2; timed).</summary>
    void LoadSalesParquet(string parquetFile);

    /// <summary>Loads only the sales fact table from its gzipped copy (workload L3; timed).</summary>
    void LoadSalesGzip(string gzipFile);

    /// <summary>Loads the whole star schema and whatever the engine needs to answer the queries.</summary>
    void LoadAll(RetailDataFiles files);

    /// <summary>Untimed preparation before each timed query (e.g. clearing an aggregate cache).</summary>
    void BeforeQuery();

    /// <summary>Runs one query workload (Q1..Q6), fully materializing the result.</summary>
    QueryOutcome Run(string workloadId);
}

internal enum WorkloadKind { Load, Query, Memory }

/// <summary>
/// A row of the result table. <paramref name="MaxRatio"/> is the target for Cuboid / DuckDB;
/// <paramref name="MaxMilliseconds"/>, when given, is an absolute target for Cuboid's median instead.
/// </summary>
/// <paramref name="Baseline"/>, when given, makes <paramref name="MaxRatio"/> a target for Cuboid against its own median of that workload.
internal sealed record Workload(string Id, string Title, WorkloadKind Kind, string Target, double MaxRatio, double? MaxMilliseconds = null, string? Baseline = null)
{
    /// <summary>
    /// The query an engine runs for this workload: Q7 is Q2 again, without clearing the cache; R1–R3 are F1–F3 for
    /// DuckDB, which has no users (the same filter in its SQL).
    /// </summary>
    public string QueryId => Id == "Q7" ? "Q2" : Id;

    /// <summary>Whether the aggregate cache is cleared before each timed run (cold), or kept (warm).</summary>
    public bool Cold => Id != "Q7";
}

/// <summary>The workloads of docs/benchmarks.md that the side-by-side harness runs.</summary>
internal static class Workloads
{
    public const int Q3Year = 2024;
    public static readonly string[] Q3Regions = ["Europe", "Asia", "Africa"];
    public const int Q6Top = 100;

    /// <summary>The regions of F1–F3's filter and of R1–R3's restricted user (Q3's).</summary>
    public static string[] RestrictedRegions => Q3Regions;

    /// <summary>Q4 in MDX: NON EMPTY (years and months) × (all and each category), three measures.</summary>
    public const string Q4Mdx =
        "SELECT {[Measures].[Quantity], [Measures].[Revenue], [Measures].[Cost]} ON COLUMNS, " +
        "NON EMPTY CrossJoin(Hierarchize({[Time].[Calendar].[Year].Members, [Time].[Calendar].[Month].Members}), " +
        "{[Product].[Product].[AllMember], [Product].[Product].[category].Members}) ON ROWS FROM [Sales]";

    public static readonly IReadOnlyList<Workload> All =
    [
        new("L1", "load the sales CSV into a table", WorkloadKind.Load, "ratio ≤ 0.8", 0.8),
        new("L1m", "L1 peak memory (VmHWM of a fresh process)", WorkloadKind.Memory, "≤ 1.5× DuckDB", 1.5),
        new("L2", "load the sales Parquet file into a table", WorkloadKind.Load, "ratio ≤ 1.0", 1.0),
        new("L2m", "L2 peak memory (VmHWM of a fresh process)", WorkloadKind.Memory, "≤ 1.5× DuckDB", 1.5),
        new("L3", "load the gzipped sales CSV (sales.csv.gz) into a table", WorkloadKind.Load, "ratio ≤ 1.0", 1.0),
        new("Q1", "SUM(quantity×unit_price) by country, cold cache", WorkloadKind.Query, "ratio ≤ 0.5", 0.5),
        new("Q2", "3 measures by country × category", WorkloadKind.Query, "ratio ≤ 0.5", 0.5),
        new("Q3", $"Q2 filtered to {Q3Year} and 3 regions", WorkloadKind.Query, "ratio ≤ 0.5", 0.5),
        new("Q4", "MDX pivot: NON EMPTY (Year, Month) × (All, Category), 3 measures, with subtotals", WorkloadKind.Query, "ratio ≤ 0.5", 0.5),
        new("Q5", "COUNT(DISTINCT customer_id) by country", WorkloadKind.Query, "ratio ≤ 1.0", 1.0),
        new("Q6", $"SUM(quantity×unit_price) by customer, top {Q6Top}", WorkloadKind.Query, "ratio ≤ 1.0", 1.0),
        new("Q7", "Q2 repeated, warm (Cuboid answers from its aggregate cache; DuckDB re-runs it)", WorkloadKind.Query, "≤ 1 ms", double.PositiveInfinity, MaxMilliseconds: 1),
        new("F1", "Q1 filtered to 3 regions (a condition on the stores' region column)", WorkloadKind.Query, "ratio ≤ 0.5", 0.5),
        new("F2", "Q2 filtered to 3 regions", WorkloadKind.Query, "ratio ≤ 0.5", 0.5),
        new("F3", "Q3 (year and regions in the query)", WorkloadKind.Query, "ratio ≤ 0.5", 0.5),
        new("R1", "F1 as a user restricted to the 3 regions (row-level security), no filter in the query", WorkloadKind.Query, "≤ 1.10 × F1", 1.10, Baseline: "F1"),
        new("R2", "F2 as the restricted user", WorkloadKind.Query, "≤ 1.10 × F2", 1.10, Baseline: "F2"),
        new("R3", "F3 as the restricted user (the year in the query, the regions by restriction)", WorkloadKind.Query, "≤ 1.10 × F3", 1.10, Baseline: "F3"),
        new("Q2M", "Q2 by country × tag: a many-to-many join (1.5 tags a product), each sale once per tag", WorkloadKind.Query, "ratio ≤ 0.5", 0.5),
        new("M1", "resident memory of the loaded tables (VmRSS)", WorkloadKind.Memory, "≤ DuckDB", 1.0),
    ];

    public static IReadOnlyList<Workload> Select(IReadOnlyCollection<string>? only) =>
        only is null || only.Count == 0
            ? All
            : All.Where(w => only.Contains(w.Id, StringComparer.OrdinalIgnoreCase)).ToList();
}
