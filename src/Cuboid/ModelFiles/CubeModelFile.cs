using System.Text.Json;
using System.Text.RegularExpressions;

namespace Cuboid.ModelFiles;

/// <summary>
/// Builds tables, joins and cubes from a JSON model file (see samples/foodmart/model.json):
/// the declarative twin of the C# API, for the CLI and for models kept beside their data.
/// </summary>
public static partial class CubeModelFile
{
    private static readonly JsonSerializerOptions s_options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        // A misspelt property ("captionColum") would otherwise be ignored silently.
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };


    /// <summary>
    /// Reads <paramref name="path"/> and creates its tables (files are relative to
    /// <paramref name="dataDirectory"/>, by default the model file's folder), joins and cubes in
    /// <paramref name="session"/>; returns the first cube. Any problem is a
    /// <see cref="ModelFileException"/> naming the JSON path at fault; what was created before it stays in the session.
    /// </summary>
    public static Cube Load(Session session, string path, string? dataDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var file = Path.GetFileName(path);
        var document = Read(path, file);
        var directory = dataDirectory ?? Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        if (!Directory.Exists(directory)) throw new ModelFileException(file, null, $"the data folder '{directory}' does not exist.");
        var context = new ModelContext(session, file, directory);
        if (document.Cubes is not { Count: > 0 }) throw context.Error("cubes", "the file defines no cube.");
        SecurityBuilder.AddUsers(document.Security, session, ModelDirectory(path));
        TableBuilder.Build(context, document);
        Cube? first = null;
        for (var i = 0; i < document.Cubes.Count; i++)
        {
            var cube = CubeBuilder.Build(context, context.NotNull(document.Cubes[i], $"cubes[{i}]"), $"cubes[{i}]");
            first ??= cube;
        }
        return first!;
    }

    /// <summary>
    /// <paramref name="config"/> with the file's "security" section applied — where the session listens, how users log in,
    /// HTTPS, tokens, proxies (files relative to the model file, secrets from the environment variables it names) — for
    /// the session <see cref="Load"/> then fills; <see cref="Load"/> adds the section's users and roles.
    /// </summary>
    public static SessionConfig SessionConfig(string path, SessionConfig? config = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var file = Path.GetFileName(path);
        try
        {
            return SecurityBuilder.Configure(Read(path, file).Security, config ?? new SessionConfig(), file, ModelDirectory(path));
        }
        catch (IOException e)
        {
            throw new ModelFileException(file, "security", e.Message, e);
        }
    }

    private static string ModelDirectory(string path) => Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";

    private static ModelDocument Read(string path, string file)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelFileException(file, null, e.Message, e);
        }
        try
        {
            return JsonSerializer.Deserialize<ModelDocument>(text, s_options) ?? throw new ModelFileException(file, null, "the file holds null, not a model object.");
        }
        catch (JsonException e)
        {
            throw new ModelFileException(file, JsonPathOf(e), Describe(e), e);
        }
    }

    /// <summary>"tables[0].keys", without System.Text.Json's leading "$.".</summary>
    private static string? JsonPathOf(JsonException e) =>
        e.Path is null or "$" ? null : e.Path.StartsWith("$.", StringComparison.Ordinal) ? e.Path[2..] : e.Path.TrimStart('$');

    // System.Text.Json names .NET types and appends its own position; say it in the file's terms.
    private static string Describe(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut >= 0) message = message[..cut];
        var unmapped = UnmappedProperty().Match(message);
        if (unmapped.Success) message = $"unknown property '{unmapped.Groups[1].Value}'.";
        else if (message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal)) message = "this value has the wrong JSON type (a string, number, boolean, array or object is expected here).";
        var where = e.LineNumber is { } line ? $" (line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1})" : "";
        return message.TrimEnd('.') + where + ".";
    }

    [GeneratedRegex("The JSON property '([^']*)' could not be mapped")]
    private static partial Regex UnmappedProperty();
}
