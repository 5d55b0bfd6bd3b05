using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Cuboid.Benchmarks;
using Cuboid.Samples;

// Usage:
//   side-by-side [--rows 10M] [--reps 5] [--seed 42] [--data DIR] [--only L1,Q1,...] [--out FILE] [--plain]
//                --plain: Cuboid keeps plain arrays (SessionConfig.CompressColumns false), the "before" of packed columns
//   generate     [--rows 10M] [--seed 42] [--data DIR]
//   kernel       BenchmarkDotNet: the scan kernel against a hand-written loop (BenchmarkDotNet's own arguments follow)
//   mdx          BenchmarkDotNet: parsing a web-app MDX query, parsing and binding it, and running it with cached aggregates
//   concurrency  [--rows 10M] [--clients 16] [--seconds 30] [--warmup 5] [--cold [shared]] [--auth [both]]
//                C1: concurrent clients posting Q4 to /api/mdx; --cold: one cube per client, cache cleared before each request
//   measures     [--rows 10M] [--reps 7]   P1: five chained post-processed measures against their aggregation
//   var          [--trades 10000] [--scenarios 500] [--reps 7]   V1: VaR (quantile of summed P&L vectors) by desk and book, with DuckDB
//   providers    [--rows 10M] [--reps 7]   aggregate providers: commit 10,000 rows with and without two, Q1–Q3 cold after a commit
//   updates      [--rows 10M] [--reps 7]   U1: commit 10,000 rows then Q2, with DuckDB; S1: creating a scenario
//   xmla         [--rows 10M] [--reps 9]   X1: a 1,000-cell Excel-style pivot over XMLA against the same MDX over the JSON API
//   mdx-levels   [--rows 10M] [--reps 7]   MDX on large levels: TopCount, Order, Filter and a page of 1M customers, a NON EMPTY products pivot, with DuckDB
//   ssb          [--sf 10] [--reps 5]   the Star Schema Benchmark's 13 queries, Cuboid and DuckDB each in a process of its own
//   directquery  [--rows 100M] [--reps 5] [--duckdb FILE] [--duckdb-memory 300MB] [--clickhouse URL]   D1–D4: Q1–Q4 over tables in DuckDB / ClickHouse, Cuboid against the same SQL sent directly
//   memory --engine cuboid|duckdb --phase sales|all --data DIR      (hidden; used by side-by-side)
var command = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "side-by-side";
var opts = ParseOptions(args.SkipWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray());
long rows = opts.TryGetValue("rows", out var r) ? ParseCount(r) : 10_000_000;
int seed = opts.TryGetValue("seed", out var s) ? int.Parse(s, CultureInfo.InvariantCulture) : 42;
if (opts.ContainsKey("plain")) Environment.SetEnvironmentVariable(CuboidSide.PlainVariable, "1");
string dataDir = opts.GetValueOrDefault("data") ?? Path.Combine(Path.GetTempPath(), $"cuboid-retail-{rows}-seed{seed}");

switch (command)
{
    case "xmla":
        return XmlaBench.Run(DataSet.Ensure(dataDir, rows, seed),
            reps: opts.TryGetValue("reps", out var xr) ? int.Parse(xr, CultureInfo.InvariantCulture) : 9, Console.Out);

    case "mdx-levels":
        return LargeLevelBench.Run(DataSet.Ensure(dataDir, rows, seed),
            reps: opts.TryGetValue("reps", out var lr) ? int.Parse(lr, CultureInfo.InvariantCulture) : 7, Console.Out);

    case "ssb":
        return SsbBench.Run(opts.TryGetValue("sf", out var sf) ? double.Parse(sf, CultureInfo.InvariantCulture) : 10,
            reps: opts.TryGetValue("reps", out var sr) ? int.Parse(sr, CultureInfo.InvariantCulture) : 5, Console.Out);

    case "ssb-child":
        return SsbBench.RunChild(opts["engine"], new Cuboid.Samples.Ssb.SsbFiles(opts["data"], double.Parse(opts["sf"], CultureInfo.InvariantCulture)),
            int.Parse(opts["reps"], CultureInfo.InvariantCulture));

    case "directquery":
        {
            var dqRows = opts.TryGetValue("rows", out var dr) ? ParseCount(dr) : 100_000_000;
            return DirectQueryBench.Run(dqRows,
                reps: opts.TryGetValue("reps", out var dqr) ? int.Parse(dqr, CultureInfo.InvariantCulture) : 5,
                duckDbFile: opts.GetValueOrDefault("duckdb") ?? (opts.ContainsKey("clickhouse") ? null : Path.Combine(Path.GetTempPath(), $"cuboid-directquery-{dqRows}.duckdb")),
                duckDbMemory: opts.GetValueOrDefault("duckdb-memory"),
                clickHouse: opts.TryGetValue("clickhouse", out var url) ? new Uri(url) : null, Console.Out);
        }

    case "kernel":
        BenchmarkDotNet.Running.BenchmarkRunner.Run<KernelBench>(args: [.. args.Skip(1)]);
        return 0;

    case "mdx":
        BenchmarkDotNet.Running.BenchmarkRunner.Run<MdxBench>(args: [.. args.Skip(1)]);
        return 0;

    case "memory":
        using (var engine = CreateEngine(opts["engine"]))
        {
            return MemoryProbe.RunChild(engine, DataSet.Open(dataDir), opts.GetValueOrDefault("phase") ?? "all");
        }

    case "generate":
        DataSet.Ensure(dataDir, rows, seed);
        return 0;

    case "measures":
        return MeasuresBench.Run(DataSet.Ensure(dataDir, rows, seed),
            reps: opts.TryGetValue("reps", out var mr) ? int.Parse(mr, CultureInfo.InvariantCulture) : 7, Console.Out);

    case "providers":
        return ProvidersBench.Run(DataSet.Ensure(dataDir, rows, seed),
            reps: opts.TryGetValue("reps", out var pr) ? int.Parse(pr, CultureInfo.InvariantCulture) : 7, Console.Out);

    case "updates":
        return UpdatesBench.Run(DataSet.Ensure(dataDir, rows, seed),
            reps: opts.TryGetValue("reps", out var ur) ? int.Parse(ur, CultureInfo.InvariantCulture) : 7, Console.Out);

    case "var":
        return VarBench.Run(
            trades: opts.TryGetValue("trades", out var vt) ? (int)ParseCount(vt) : 10_000,
            scenarios: opts.TryGetValue("scenarios", out var vs) ? int.Parse(vs, CultureInfo.InvariantCulture) : 500,
            reps: opts.TryGetValue("reps", out var vr) ? int.Parse(vr, CultureInfo.InvariantCulture) : 7,
            seed, Console.Out);

    case "concurrency":
        {
            var files = DataSet.Ensure(dataDir, rows, seed);
            var clients = opts.TryGetValue("clients", out var c) ? int.Parse(c, CultureInfo.InvariantCulture) : 16;
            var duration = TimeSpan.FromSeconds(opts.TryGetValue("seconds", out var sec) ? double.Parse(sec, CultureInfo.InvariantCulture) : 30);
            var warmUp = TimeSpan.FromSeconds(opts.TryGetValue("warmup", out var w) ? double.Parse(w, CultureInfo.InvariantCulture) : 5);
            var cold = opts.GetValueOrDefault("cold") switch
            {
                null => ColdMode.None,
                "shared" => ColdMode.Shared,
                _ => ColdMode.PerClient,
            };
            // --auth: with authentication on (a JWT bearer token on every request). --auth both: off, on, off again in this
            // one process — a later run profits from the earlier ones' JIT, so "on" is compared with the mean of the two "off".
            var auth = opts.GetValueOrDefault("auth");
            if (auth != "both") return ConcurrencyBench.Run(files, clients, duration, warmUp, cold, Console.Out, bearer: auth is not null, out _);
            var first = ConcurrencyBench.Run(files, clients, duration, warmUp, cold, Console.Out, bearer: false, out var before);
            Console.Out.WriteLine();
            var on = ConcurrencyBench.Run(files, clients, duration, warmUp, cold, Console.Out, bearer: true, out var secured);
            Console.Out.WriteLine();
            var last = ConcurrencyBench.Run(files, clients, duration, warmUp, cold, Console.Out, bearer: false, out var after);
            Console.Out.WriteLine();
            var plain = (before + after) / 2;
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"authentication on / off: {secured:F1} / {plain:F1} ok requests/s (off: {before:F1} before, {after:F1} after) = {secured / plain:P1}"));
            return Math.Max(Math.Max(first, on), last);
        }

    case "side-by-side":
        {
            int reps = opts.TryGetValue("reps", out var n) ? int.Parse(n, CultureInfo.InvariantCulture) : 5;
            var only = opts.GetValueOrDefault("only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var files = DataSet.Ensure(dataDir, rows, seed);
            var workloads = Workloads.Select(only);
            string duckVersion = DuckDbSide.Version();
            var harness = new Harness(files, reps, workloads, Console.Out);
            string[] engineNames;
            using (var cuboid = CreateEngine("cuboid"))
            using (var duck = CreateEngine("duckdb"))
            {
                harness.Run([cuboid, duck], (engine, phase) => MemoryProbe.Measure(engine, phase, files.Directory));
                engineNames = [cuboid.Name, duck.Name];
            }

            var header =
                $"Side-by-side run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: {rows:N0} sales rows (seed {seed}), " +
                $"median of {reps} reps after 1 warm-up. Machine: {Environment.ProcessorCount} cores, " +
                $"{RuntimeInformation.OSDescription.Trim()}, .NET {Environment.Version}, DuckDB {duckVersion} (threads = 2).";
            var table = harness.Table(engineNames[0], engineNames[1]);
            var report = $"{header}\n\n{table}\n" + string.Concat(harness.Notes.Select(l => $"- {l}\n"));
            Console.WriteLine();
            Console.WriteLine(report);
            var outPath = opts.GetValueOrDefault("out") ?? Path.Combine(RepoRoot(), "bench", "results", "latest.md");
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outPath))!);
            File.WriteAllText(outPath, $"# Cuboid vs DuckDB, side by side\n\n{report}");
            Console.WriteLine($"written to {outPath}");
            return 0;
        }

    default:
        Console.Error.WriteLine($"unknown command '{command}': use side-by-side, generate, concurrency, kernel or mdx");
        return 1;
}

static IEngineSide CreateEngine(string name) => name.ToLowerInvariant() switch
{
    "cuboid" => new CuboidSide(),
    "duckdb" => new DuckDbSide(),
    _ => throw new ArgumentException($"unknown engine '{name}'"),
};

static Dictionary<string, string> ParseOptions(string[] a)
{
    var d = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
    for (int i = 0; i < a.Length; i++)
    {
        if (!a[i].StartsWith("--", StringComparison.Ordinal))
        {
            throw new ArgumentException($"unexpected argument '{a[i]}'");
        }
        d[a[i][2..]] = i + 1 < a.Length && !a[i + 1].StartsWith("--", StringComparison.Ordinal) ? a[++i] : "true";
    }
    return d;
}

// "10000000", "10M", "500K"
static long ParseCount(string v)
{
    long unit = char.ToUpperInvariant(v[^1]) switch { 'K' => 1_000, 'M' => 1_000_000, _ => 1 };
    return long.Parse(unit == 1 ? v : v[..^1], CultureInfo.InvariantCulture) * unit;
}

static string RepoRoot()
{
    foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
    {
        for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Cuboid.slnx")))
            {
                return d.FullName;
            }
        }
    }
    return Directory.GetCurrentDirectory();
}

/// <summary>The generated data set in a folder, reused when its marker file says it is complete.</summary>
internal static class DataSet
{
    private const string Marker = "complete.txt";

    public static RetailDataFiles Ensure(string dir, long rows, int seed)
    {
        string marker = Path.Combine(dir, Marker);
        string expected = $"rows={rows} seed={seed}";
        if (File.Exists(marker) && File.ReadAllText(marker).Trim() == expected)
        {
            Console.WriteLine($"data: reusing {dir} ({expected})");
            return Open(dir);
        }
        Console.WriteLine($"data: generating {rows:N0} sales rows into {dir}");
        Directory.CreateDirectory(dir);
        File.Delete(marker);
        var sw = Stopwatch.StartNew();
        long nextReport = rows / 10;
        var files = RetailData.WriteCsv(dir, rows, seed, new SyncProgress(done =>
        {
            if (done >= nextReport && done < rows)
            {
                Console.WriteLine($"  {done:N0} rows");
                nextReport += rows / 10;
            }
        }));
        File.WriteAllText(marker, expected); // last: the folder is complete
        Console.WriteLine($"data: {rows:N0} rows, {new FileInfo(files.Sales).Length / 1e6:F0} MB sales.csv in {sw.Elapsed.TotalSeconds:F1} s");
        return files;
    }

    /// <summary>The sales table as Parquet beside the CSV (written once, by DuckDB), for L2.</summary>
    public static string EnsureParquet(RetailDataFiles files)
    {
        var path = Path.Combine(files.Directory, "sales.parquet");
        if (File.Exists(path)) return path;
        var temp = path + ".tmp";
        DuckDbSide.WriteSalesParquet(files, temp);
        File.Move(temp, path);
        return path;
    }

    /// <summary>The sales CSV gzipped beside it (written once, at gzip's default level), for L3.</summary>
    public static string EnsureGzip(RetailDataFiles files)
    {
        var path = files.Sales + ".gz";
        if (File.Exists(path)) return path;
        var temp = path + ".tmp";
        using (var source = File.OpenRead(files.Sales))
        using (var gzip = new System.IO.Compression.GZipStream(File.Create(temp), System.IO.Compression.CompressionLevel.Optimal))
        {
            source.CopyTo(gzip);
        }
        File.Move(temp, path);
        return path;
    }

    public static RetailDataFiles Open(string dir)
    {
        var text = File.ReadAllText(Path.Combine(dir, Marker)); // "rows=N seed=S"
        long rows = long.Parse(text.Split(' ')[0]["rows=".Length..], CultureInfo.InvariantCulture);
        return new RetailDataFiles(dir, Path.Combine(dir, "sales.csv"), Path.Combine(dir, "stores.csv"),
            Path.Combine(dir, "products.csv"), Path.Combine(dir, "customers.csv"), rows);
    }

    /// <summary>IProgress that reports on the calling thread (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class SyncProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
