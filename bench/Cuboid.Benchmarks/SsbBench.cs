using System.Diagnostics;
using System.Globalization;
using Cuboid.Samples.Ssb;
using DuckDB.NET.Data;

namespace Cuboid.Benchmarks;

/// <summary>
/// The Star Schema Benchmark: the five tables generated as Parquet at a scale factor, loaded by each
/// engine in a process of its own (so each one's resident memory is its own), then the 13 queries
/// each cold (Cuboid's aggregate cache cleared) and warm; the results' rows and sums checked equal.
/// </summary>
internal static class SsbBench
{
    private const string Prefix = "SSB ";
    private const string ColumnPrefix = "SSB-COLUMN ";

    public static int Run(double sf, int reps, TextWriter log)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"cuboid-ssb-sf{sf.ToString(CultureInfo.InvariantCulture)}");
        var watch = Stopwatch.StartNew();
        var files = SsbData.Ensure(directory, sf);
        log.WriteLine($"SSB SF {sf}: {directory} ({watch.Elapsed.TotalSeconds:F0} s to ensure), {reps} runs per query, medians in ms");
        var cuboid = Child("cuboid", files, reps);
        var duckDb = Child("duckdb", files, reps);
        log.WriteLine("| query | Cuboid cold | DuckDB cold | ratio | Cuboid warm | DuckDB warm | rows | same result |");
        log.WriteLine("|---|---:|---:|---:|---:|---:|---:|---|");
        var failures = 0;
        var ratios = new List<double>();
        foreach (var id in SsbQueries.All.Select(q => q.Id).Prepend("load"))
        {
            var (c, d) = (cuboid[id], duckDb[id]);
            var ratio = c.Cold / d.Cold;
            if (id != "load") ratios.Add(ratio);
            var same = id == "load" || (c.Rows == d.Rows && Math.Abs(c.Sum - d.Sum) <= 1e-9 * Math.Max(1, Math.Abs(d.Sum)));
            if (!same) failures++;
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {id} | {c.Cold:F1} | {d.Cold:F1} | {ratio:F2} | {(id == "load" ? "" : $"{c.Warm:F2}")} | {(id == "load" ? "" : $"{d.Warm:F1}")} | {(id == "load" ? "" : c.Rows)} | {(same ? "yes" : $"no: {c.Rows} rows, {c.Sum} vs {d.Rows} rows, {d.Sum}")} |"));
        }
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Geometric mean of the cold ratios: {Math.Exp(ratios.Average(Math.Log)):F2}. Resident memory (VmHWM): Cuboid {cuboid["memory"].Cold:F0} MB, DuckDB {duckDb["memory"].Cold:F0} MB."));
        log.WriteLine();
        log.WriteLine("Cuboid's lineorder, bytes per fact row by column (session.Memory):");
        log.WriteLine("| column | type | bytes/row |");
        log.WriteLine("|---|---|---:|");
        foreach (var line in s_columns) log.WriteLine(line);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| total | | {s_columnBytes:F1} |"));
        return failures;
    }

    private static readonly List<string> s_columns = [];
    private static double s_columnBytes;

    private sealed record Figure(double Cold, double Warm, long Rows, double Sum);

    /// <summary>Runs one engine in a child process and reads its lines.</summary>
    private static Dictionary<string, Figure> Child(string engine, SsbFiles files, int reps)
    {
        var psi = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(psi.FileName) == "dotnet") psi.ArgumentList.Add(typeof(SsbBench).Assembly.Location);
        foreach (var a in new[] { "ssb-child", "--engine", engine, "--data", files.Directory, "--sf", files.ScaleFactor.ToString(CultureInfo.InvariantCulture), "--reps", reps.ToString(CultureInfo.InvariantCulture) }) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start the SSB child");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"the {engine} child failed: {stderr.Result}");
        foreach (var line in stdout.Split('\n').Where(l => l.StartsWith(ColumnPrefix, StringComparison.Ordinal)))
        {
            var parts = line[ColumnPrefix.Length..].Trim().Split(' ');
            s_columns.Add($"| {parts[0]} | {parts[1]} | {parts[2]} |");
            s_columnBytes += double.Parse(parts[2], CultureInfo.InvariantCulture);
        }
        return stdout.Split('\n').Where(l => l.StartsWith(Prefix, StringComparison.Ordinal)).Select(l => l[Prefix.Length..].Split(' '))
            .ToDictionary(p => p[0], p => new Figure(double.Parse(p[1], CultureInfo.InvariantCulture), double.Parse(p[2], CultureInfo.InvariantCulture), long.Parse(p[3], CultureInfo.InvariantCulture), double.Parse(p[4], CultureInfo.InvariantCulture)));
    }

    /// <summary>The child: loads with one engine, runs every query, prints "SSB id cold warm rows sum" lines and its memory.</summary>
    public static int RunChild(string engine, SsbFiles files, int reps)
    {
        static void Print(string id, double cold, double warm, long rows, double sum) =>
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Prefix}{id} {cold:R} {warm:R} {rows} {sum:R}"));
        var watch = Stopwatch.StartNew();
        if (engine == "cuboid")
        {
            using var session = Session.Start(new SessionConfig { Name = null, Port = null });
            var cube = SsbCube.Build(session, files);
            Print("load", watch.Elapsed.TotalMilliseconds, 0, 0, 0);
            // What a fact row costs, column by column (the baseline for compressed columns).
            foreach (var column in session.Memory.Tables.Single(t => t.Name == "lineorder").Columns)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{ColumnPrefix}{column.Name} {column.Type} {column.BytesPerRow:F2}"));
            }
            foreach (var query in SsbQueries.All)
            {
                var (cold, warm) = (new List<double>(), new List<double>());
                QueryResult? result = null;
                for (var rep = -1; rep < reps; rep++)
                {
                    if (rep < 0)
                    {
                        // A warm-up run, left out as DuckDB's first run is: the JIT compiles the query's paths once per process.
                        cube.ClearCache();
                        query.Ask(cube);
                        continue;
                    }
                    cube.ClearCache();
                    watch.Restart();
                    result = query.Ask(cube);
                    cold.Add(watch.Elapsed.TotalMilliseconds);
                    watch.Restart();
                    query.Ask(cube);
                    warm.Add(watch.Elapsed.TotalMilliseconds);
                }
                Print(query.Id, Stats.Of(cold).Median, Stats.Of(warm).Median, result!.RowCount, result.Rows().Sum(r => Convert.ToDouble(r[^1], CultureInfo.InvariantCulture)));
            }
        }
        else
        {
            using var connection = new DuckDBConnection("Data Source=:memory:");
            connection.Open();
            foreach (var (table, path) in new[] { ("lineorder", files.LineOrder), ("date", files.Date), ("customer", files.Customer), ("supplier", files.Supplier), ("part", files.Part) })
            {
                using var load = connection.CreateCommand();
                load.CommandText = $"CREATE TABLE {table} AS SELECT * FROM read_parquet('{path}')";
                load.ExecuteNonQuery();
            }
            Print("load", watch.Elapsed.TotalMilliseconds, 0, 0, 0);
            foreach (var query in SsbQueries.All)
            {
                var times = new List<double>();
                var (rows, sum) = (0L, 0.0);
                for (var rep = 0; rep < reps + 1; rep++)
                {
                    using var command = connection.CreateCommand();
                    command.CommandText = query.Sql;
                    watch.Restart();
                    using var reader = command.ExecuteReader();
                    (rows, sum) = (0, 0);
                    while (reader.Read())
                    {
                        if (reader.IsDBNull(reader.FieldCount - 1)) continue;
                        rows++;
                        sum += reader.GetValue(reader.FieldCount - 1) is System.Numerics.BigInteger b ? (double)b : Convert.ToDouble(reader.GetValue(reader.FieldCount - 1), CultureInfo.InvariantCulture);
                    }
                    times.Add(watch.Elapsed.TotalMilliseconds);
                }
                // DuckDB keeps no results: every run computes the query, as Cuboid's do with its cache cleared
                // (its "cold"); the first run, which also touches the data first, is left out, as Cuboid's warm-up is.
                var computed = Stats.Of([.. times.Skip(1)]).Median;
                Print(query.Id, computed, computed, rows, sum);
            }
        }
        Print("memory", MemoryProbe.ReadSelf().HwmMb, 0, 0, 0);
        return 0;
    }
}
