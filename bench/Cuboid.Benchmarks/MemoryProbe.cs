using System.Diagnostics;
using System.Globalization;
using Cuboid.Samples;

namespace Cuboid.Benchmarks;

/// <summary>
/// Memory of one engine, measured in a fresh child process (this executable, hidden command
/// <c>memory --engine NAME --data DIR --phase sales|all</c>) so that engines don't pollute each other.
/// </summary>
internal static class MemoryProbe
{
    public sealed record Reading(double RssMb, double HwmMb, double BaselineRssMb);

    private const string Prefix = "MEMORY ";

    /// <summary>VmRSS and VmHWM of this process from /proc/self/status, in MB.</summary>
    public static (double RssMb, double HwmMb) ReadSelf()
    {
        double rss = 0, hwm = 0;
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kb(line) / 1024.0;
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                hwm = Kb(line) / 1024.0;
            }
        }
        return (rss, hwm);

        static long Kb(string line) =>
            // "VmHWM:\t  939000 kB": a tab, then spaces that pad the number to 8 digits (none past 10 GB).
            long.Parse(line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    /// <summary>The child's side: load, settle, print one <c>MEMORY</c> line.</summary>
    public static int RunChild(IEngineSide engine, RetailDataFiles files, string phase)
    {
        Harness.FullGc();
        var (baseline, _) = ReadSelf();
        if (phase == "sales")
        {
            engine.LoadSalesOnly(files);
        }
        else if (phase == "parquet")
        {
            engine.LoadSalesParquet(DataSet.EnsureParquet(files));
        }
        else
        {
            engine.LoadAll(files);
        }
        Harness.FullGc();
        var (rss, hwm) = ReadSelf();
        Console.WriteLine(FormattableString.Invariant($"{Prefix}rss_mb={rss:F1} hwm_mb={hwm:F1} baseline_rss_mb={baseline:F1}"));
        GC.KeepAlive(engine);
        return 0;
    }

    /// <summary>The parent's side: run the child and parse its line.</summary>
    public static Reading Measure(string engine, string phase, string dataDir)
    {
        var psi = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Under `dotnet Cuboid.Benchmarks.dll` the process is the dotnet host: pass the assembly too.
        if (Path.GetFileNameWithoutExtension(psi.FileName) == "dotnet")
        {
            psi.ArgumentList.Add(typeof(MemoryProbe).Assembly.Location);
        }
        foreach (var a in new[] { "memory", "--engine", engine, "--phase", phase, "--data", dataDir })
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start the memory child");
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        var line = stdout.Split('\n').FirstOrDefault(l => l.StartsWith(Prefix, StringComparison.Ordinal));
        if (p.ExitCode != 0 || line is null)
        {
            var err = stderr.Result.Trim().Split('\n').FirstOrDefault(l => l.Length > 0) ?? $"exit code {p.ExitCode}";
            throw new InvalidOperationException($"memory child failed: {err}");
        }
        var kv = line[Prefix.Length..].Split(' ').Select(s => s.Split('='))
            .ToDictionary(s => s[0], s => double.Parse(s[1], CultureInfo.InvariantCulture));
        return new Reading(kv["rss_mb"], kv["hwm_mb"], kv["baseline_rss_mb"]);
    }
}
