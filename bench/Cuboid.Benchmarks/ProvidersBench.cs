using System.Diagnostics;
using System.Globalization;
using Cuboid.Samples;

namespace Cuboid.Benchmarks;

/// <summary>
/// Aggregate providers on the retail cube: commit 10,000 new sales rows without providers and with
/// two (one by country × category × year for Q2 and Q3, one by country for Q1), then Q1–Q3 right
/// after each commit with the aggregate cache emptied ("cold after commit"): the providers,
/// brought up to date by the commit, answer them. Each query's rows and first value are checked
/// equal to a scan's.
/// </summary>
internal static class ProvidersBench
{
    private const int BatchRows = UpdatesBench.BatchRows;

    public static int Run(RetailDataFiles files, int reps, TextWriter output)
    {
        output.WriteLine($"Aggregate providers: {files.SalesRows:N0} sales rows, {BatchRows:N0} rows a commit, medians of {reps} reps after 1 warm-up");
        using var session = Session.Start(new SessionConfig { Name = null, Port = null });
        var cube = RetailCube.Build(session, files);
        var (l, m) = (cube.Levels, cube.Measures);
        var sales = session.Tables["Sales"];
        Measure[] three = [m["Quantity"], m["Revenue"], m["Cost"]];
        var queries = new (string Id, Func<QueryResult> Run)[]
        {
            ("Q1", () => cube.Query([m["Revenue"]], levels: [l["country"]])),
            ("Q2", () => cube.Query(three, levels: [l["country"], l["category"]])),
            ("Q3", () => cube.Query(three, levels: [l["country"], l["category"]], filter: (l["Year"] == Workloads.Q3Year) & l["region"].IsIn(Workloads.Q3Regions))),
        };
        var batch = 0;
        double Commit()
        {
            var rows = UpdatesBench.Batch(files.SalesRows + 1 + (long)batch * BatchRows, batch++);
            var clock = Stopwatch.StartNew();
            sales.Append([.. rows]);
            return clock.Elapsed.TotalMilliseconds;
        }

        var without = Enumerable.Range(0, reps + 1).Select(_ => Commit()).Skip(1).ToList();
        var build = Stopwatch.StartNew();
        cube.AggregateProviders["by country, category and year"] = new AggregateProvider([l["country"], l["category"], l["Year"]], three);
        cube.AggregateProviders["by country"] = new AggregateProvider([l["country"]], [m["Revenue"]]);
        var buildMs = build.Elapsed.TotalMilliseconds;
        var with = new List<double>();
        var answers = queries.ToDictionary(q => q.Id, _ => new List<double>());
        var again = queries.ToDictionary(q => q.Id, _ => new List<double>());   // the same query once more, cache emptied: what the commit's first query paid beyond
        // The JIT optimizes a method once it has run a while: two seconds of the queries first, so that the
        // figures are a running server's, not a fresh process's first calls (up to 5× slower at 10M rows).
        for (var warm = Stopwatch.StartNew(); warm.Elapsed < TimeSpan.FromSeconds(2);)
        {
            foreach (var (_, run) in queries)
            {
                cube.ClearCache();
                run();
            }
        }
        for (var rep = 0; rep <= reps; rep++)
        {
            var commit = Commit();
            foreach (var (id, run) in queries)
            {
                cube.ClearCache();
                var clock = Stopwatch.StartNew();
                var result = run();
                var elapsed = clock.Elapsed.TotalMilliseconds;
                if (rep > 0) answers[id].Add(elapsed);
                cube.ClearCache();
                clock.Restart();
                run();
                if (rep > 0) again[id].Add(clock.Elapsed.TotalMilliseconds);
                if (rep == reps) Check(id, result, cube, run);
            }
            if (rep > 0) with.Add(commit);
        }
        var providers = session.Memory.Cubes.Single(c => c.Name == cube.Name).Providers;

        output.WriteLine("| | median ms |");
        output.WriteLine("|---|---:|");
        output.WriteLine(Row($"commit {BatchRows:N0} rows, no provider", Stats.Of(without).Median));
        output.WriteLine(Row($"commit {BatchRows:N0} rows, two providers", Stats.Of(with).Median));
        foreach (var (id, _) in queries) output.WriteLine(Row($"{id} cold after a commit, from a provider", Stats.Of(answers[id]).Median));
        foreach (var (id, _) in queries) output.WriteLine(Row($"{id} again, cache emptied (same data)", Stats.Of(again[id]).Median));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Commit ratio (two providers / none): {Stats.Of(with).Median / Stats.Of(without).Median:F2}. Building both providers took {buildMs:F0} ms; they hold {string.Join(", ", providers.Select(p => $"'{p.Name}' {p.Cells:N0} cells, {p.Bytes / 1024.0:F0} KB"))}."));
        return 0;
    }

    private static string Row(string label, double ms) => string.Create(CultureInfo.InvariantCulture, $"| {label} | {ms:F2} |");

    /// <summary>Rows and the sum of the first measure, rounded: what a scan must give too.</summary>
    private static string Fingerprint(QueryResult result) =>
        string.Create(CultureInfo.InvariantCulture, $"{result.RowCount}:{result.Rows().Sum(r => Convert.ToDouble(r[^1], CultureInfo.InvariantCulture)):F2}");

    /// <summary>The provider's answer against a scan of the same data (providers removed for the check, then put back).</summary>
    private static void Check(string id, QueryResult provided, Cube cube, Func<QueryResult> run)
    {
        var saved = cube.AggregateProviders.ToList();
        foreach (var (name, _) in saved) cube.AggregateProviders.Remove(name);
        cube.ClearCache();
        var scanned = run();
        foreach (var (name, provider) in saved) cube.AggregateProviders[name] = provider;
        if (Fingerprint(scanned) != Fingerprint(provided)) throw new InvalidOperationException($"{id}: the provider answered {Fingerprint(provided)}, a scan {Fingerprint(scanned)}");
    }
}
