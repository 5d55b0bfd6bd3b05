using Cuboid.Server.Content;
using Cuboid.Server.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using HttpResults = Microsoft.AspNetCore.Http.Results;
using Microsoft.AspNetCore.Routing;

namespace Cuboid.Server.Endpoints;

/// <summary>
/// User content: GET/PUT/DELETE /api/content/{id}, GET /api/content (list) and /api/content/folders. With
/// authentication, an item belongs to its author and is private until shared (<see cref="ContentAccess"/>).
/// </summary>
internal static class ContentEndpoints
{
    public static void MapContent(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/content", (IContentStore store, Session session, HttpContext context, string? kind, string? folder) =>
            HttpResults.Json(store.List(kind, folder).Where(i => ContentAccess.CanRead(session, context.User, i)).ToList(), ServerJson.Options));

        // The folders holding what the caller may read.
        app.MapGet("/api/content/folders", (IContentStore store, Session session, HttpContext context, string? kind) =>
            HttpResults.Json(ContentStore.WithAncestors(store.List(kind, null).Where(i => ContentAccess.CanRead(session, context.User, i)).Select(i => i.Folder)), ServerJson.Options));

        app.MapGet("/api/content/{id}", (IContentStore store, Session session, HttpContext context, string id) =>
            store.Get(id) switch
            {
                null => Problems.NotFound($"No content with id '{id}'."),
                var item when !ContentAccess.CanRead(session, context.User, item.Summary) => Refused(id, "read"),
                var item => HttpResults.Json(item, ServerJson.Options),
            });

        app.MapPut("/api/content/{id}", async (IContentStore store, Session session, HttpContext context, string id, HttpRequest request) =>
        {
            var put = await RequestBody.ReadJsonAsync<ContentPut>(request);
            if (string.IsNullOrWhiteSpace(put.Kind)) return Problems.BadRequest("The content needs a 'kind' (dashboard, widget, filter, measure…).");
            if (put.Body is not { } body) return Problems.BadRequest("The content needs a 'body'.");
            var existing = store.Get(id);
            if (existing is not null && !ContentAccess.CanChange(session, context.User, existing.Summary)) return Refused(id, "change");
            // An item keeps its owner (an admin's edit does not take it over) and, unless the PUT says otherwise, its sharing.
            var owner = existing is null ? ContentAccess.OwnerFor(session, context.User) : existing.Owner;
            var item = ContentStore.Item(id, put.Kind, put.Name, put.Folder, body, owner, put.SharedWith ?? existing?.Sharing);
            store.Put(item);
            return HttpResults.Json(item, ServerJson.Options);
        });

        app.MapDelete("/api/content/{id}", (IContentStore store, Session session, HttpContext context, string id) =>
            store.Get(id) switch
            {
                null => Problems.NotFound($"No content with id '{id}'."),
                var item when !ContentAccess.CanChange(session, context.User, item.Summary) => Refused(id, "delete"),
                _ => store.Delete(id) ? HttpResults.NoContent() : Problems.NotFound($"No content with id '{id}'."),
            });
    }

    private static IResult Refused(string id, string what) =>
        Problems.Result(StatusCodes.Status403Forbidden, "Forbidden", $"The content '{id}' is not yours to {what}: its owner, those it is shared with (to read) and admins may.");
}
