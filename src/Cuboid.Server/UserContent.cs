using System.Text.Json;
using Cuboid.Server.Content;

namespace Cuboid.Server;

/// <summary>
/// The web app's user content — dashboards, widgets, saved filters, calculated measures — written
/// from code, as a user saves it in the web app (<c>PUT /api/content/{id}</c>): an application can
/// ship starter dashboards with its data, as <c>cuboid demo</c> does.
/// </summary>
public static class UserContent
{
    /// <summary>
    /// Saves an item of the served session's user content: <paramref name="json"/> is the web app's
    /// body for <paramref name="kind"/> (a dashboard's pages, widgets and filters). With
    /// <paramref name="replace"/> false, an item already saved under <paramref name="id"/> is kept
    /// (so a user's edits in a persistent store survive the next start). Returns whether it was written.
    /// </summary>
    /// <exception cref="InvalidOperationException">The session is not served (no port, or no Cuboid.Server).</exception>
    /// <exception cref="ArgumentException"><paramref name="json"/> is not JSON.</exception>
    public static bool SaveContent(this Session session, string id, string kind, string json, string? name = null, string? folder = null, bool replace = true)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        var store = Store(session);
        JsonDocument body;
        try
        {
            body = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"The body of content '{id}' is not JSON: {e.Message}", nameof(json), e);
        }
        using (body)
        {
            var item = ContentStore.Item(id, kind, name, folder, body.RootElement);
            if (!replace) return store.TryAdd(item);
            store.Put(item);
            return true;
        }
    }

    /// <summary>The body of the item saved under <paramref name="id"/> as JSON text, or null when there is none.</summary>
    public static string? ReadContent(this Session session, string id)
    {
        ArgumentNullException.ThrowIfNull(session);
        return Store(session).Get(id)?.Body.GetRawText();
    }

    private static IContentStore Store(Session session) =>
        (session.Host as SessionServer)?.Content
        ?? throw new InvalidOperationException($"The session '{session.Name}' is not served (its SessionConfig.Port is null, or Cuboid.Server is not loaded), so it keeps no user content.");
}
