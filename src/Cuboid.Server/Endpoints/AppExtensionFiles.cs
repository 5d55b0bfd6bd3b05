using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace Cuboid.Server.Endpoints;

/// <summary>
/// GET /extensions/{name}/{**path}: the files of the web app's extensions (<see cref="SessionConfig.AppExtensions"/>),
/// each from its own folder (a path cannot leave it), to logged-in users like every route but the shell.
/// </summary>
internal static class AppExtensionFiles
{
    private static readonly FileExtensionContentTypeProvider s_types = new();

    /// <summary>The URL of each extension's entry module, for the page's settings.</summary>
    public static IReadOnlyList<object> Entries(Session session) =>
        [.. session.Config.AppExtensions.Keys.Order(StringComparer.Ordinal).Select(name => new { name, entry = $"/extensions/{name}/{AppExtensionFolders.Entry}" })];

    public static void MapAppExtensions(this WebApplication app, Session session)
    {
        if (session.Config.AppExtensions.Count == 0) return;
        var folders = session.Config.AppExtensions.ToDictionary(e => e.Key, e => new PhysicalFileProvider(Path.GetFullPath(e.Value)), StringComparer.Ordinal);
        app.MapGet("/extensions/{name}/{**path}", (string name, string? path, HttpContext context) =>
        {
            if (!folders.TryGetValue(name, out var files)) return Http.Problems.NotFound($"No web app extension '{name}'.");
            var file = files.GetFileInfo(path ?? "");
            if (!file.Exists || file.IsDirectory) return Http.Problems.NotFound($"Extension '{name}' has no file '{path}'.");
            if (!s_types.TryGetContentType(file.Name, out var type)) type = "application/octet-stream";
            if (type == "application/javascript") type = "text/javascript";
            context.Response.Headers.CacheControl = "no-cache";
            return HttpResults.File(file.CreateReadStream(), type, lastModified: file.LastModified);
        });
    }
}
