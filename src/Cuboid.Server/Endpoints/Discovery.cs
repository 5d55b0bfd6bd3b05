using Cuboid.Server.Http;
using Cuboid.Server.Json;
using Cuboid.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using HttpResults = Microsoft.AspNetCore.Http.Results;
using Microsoft.AspNetCore.Routing;

namespace Cuboid.Server.Endpoints;

/// <summary>A page of a level's members.</summary>
internal sealed record MembersJson(int Total, IReadOnlyList<MemberRefJson> Members);

internal sealed record MemberRefJson(string UniqueName, string Name, string Caption);

/// <summary>
/// GET /api/health, /api/scenarios, /api/cubes, /api/cubes/{cube} and /api/cubes/{cube}/members (captions in the request's locale);
/// GET and DELETE /api/cubes/{cube}/cache (the aggregate cache's size; emptying it).
/// </summary>
internal static class Discovery
{
    private const int MaxLimit = 10_000;

    public static void MapDiscovery(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/health", (Session session) =>
            HttpResults.Json(new { session = session.Name, ready = session.Ready, cubes = session.Cubes.Keys.Order(StringComparer.Ordinal).ToArray() }, ServerJson.Options));

        app.MapGet("/api/scenarios", (Session session) =>
            HttpResults.Json(session.Scenarios.Select(name => new { name }).ToArray(), ServerJson.Options));

        app.MapGet("/api/cubes", (Session session, HttpRequest request) =>
        {
            var captions = session.CaptionsFor(request.LocaleOf(session));
            return HttpResults.Json(session.Cubes.Keys.Order(StringComparer.Ordinal).Select(name => new { name, caption = captions.Of(Lexicon.Cubes, name) }).ToArray(), ServerJson.Options);
        });

        app.MapGet("/api/cubes/{cube}", (Session session, string cube, HttpContext context) =>
            session.Cubes.TryGetValue(cube, out var found)
                ? HttpResults.Json(CubeJson.Of(found.Describe(context.User.NameIfAuthenticated(), context.User.RoleNames(), context.Request.LocaleOf(session))), ServerJson.Options)
                : Problems.UnknownCube(session, cube));

        app.MapGet("/api/cubes/{cube}/cache", (Session session, string cube) =>
            session.Cubes.TryGetValue(cube, out var found) ? HttpResults.Json(found.CacheSize, ServerJson.Options) : Problems.UnknownCube(session, cube));

        app.MapDelete("/api/cubes/{cube}/cache", (Session session, string cube) =>
        {
            if (!session.Cubes.TryGetValue(cube, out var found)) return Problems.UnknownCube(session, cube);
            found.ClearCache();
            return HttpResults.NoContent();
        });

        // The members the caller may see: a restricted user's levels list only members with facts they may see.
        app.MapGet("/api/cubes/{cube}/members", (Session session, string cube, string? level, string? search, int? offset, int? limit, HttpContext context) =>
        {
            if (!session.Cubes.TryGetValue(cube, out var found)) return Problems.UnknownCube(session, cube);
            if (string.IsNullOrWhiteSpace(level)) return Problems.BadRequest("The 'level' parameter (a level's unique name) is required.");
            if (offset < 0 || limit < 0) return Problems.BadRequest("'offset' and 'limit' must not be negative.");
            try
            {
                var page = found.Members(level, search, offset ?? 0, Math.Min(limit ?? 100, MaxLimit), context.User.NameIfAuthenticated(), context.User.RoleNames(), context.Request.LocaleOf(session));
                return HttpResults.Json(new MembersJson(page.Total, [.. page.Members.Select(m => new MemberRefJson(m.UniqueName, m.Name, m.Caption))]), ServerJson.Options);
            }
            catch (KeyNotFoundException)
            {
                return Problems.NotFound($"Cube '{cube}' has no level {level}.");
            }
        });
    }
}
