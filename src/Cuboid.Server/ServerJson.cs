using System.Text.Json;

namespace Cuboid.Server;

/// <summary>The API's JSON conventions: camelCase, and NaN or infinite cell values as strings rather than a failed response.</summary>
internal static class ServerJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>The engine's result conventions (<see cref="Results.ResultJson.Configure"/>), for every response.</summary>
    public static void Configure(JsonSerializerOptions options) => Results.ResultJson.Configure(options);

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        return options;
    }
}
