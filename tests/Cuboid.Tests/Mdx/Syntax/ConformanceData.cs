using System.Text.Json;

namespace Cuboid.Tests.Mdx.Syntax;

/// <summary>The Mondrian-derived MDX records in shared/conformance/mondrian (see the README there).</summary>
internal static class ConformanceData
{
    private static readonly Lazy<string?> s_directory = new(() =>
    {
        if (Environment.GetEnvironmentVariable("CUBOID_MDX_CONFORMANCE") is { Length: > 0 } env) return env;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "conformance", "mondrian");
            if (System.IO.Directory.Exists(candidate)) return candidate;
        }
        return null;
    });

    /// <summary>The folder, or null when the shared data is not beside (or above) the repository.</summary>
    public static string? Directory => s_directory.Value;

    /// <summary>(name, mdx) of every record in <paramref name="file"/>, or null when the file is absent.</summary>
    public static IReadOnlyList<(string Name, string Mdx)>? Load(string file)
    {
        if (Directory is null) return null;
        var path = Path.Combine(Directory, file);
        if (!File.Exists(path)) return null;
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var records = new List<(string, string)>();
        foreach (var record in document.RootElement.EnumerateArray())
        {
            var name = record.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "";
            records.Add((name, record.GetProperty("mdx").GetString() ?? ""));
        }
        return records;
    }
}
