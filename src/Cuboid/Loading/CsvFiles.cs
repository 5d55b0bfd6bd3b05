using Microsoft.Extensions.FileSystemGlobbing;

namespace Cuboid.Loading;

/// <summary>Expands a path or a glob (<c>data/*.csv</c>, <c>logs/**/part-*.csv</c>) into files, in name order.</summary>
internal static class CsvFiles
{
    public static IReadOnlyList<string> Resolve(string pathOrGlob)
    {
        if (pathOrGlob.IndexOfAny(['*', '?', '[']) < 0)
        {
            return File.Exists(pathOrGlob) ? [Path.GetFullPath(pathOrGlob)] : throw new FileNotFoundException($"No file '{pathOrGlob}'.", pathOrGlob);
        }
        var full = Path.GetFullPath(pathOrGlob);
        // The root is the longest leading part of the path without wildcards.
        var parts = full.Split(Path.DirectorySeparatorChar);
        var fixedCount = parts.TakeWhile(p => p.IndexOfAny(['*', '?', '[']) < 0).Count();
        var root = string.Join(Path.DirectorySeparatorChar, parts.Take(fixedCount));
        if (root.Length == 0) root = Path.DirectorySeparatorChar.ToString();
        var pattern = string.Join('/', parts.Skip(fixedCount));
        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddInclude(pattern);
        var files = Directory.Exists(root)
            ? matcher.GetResultsInFullPath(root).Order(StringComparer.Ordinal).ToList()
            : [];
        return files.Count > 0 ? files : throw new FileNotFoundException($"No file matches '{pathOrGlob}'.", pathOrGlob);
    }
}
