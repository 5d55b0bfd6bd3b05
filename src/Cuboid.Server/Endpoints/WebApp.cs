using Cuboid.Server.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using HttpResults = Microsoft.AspNetCore.Http.Results;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Extensions.FileProviders;

namespace Cuboid.Server.Endpoints;

/// <summary>
/// The web app: the files of wwwroot (built from web/ and embedded in this assembly, so an
/// application serves it from the package as from the project), index.html — as <see cref="AppShell"/>
/// renders it for the session — at / and for every other path (the app routes on the client); a short page saying the app is not built when the
/// build embedded no index.html (no node on PATH).
/// </summary>
internal static class WebApp
{
    private const string NotBuiltPage = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>Cuboid</title></head>
        <body style="font-family: system-ui, sans-serif; margin: 3rem">
        <h1>Cuboid</h1>
        <p>The session is running, but the web app is not built. Build it with
        <code>npm ci &amp;&amp; npm run build</code> in <code>web/</code>, then rebuild the .NET project.</p>
        <p>The API answers under <a href="/api/health"><code>/api/</code></a>.</p>
        </body></html>
        """;

    /// <summary>The embedded wwwroot, or null when the build embedded none.</summary>
    public static IFileProvider? Files { get; } = OpenFiles();

    private static ManifestEmbeddedFileProvider? OpenFiles()
    {
        try
        {
            return new ManifestEmbeddedFileProvider(typeof(WebApp).Assembly, "wwwroot");
        }
        catch (InvalidOperationException)
        {
            return null;   // no wwwroot in the manifest
        }
    }

    /// <summary>Before routing: the fallback route below matches every path, and static files are only served when no endpoint matched.</summary>
    public static void UseWebAppFiles(this WebApplication app)
    {
        if (Files is not null) app.UseStaticFiles(new StaticFileOptions { FileProvider = Files });
    }

    /// <summary>The methods the API's own routes answer at <paramref name="path"/> (the catch-all routes left out).</summary>
    private static List<string> MethodsAt(EndpointDataSource endpoints, PathString path) =>
        [.. endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && !raw.Contains("{**", StringComparison.Ordinal)
                && new TemplateMatcher(TemplateParser.Parse(raw), new RouteValueDictionary()).TryMatch(path, new RouteValueDictionary()))
            .SelectMany(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? [])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];

    public static void MapWebApp(this WebApplication app, Session session)
    {
        var shell = AppShell.For(session);
        shell.Map(app);
        var index = AppShell.ReadIndex(Files?.GetFileInfo("index.html") is { Exists: true } file ? file : null) is { } html ? shell.Render(html) : null;

        // Unknown API paths are API errors, not the web app: 405 (with Allow) when the path has endpoints for other methods.
        app.Map("/api/{**rest}", (HttpContext context, EndpointDataSource endpoints, string? rest) =>
        {
            var allowed = MethodsAt(endpoints, context.Request.Path);
            if (allowed.Count == 0) return Problems.NotFound($"No API endpoint at /api/{rest}.");
            context.Response.Headers.Allow = string.Join(", ", allowed);
            return Problems.Result(StatusCodes.Status405MethodNotAllowed, "Method not allowed", $"/api/{rest} answers {string.Join(", ", allowed)}, not {context.Request.Method}.");
        });
        // The shell may load without a login (it shows the login); it holds no data.
        app.MapFallback(async context =>
        {
            if (index is not null)
            {
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync(index, context.RequestAborted);
            }
            else
            {
                await HttpResults.Content(NotBuiltPage, "text/html; charset=utf-8").ExecuteAsync(context);
            }
        }).AllowAnonymous();
    }
}
