using System.Diagnostics;
using Cuboid.Samples;

namespace Cuboid.Benchmarks;

/// <summary>
/// U1: commit 10,000 new sales rows into the loaded table, then run Q2 again — both engines, the
/// same rows; the figure is commit + query. S1: create a scenario on the loaded cube — the time
/// it takes and the managed memory it adds before any change.
/// </summary>
internal static class UpdatesBench
{
    internal const int BatchRows = 10_000;

    public static int Run(RetailDataFiles files, int reps, TextWriter output)
    {
        output.WriteLine($"U1/S1: {files.SalesRows:N0} sales rows, {BatchRows:N0} rows a commit, median of {reps} reps after 1 warm-up");
        var batches = Enumerable.Range(0, reps + 1).Select(b => Batch(files.SalesRows + 1 + (long)b * BatchRows, b)).ToList();

        var cuboid = new List<(double Commit, double Query)>();
        double scenarioMs, scenarioBytes;
        using (var session = Session.Start(new SessionConfig { Name = null, Port = null }))
        {
            var cube = RetailCube.Build(session, files);
            var (l, m) = (cube.Levels, cube.Measures);
            var sales = session.Tables["Sales"];
            QueryResult Q2() => cube.Query([m["Quantity"], m["Revenue"], m["Cost"]], levels: [l["country"], l["category"]]);
            Q2();
            foreach (var batch in batches)
            {
                var clock = Stopwatch.StartNew();
                sales.Append([.. batch]);
                var commit = clock.Elapsed.TotalMilliseconds;
                clock.Restart();
                if (Q2().RowCount == 0) throw new InvalidOperationException("U1: Q2 returned no rows");
                cuboid.Add((commit, clock.Elapsed.TotalMilliseconds));
            }
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var watch = Stopwatch.StartNew();
            session.CreateScenario("What if");
            scenarioMs = watch.Elapsed.TotalMilliseconds;
            scenarioBytes = GC.GetTotalMemory(forceFullCollection: true) - before;
            GC.KeepAlive(cube);
        }

        var duck = new List<(double Commit, double Query)>();
        using (var duckDb = new DuckDbSide())
        {
            duckDb.LoadAll(files);
            duckDb.Run("Q2");
            foreach (var batch in batches)
            {
                var clock = Stopwatch.StartNew();
                duckDb.AppendSales(batch);
                var commit = clock.Elapsed.TotalMilliseconds;
                clock.Restart();
                duckDb.Run("Q2");
                duck.Add((commit, clock.Elapsed.TotalMilliseconds));
            }
        }

        static double Median(IEnumerable<double> values)
        {
            var sorted = values.Skip(1).Order().ToList();   // the first rep warms up
            return sorted[sorted.Count / 2];
        }
        output.WriteLine("| | Cuboid ms | DuckDB ms |");
        output.WriteLine("|---|---:|---:|");
        output.WriteLine($"| commit {BatchRows:N0} rows | {Median(cuboid.Select(c => c.Commit)):F1} | {Median(duck.Select(c => c.Commit)):F1} |");
        output.WriteLine($"| then Q2 | {Median(cuboid.Select(c => c.Query)):F1} | {Median(duck.Select(c => c.Query)):F1} |");
        output.WriteLine($"| commit + Q2 (target ≤ 50) | {Median(cuboid.Select(c => c.Commit + c.Query)):F1} | {Median(duck.Select(c => c.Commit + c.Query)):F1} |");
        output.WriteLine($"S1: CreateScenario took {scenarioMs:F3} ms and added {scenarioBytes / 1024:F0} KB of managed memory (target ≤ 10 ms, ≤ 5% of the cube).");
        return 0;
    }

    /// <summary>New sales (keys after the generated ones), deterministic, within the data's ranges.</summary>
    internal static List<object?[]> Batch(long firstId, int seed)
    {
        var random = new Random(seed);
        var rows = new List<object?[]>(BatchRows);
        for (var i = 0; i < BatchRows; i++)
        {
            var quantity = 1 + random.Next(10);
            var price = Math.Round(1 + random.NextDouble() * 99, 2);
            rows.Add([firstId + i, new DateOnly(2025, 12, 1).AddDays(random.Next(31)), 1 + random.Next(400), 1 + random.Next(9_000), 1 + random.Next(900_000),
                quantity, price, 0.0, Math.Round(price * quantity * 0.6, 2)]);
        }
        return rows;
    }
}
