using Cuboid.Server.Content;
using Cuboid.Server.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using HttpResults = Microsoft.AspNetCore.Http.Results;
using Microsoft.AspNetCore.Routing;

namespace Cuboid.Server.Endpoints;

/// <summary>User content: GET/PUT/DELETE /api/content/{id}, GET /api/content (list) and /api/content/folders.</summary>
internal static class ContentEndpoints
{
    public static void MapContent(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/content", (IContentStore store, string? kind, string? folder) => HttpResults.Json(store.List(kind, folder), ServerJson.Options));

        app.MapGet("/api/content/folders", (IContentStore store, string? kind) => HttpResults.Json(store.Folders(kind), ServerJson.Options));

        app.MapGet("/api/content/{id}", (IContentStore store, string id) =>
            store.Get(id) is { } item ? HttpResults.Json(item, ServerJson.Options) : Problems.NotFound($"No content with id '{id}'."));

        app.MapPut("/api/content/{id}", async (IContentStore store, string id, HttpRequest request) =>
        {
            var put = await RequestBody.ReadJsonAsync<ContentPut>(request);
            if (string.IsNullOrWhiteSpace(put.Kind)) return Problems.BadRequest("The content needs a 'kind' (dashboard, widget, filter, measure…).");
            if (put.Body is not { } body) return Problems.BadRequest("The content needs a 'body'.");
            var item = ContentStore.Item(id, put.Kind, put.Name, put.Folder, body);
            store.Put(item);
            return HttpResults.Json(item, ServerJson.Options);
        });

        app.MapDelete("/api/content/{id}", (IContentStore store, string id) =>
            store.Delete(id) ? HttpResults.NoContent() : Problems.NotFound($"No content with id '{id}'."));
    }
}
