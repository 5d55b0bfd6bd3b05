using System.Diagnostics;
using System.Globalization;
using System.Text;
using Cuboid.Samples;

namespace Cuboid.Benchmarks;

internal sealed record Stats(double Median, double Min, double Max, int Count)
{
    public static Stats Of(IReadOnlyList<double> values)
    {
        var s = values.Order().ToArray();
        double median = s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
        return new Stats(median, s[0], s[^1], s.Length);
    }
}

/// <summary>One engine's figure for one workload: a time in ms, a size in MB, or an error.</summary>
internal sealed record Cell(Stats? Stats, string Unit, string? Error = null)
{
    public static Cell Failed(Exception e) => new(null, "", e.GetType().Name + ": " + FirstLine(e.Message));

    public override string ToString() => Error is not null ? $"error: {Error}"
        : Stats is null ? "–"
        : Stats.Count == 1 ? Format(Stats.Median, Unit)
        : $"{Format(Stats.Median, Unit)} ({Format(Stats.Min, "")}–{Format(Stats.Max, "")})";

    private static string Format(double v, string unit)
    {
        string n = v >= 100 ? v.ToString("N0", CultureInfo.InvariantCulture)
            : v >= 10 ? v.ToString("F1", CultureInfo.InvariantCulture)
            : v.ToString("F2", CultureInfo.InvariantCulture);
        return unit.Length == 0 ? n : $"{n} {unit}";
    }

    private static string FirstLine(string s)
    {
        var line = s.Split('\n')[0].Trim();
        return line.Length > 120 ? line[..120] + "…" : line;
    }
}

/// <summary>Runs the selected workloads on each engine, checks the answers agree and renders the table.</summary>
internal sealed class Harness(RetailDataFiles files, int reps, IReadOnlyList<Workload> workloads, TextWriter log)
{
    private readonly Dictionary<(string Id, string Engine), Cell> _cells = [];
    private readonly Dictionary<(string Id, string Engine), QueryOutcome> _outcomes = [];
    private readonly List<string> _notes = [];

    public IReadOnlyList<string> Notes => _notes;

    /// <summary>
    /// A load workload, when selected: <paramref name="prepare"/> makes its source file (untimed) and
    /// returns the load, timed once to warm up and then <c>reps</c> times, each after a reset.
    /// </summary>
    private void MeasureLoad(IEngineSide engine, string id, string what, Func<Action> prepare)
    {
        if (!workloads.Any(w => w.Id == id)) return;
        var load = prepare();
        log.WriteLine($"[{engine.Name}] {id}: {what}, 1 warm-up + {reps} reps");
        _cells[(id, engine.Name)] = Measure(
            () => { engine.Reset(); FullGc(); },
            () => { load(); return null; });
        engine.Reset();
    }

    public void Run(IReadOnlyList<IEngineSide> engines, Func<string, string, MemoryProbe.Reading> memory)
    {
        foreach (var engine in engines)
        {
            MeasureLoad(engine, "L1", "load sales", () => () => engine.LoadSalesOnly(files));
            MeasureLoad(engine, "L2", "load sales from Parquet", () => { var parquet = DataSet.EnsureParquet(files); return () => engine.LoadSalesParquet(parquet); });
            MeasureLoad(engine, "L3", "load sales from its gzipped CSV", () => { var gzip = DataSet.EnsureGzip(files); return () => engine.LoadSalesGzip(gzip); });
            RunQueries(engine);
            engine.Reset();
            FullGc();
        }
        CheckAgreement(engines);
        MeasureMemory(engines, memory);
    }

    private void RunQueries(IEngineSide engine)
    {
        var queries = workloads.Where(w => w.Kind == WorkloadKind.Query).ToList();
        if (queries.Count == 0)
        {
            return;
        }
        try
        {
            var sw = Stopwatch.StartNew();
            engine.LoadAll(files);
            _notes.Add($"{engine.Name}: loading all four tables (and building what it needs) took {sw.Elapsed.TotalSeconds:F2} s.");
            log.WriteLine($"[{engine.Name}] loaded all tables in {sw.Elapsed.TotalSeconds:F2} s");
        }
        catch (Exception e)
        {
            log.WriteLine($"[{engine.Name}] LoadAll failed: {e}");
            foreach (var q in queries)
            {
                _cells[(q.Id, engine.Name)] = Cell.Failed(e);
            }
            return;
        }
        foreach (var q in queries)
        {
            log.Write($"[{engine.Name}] {q.Id}: ");
            QueryOutcome? last = null;
            var cell = Measure(q.Cold ? engine.BeforeQuery : () => { }, () => last = engine.Run(q.QueryId));
            _cells[(q.Id, engine.Name)] = cell;
            if (last is { } outcome)
            {
                _outcomes[(q.Id, engine.Name)] = outcome;
                log.WriteLine($"{cell}, {outcome.Rows} rows, first measure sum {outcome.FirstMeasureSum:R}");
            }
            else
            {
                log.WriteLine(cell);
            }
        }
    }

    /// <summary>One untimed warm-up, then <c>reps</c> timed runs, each after an untimed <paramref name="prepare"/>.</summary>
    private Cell Measure(Action prepare, Func<QueryOutcome?> run)
    {
        try
        {
            prepare();
            run();
            var times = new List<double>(reps);
            for (int i = 0; i < reps; i++)
            {
                prepare();
                long start = Stopwatch.GetTimestamp();
                run();
                times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
            return new Cell(Stats.Of(times), "ms");
        }
        catch (Exception e)
        {
            log.WriteLine($"  failed: {e.GetType().Name}: {e.Message}");
            return Cell.Failed(e);
        }
    }

    private void CheckAgreement(IReadOnlyList<IEngineSide> engines)
    {
        if (engines.Count < 2)
        {
            return;
        }
        string a = engines[0].Name, b = engines[1].Name;
        foreach (var q in workloads.Where(w => w.Kind == WorkloadKind.Query))
        {
            if (!_outcomes.TryGetValue((q.Id, a), out var x) || !_outcomes.TryGetValue((q.Id, b), out var y))
            {
                _notes.Add($"{q.Id}: not checked (an engine failed).");
                continue;
            }
            double rel = Math.Abs(x.FirstMeasureSum - y.FirstMeasureSum) / Math.Max(1e-300, Math.Abs(y.FirstMeasureSum));
            bool ok = x.Rows == y.Rows && rel <= 1e-9;
            string line = $"{q.Id}: rows {a} {x.Rows} / {b} {y.Rows}; first-measure sum {a} {x.FirstMeasureSum:R} / {b} {y.FirstMeasureSum:R} (rel. diff {rel:E1})";
            _notes.Add((ok ? "OK " : "**MISMATCH** ") + line);
            if (!ok)
            {
                log.WriteLine("MISMATCH " + line);
            }
        }
    }

    private void MeasureMemory(IReadOnlyList<IEngineSide> engines, Func<string, string, MemoryProbe.Reading> memory)
    {
        foreach (var w in workloads.Where(w => w.Kind == WorkloadKind.Memory))
        {
            string phase = w.Id switch { "L1m" => "sales", "L2m" => "parquet", _ => "all" };
            foreach (var engine in engines)
            {
                log.Write($"[{engine.Name}] {w.Id}: child process, phase {phase}: ");
                try
                {
                    var r = memory(engine.Name, phase);
                    double mb = phase is "sales" or "parquet" ? r.HwmMb : r.RssMb;
                    _cells[(w.Id, engine.Name)] = new Cell(new Stats(mb, mb, mb, 1), "MB");
                    _notes.Add($"{w.Id} {engine.Name}: VmRSS {r.RssMb:F0} MB, VmHWM {r.HwmMb:F0} MB, RSS before loading {r.BaselineRssMb:F0} MB.");
                    log.WriteLine($"VmRSS {r.RssMb:F0} MB, VmHWM {r.HwmMb:F0} MB (baseline {r.BaselineRssMb:F0} MB)");
                }
                catch (Exception e)
                {
                    log.WriteLine($"failed: {e.Message}");
                    _cells[(w.Id, engine.Name)] = Cell.Failed(e);
                }
            }
        }
    }

    /// <summary>The markdown table: | id | workload | A | B | ratio | target | met? |.</summary>
    public string Table(string a, string b)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"| id | workload | {a} median (min–max) | {b} median (min–max) | ratio | target | met? |");
        sb.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var w in workloads)
        {
            var x = _cells.GetValueOrDefault((w.Id, a));
            var y = _cells.GetValueOrDefault((w.Id, b));
            string ratio = "–", met = "–";
            if (w.Baseline is { } baseline && x?.Stats is { } own && _cells.GetValueOrDefault((baseline, a))?.Stats is { Median: > 0 } of)
            {
                // Against Cuboid's own median of the baseline workload (the same query written another way).
                double r = own.Median / of.Median;
                ratio = r.ToString("F2", CultureInfo.InvariantCulture) + $" (to {baseline})";
                met = r <= w.MaxRatio ? "yes" : "**no**";
            }
            else if (x?.Stats is { } sx && y?.Stats is { } sy && sy.Median > 0)
            {
                double r = sx.Median / sy.Median;
                ratio = r.ToString("F2", CultureInfo.InvariantCulture);
                met = (w.MaxMilliseconds is { } limit ? sx.Median <= limit : r <= w.MaxRatio) ? "yes" : "**no**";
            }
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {w.Id} | {w.Title} | {x?.ToString() ?? "–"} | {y?.ToString() ?? "–"} | {ratio} | {w.Target} | {met} |");
        }
        return sb.ToString();
    }

    public static void FullGc()
    {
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
    }
}
