using System.Text.RegularExpressions;

namespace Cuboid;

/// <summary>The checks of <see cref="SessionConfig.AppExtensions"/>: names fit for a URL, folders with an ES module entry.</summary>
internal static partial class AppExtensionFolders
{
    /// <summary>The module the web app imports from each extension's folder.</summary>
    public const string Entry = "index.js";

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex Name();

    public static void Validate(IReadOnlyDictionary<string, string> extensions)
    {
        foreach (var (name, folder) in extensions)
        {
            if (!Name().IsMatch(name))
            {
                throw new ArgumentException($"SessionConfig.AppExtensions: '{name}' is not an extension name (lower-case letters, digits and '-', at most 64).");
            }
            if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"SessionConfig.AppExtensions['{name}']: no folder at '{folder}'.");
            if (!File.Exists(Path.Combine(folder, Entry)))
            {
                throw new FileNotFoundException($"SessionConfig.AppExtensions['{name}']: '{folder}' has no {Entry}, the ES module the web app imports.", Path.Combine(folder, Entry));
            }
        }
    }
}
