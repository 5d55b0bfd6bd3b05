using System.Text.Json;

namespace Cuboid.Tests.Mdx.Conformance;

/// <summary>
/// The Mondrian-derived MDX records of <c>Mdx/Conformance/mondrian</c> (EPL-1.0; the README there says
/// where they come from), copied beside the test binaries at build.
/// </summary>
internal static class ConformanceData
{
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "Mdx", "Conformance", "mondrian");

    /// <summary>The records of <paramref name="file"/> (name, kind, mdx, expected, features).</summary>
    public static IReadOnlyList<(string Name, string Kind, string Mdx, string Expected, string[] Features)> Records(string file)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, file)));
        var records = new List<(string, string, string, string, string[])>();
        foreach (var record in json.RootElement.EnumerateArray())
        {
            var features = record.TryGetProperty("features", out var f) && f.ValueKind == JsonValueKind.Array ? f.EnumerateArray().Select(x => x.GetString()!).ToArray() : [];
            records.Add((record.GetProperty("name").GetString()!, record.GetProperty("kind").GetString()!, record.GetProperty("mdx").GetString()!,
                record.GetProperty("expected").GetString() ?? "", features));
        }
        return records;
    }

    /// <summary>(name, mdx) of every record in <paramref name="file"/>.</summary>
    public static IReadOnlyList<(string Name, string Mdx)> Queries(string file) => [.. Records(file).Select(r => (r.Name, r.Mdx))];
}
