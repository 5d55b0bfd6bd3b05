namespace Cuboid.ModelFiles;

/// <summary>
/// A model file that cannot be read or built. The message names the file and the JSON path at
/// fault: <c>model.json: cubes[0].hierarchies[2].levels[1]: table 'store' has no column 'store_cty' (its columns: …)</c>.
/// </summary>
public sealed class ModelFileException : Exception
{
    /// <summary>Creates the exception; <paramref name="jsonPath"/> is null for problems with the file as a whole.</summary>
    public ModelFileException(string file, string? jsonPath, string reason, Exception? innerException = null)
        : base(jsonPath is null ? $"{file}: {reason}" : $"{file}: {jsonPath}: {reason}", innerException)
    {
        File = file;
        JsonPath = jsonPath;
        Reason = reason;
    }

    /// <summary>The model file's name, as given.</summary>
    public string File { get; }

    /// <summary>Where in the file the problem is (<c>tables[2].keys</c>), or null.</summary>
    public string? JsonPath { get; }

    /// <summary>The problem, without the file and path.</summary>
    public string Reason { get; }
}
