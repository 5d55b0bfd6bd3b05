using System.Diagnostics;

namespace Cuboid.Server.Tests.Browser;

/// <summary>
/// Finds the chromium the browser tests drive (Playwright's NuGet package ships its driver, not
/// browsers): CUBOID_CHROMIUM, else Debian's /usr/bin/chromium, installed with apt-get when missing
/// and the tests run as root (.ci/run installs it beforehand). Fails with a clear message otherwise.
/// </summary>
internal static class Chromium
{
    public const string DebianPath = "/usr/bin/chromium";
    private static readonly Lock s_lock = new();

    public static string Find(ITestOutputHelper output)
    {
        var configured = Environment.GetEnvironmentVariable("CUBOID_CHROMIUM");
        if (!string.IsNullOrEmpty(configured))
        {
            Assert.True(File.Exists(configured), $"CUBOID_CHROMIUM points to {configured}, which does not exist.");
            return configured;
        }
        lock (s_lock)
        {
            if (File.Exists(DebianPath)) return DebianPath;
            var log = TryInstall();
            output.WriteLine(log);
            Assert.True(File.Exists(DebianPath),
                $"Chromium is required by the browser tests and was not found at {DebianPath}, and installing it failed. " +
                $"Install it with `apt-get install -y chromium` (Debian), or set CUBOID_CHROMIUM to a chromium executable.\n{log}");
            return DebianPath;
        }
    }

    private static string TryInstall()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root" || !File.Exists("/usr/bin/apt-get"))
        {
            return "Not installing chromium: this is not a Debian machine where the tests run as root.";
        }
        var start = new ProcessStartInfo("/bin/sh", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            return "apt-get install chromium timed out after 10 minutes.";
        }
        var tail = (stdout.Result + stderr.Result).Trim();
        if (tail.Length > 2000) tail = tail[^2000..];
        return $"apt-get install chromium exited {process.ExitCode}: {tail}";
    }
}
