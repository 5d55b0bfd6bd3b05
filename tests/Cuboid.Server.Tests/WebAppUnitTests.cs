using System.Diagnostics;

namespace Cuboid.Server.Tests;

/// <summary>
/// The web app's own unit tests (vitest: the MDX builder, the grid and chart transforms, …) run
/// as part of <c>dotnet test</c>, so the one test command covers the whole product.
/// </summary>
public sealed class WebAppUnitTests
{
    [Fact]
    public async Task VitestSuitePasses()
    {
        var text = await NpmAsync("test --silent");
        Assert.Contains("passed", text, StringComparison.Ordinal);
    }

    /// <summary>The linter (oxlint: correctness and the rules of hooks, exhaustive dependencies included) finds nothing.</summary>
    [Fact]
    public async Task LintFindsNothing() => Assert.Contains("0 errors", await NpmAsync("run lint --silent"), StringComparison.Ordinal);

    /// <summary>Prettier would change nothing (<c>npm run format</c> writes its changes).</summary>
    [Fact]
    public async Task FormattingIsPrettiers() => await NpmAsync("run format:check --silent");

    /// <summary>Runs an npm script in web/, failing the test with its output when it fails; returns the output.</summary>
    private static async Task<string> NpmAsync(string arguments)
    {
        var web = Path.Combine(RepositoryRoot(), "web");
        Assert.True(File.Exists(Path.Combine(web, "node_modules", ".bin", "vitest")), "web/node_modules is missing: the build (WebApp.targets) runs npm ci when node is installed.");
        var start = new ProcessStartInfo("npm", arguments)
        {
            WorkingDirectory = web,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["CI"] = "true";
        using var process = Process.Start(start)!;
        var cancel = TestContext.Current.CancellationToken;
        var output = process.StandardOutput.ReadToEndAsync(cancel);
        var errors = process.StandardError.ReadToEndAsync(cancel);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        var text = await output + await errors;
        Assert.True(process.ExitCode == 0, $"npm {arguments} failed:\n{text}");
        return text;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cuboid.slnx"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("Cuboid.slnx not found above " + AppContext.BaseDirectory);
    }
}
