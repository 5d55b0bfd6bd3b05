using System.Diagnostics;
using System.Text;

namespace Cuboid.Package.Tests;

/// <summary>Runs <c>dotnet</c> (or an installed tool) as a user would, and returns what it printed.</summary>
internal static class Dotnet
{
    public sealed record Outcome(int ExitCode, string Output, TimeSpan Elapsed)
    {
        /// <summary>The output, failing the test with it when the command did not succeed.</summary>
        public string Succeeded(string what)
        {
            Assert.True(ExitCode == 0, $"{what} exited {ExitCode}:\n{Output}");
            return Output;
        }
    }

    /// <summary>Runs <paramref name="program"/> in <paramref name="directory"/> with <paramref name="environment"/> added; kills it after <paramref name="timeout"/>.</summary>
    public static async Task<Outcome> RunAsync(string program, IEnumerable<string> arguments, string directory, IReadOnlyDictionary<string, string> environment,
        TimeSpan timeout, string? input = null)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        // A build inside `dotnet test` inherits MSBuild's variables; the user's shell has none of them.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k == "MSBUILD_EXE_PATH").ToList())
        {
            start.Environment.Remove(name);
        }
        foreach (var (name, value) in environment) start.Environment[name] = value;

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            lock (output) Assert.Fail($"{program} {string.Join(' ', arguments)} ran past {timeout.TotalSeconds:0} s:\n{output}");
        }
        process.WaitForExit();   // the output's last lines
        lock (output) return new Outcome(process.ExitCode, output.ToString(), watch.Elapsed);
    }
}
