using System.Xml.Linq;

namespace Cuboid.Package.Tests;

/// <summary>
/// The repository's packages, packed in Release into a temporary local feed, and a NuGet
/// configuration a new project outside the repository restores with: Cuboid* from that feed,
/// everything else from the machine's global packages folder (what the repository's own restore
/// put there), into a fresh packages folder, so an older Cuboid 0.2.0 in a cache is never used.
/// </summary>
public sealed class PackageFeed : IAsyncLifetime
{
    /// <summary>The packages' version, as src/Directory.Build.props sets it.</summary>
    public static string Version { get; } = XDocument.Load(Path.Combine(FindRepository(), "src", "Directory.Build.props"))
        .Descendants("Version").Single().Value;
    public static readonly string[] Packages = ["Cuboid", "Cuboid.Server", "Cuboid.Arrow", "Cuboid.Parquet", "Cuboid.DirectQuery", "Cuboid.Cli"];
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "cuboid-package-" + Guid.NewGuid().ToString("N"));
    public string Feed => Path.Combine(Root, "feed");
    public string ConfigFile => Path.Combine(Root, "nuget.config");
    public string Repository { get; } = FindRepository();

    /// <summary>What child processes run with: their own packages folder.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(Root, "packages") };

    /// <summary>How long packing took.</summary>
    public TimeSpan PackTime { get; private set; }

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(Feed);
        var cache = (await Dotnet.RunAsync("dotnet", ["nuget", "locals", "global-packages", "--list"], Repository, new Dictionary<string, string>(), Timeout))
            .Succeeded("dotnet nuget locals").Split(':', 2)[1].Trim();
        // The tool first: its build builds the libraries, which are then packed as built.
        foreach (var package in Packages.Reverse())
        {
            var project = Path.Combine(Repository, "src", package, package + ".csproj");
            // Cuboid.DirectQuery is no dependency of the tool: it is built as it is packed.
            string[] noBuild = package is "Cuboid.Cli" or "Cuboid.DirectQuery" ? [] : ["--no-build"];
            var pack = await Dotnet.RunAsync("dotnet", ["pack", project, "-c", "Release", "-o", Feed, .. noBuild], Repository, new Dictionary<string, string>(), Timeout);
            pack.Succeeded($"dotnet pack {package}");
            PackTime += pack.Elapsed;
        }
        await File.WriteAllTextAsync(ConfigFile, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="cuboid" value="{Feed}" />
                <add key="cache" value="{cache}" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="cuboid"><package pattern="Cuboid" /><package pattern="Cuboid.*" /></packageSource>
                <packageSource key="cache"><package pattern="*" /></packageSource>
              </packageSourceMapping>
            </configuration>
            """);
    }

    public ValueTask DisposeAsync()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
        return ValueTask.CompletedTask;
    }

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cuboid.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException("The repository (Cuboid.slnx) was not found above " + AppContext.BaseDirectory);
    }
}
