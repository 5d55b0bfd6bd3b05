using Microsoft.Extensions.FileSystemGlobbing;

namespace Cuboid;

/// <summary>
/// The files a source names: a path or a glob (<c>data/*.csv</c>, <c>logs/**/part-*.csv.gz</c>)
/// expanded into files in name order, and the table a file makes by default.
/// </summary>
public static class SourceFiles
{
    /// <summary>The file a path names, or the files a glob matches in name order; a clear error when there is none.</summary>
    public static IReadOnlyList<string> Resolve(string pathOrGlob)
    {
        ArgumentNullException.ThrowIfNull(pathOrGlob);
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

    /// <summary>The table a file makes when none is named: its name without extensions (<c>sales.csv.gz</c> → <c>sales</c>).</summary>
    public static string TableName(string file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var name = Path.GetFileName(file);
        if (name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) name = name[..^3];
        return Path.GetFileNameWithoutExtension(name);
    }
}
