using System.Diagnostics;

namespace Cuboid.Server.Tests.Xmla;

/// <summary>
/// olap4j's XMLA driver (Debian's libolap4j-java, on a JDK; .ci/run installs both): the test client
/// (Java/XmlaClient.java) and the shim Debian's jar needs (Java/ShimGenerator.java writes it from the
/// jar by reflection) are compiled once per test run into a temporary folder.
/// </summary>
internal static class Olap4j
{
    private static readonly string[] s_jars = ["/usr/share/java/olap4j.jar", "/usr/share/java/olap4j-xmla.jar", "/usr/share/java/xercesImpl.jar"];
    private static readonly Lazy<string> s_classes = new(Compile);

    /// <summary>Runs the client against <paramref name="server"/>; its output, one fact a line.</summary>
    public static async Task<string[]> RunAsync(string server, string catalog, string user, string password, IEnumerable<(string Name, string Mdx)> queries, bool members = false)
    {
        var folder = s_classes.Value;
        var queriesFile = Path.Combine(folder, $"queries-{Guid.NewGuid():N}.txt");
        var output = Path.Combine(folder, $"output-{Guid.NewGuid():N}.txt");
        await File.WriteAllLinesAsync(queriesFile, queries.Select(q => q.Name + "\t" + q.Mdx.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)), TestContext.Current.CancellationToken);
        var classpath = string.Join(':', [Path.Combine(folder, "client"), Path.Combine(folder, "shim"), .. s_jars]);
        var (code, text) = await RunAsync("java", ["-cp", classpath, "XmlaClient", $"jdbc:xmla:Server={server};Catalog={catalog}", user, password, queriesFile, output, members ? "members" : "-"], TimeSpan.FromMinutes(10));
        Assert.True(code == 0, $"the olap4j client failed ({code}):\n{text}");
        return await File.ReadAllLinesAsync(output, TestContext.Current.CancellationToken);
    }

    private static string Compile()
    {
        foreach (var jar in s_jars.Append("/usr/bin/javac"))
        {
            if (!File.Exists(jar)) throw new InvalidOperationException($"{jar} is missing: the XMLA tests need Debian's default-jdk-headless, libolap4j-java and libxerces2-java (.ci/run installs them).");
        }
        var folder = Directory.CreateTempSubdirectory("cuboid-olap4j-").FullName;
        var sources = Path.Combine(AppContext.BaseDirectory, "Xmla", "Java");
        var api = string.Join(':', s_jars[..2]);
        Run("javac", ["-nowarn", "-cp", api, "-d", Path.Combine(folder, "generator"), Path.Combine(sources, "ShimGenerator.java")]);
        Run("java", ["-cp", $"{Path.Combine(folder, "generator")}:{api}", "ShimGenerator", Path.Combine(folder, "shim-src")]);
        Run("javac", ["-nowarn", "-cp", api, "-d", Path.Combine(folder, "shim"), Path.Combine(folder, "shim-src", "org", "olap4j", "driver", "xmla", "FactoryJdbc4Plus.java")]);
        Run("javac", ["-nowarn", "-cp", api, "-d", Path.Combine(folder, "client"), Path.Combine(sources, "XmlaClient.java")]);
        return folder;
    }

    private static void Run(string program, string[] arguments)
    {
        var (code, text) = RunAsync(program, arguments, TimeSpan.FromMinutes(2)).GetAwaiter().GetResult();
        if (code != 0) throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({code}):\n{text}");
    }

    private static async Task<(int Code, string Output)> RunAsync(string program, string[] arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} ran longer than {timeout}.");
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}
