using System.Diagnostics;
using Cuboid.Samples;

namespace Cuboid.Benchmarks;

/// <summary>
/// P1: a chain of five post-processed measures (shift, parent value, cumulative, rank, where) over
/// Month × Category, against the plain aggregation it rests on. Each rep clears the cube's cache
/// first, so both sides scan the fact rows; the ratio is what the post-processing adds.
/// </summary>
internal static class MeasuresBench
{
    public static int Run(RetailDataFiles files, int reps, TextWriter output)
    {
        using var session = Session.Start(new SessionConfig { Name = null, Port = null });
        var cube = RetailCube.Build(session, files);
        var (h, l, m) = (cube.Hierarchies, cube.Levels, cube.Measures);
        var product = h[("Product", "Product")];
        m["Growth"] = m["Revenue"] - Fn.Shift(m["Revenue"], l["Month"], -1);
        m["Growth share"] = m["Growth"] / Fn.ParentValue(m["Growth"], product);
        m["Running share"] = Agg.Sum(m["Growth share"], Scope.Cumulative(l["Month"], partitioning: l["Year"]));
        m["Share rank"] = Fn.Rank(m["Running share"], product, ascending: false);
        m["Top running share"] = Fn.Where(m["Share rank"] <= 3, m["Running share"]);
        Level[] levels = [l["Month"], l["category"]];

        double Median(Measure measure, bool cold)
        {
            var times = new List<double>();
            for (var rep = 0; rep <= reps; rep++)
            {
                if (cold) cube.ClearCache();
                var clock = Stopwatch.StartNew();
                var result = cube.Query([measure], levels: levels);
                clock.Stop();
                if (result.RowCount == 0) throw new InvalidOperationException("P1 returned no rows");
                if (rep > 0) times.Add(clock.Elapsed.TotalMilliseconds);   // rep 0 warms the JIT
            }
            times.Sort();
            return times[times.Count / 2];
        }

        var cells = cube.Query([m["Top running share"]], levels: levels).RowCount;
        output.WriteLine($"P1: {files.SalesRows:N0} sales rows, Month × category ({cells} rows), median of {reps} reps after 1 warm-up");
        output.WriteLine("| Query | cold (cache cleared) ms | warm ms |");
        output.WriteLine("|---|---:|---:|");
        var baseCold = Median(m["Revenue"], cold: true);
        var baseWarm = Median(m["Revenue"], cold: false);
        var chainCold = Median(m["Top running share"], cold: true);
        var chainWarm = Median(m["Top running share"], cold: false);
        output.WriteLine($"| Revenue (the aggregation) | {baseCold:F1} | {baseWarm:F2} |");
        output.WriteLine($"| Five post-processors over it | {chainCold:F1} | {chainWarm:F2} |");
        output.WriteLine($"| Ratio | {chainCold / baseCold:F2} | {chainWarm / baseWarm:F2} |");
        return 0;
    }
}
