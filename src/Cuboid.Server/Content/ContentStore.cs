using System.Collections.Concurrent;
using System.Text.Json;

namespace Cuboid.Server.Content;

/// <summary>Who besides its owner may read an item: users with one of <see cref="Roles"/>, or named in <see cref="Users"/>.</summary>
internal sealed record ContentSharing(IReadOnlyList<string> Roles, IReadOnlyList<string> Users)
{
    public static ContentSharing None { get; } = new([], []);
}

/// <summary>A saved item's summary, as lists show it. <see cref="Owner"/> is null for content an application saved (or any, without authentication).</summary>
internal sealed record ContentSummary(string Id, string Kind, string Name, string Folder, DateTime Updated, string? Owner, ContentSharing SharedWith);

/// <summary>A saved dashboard, widget, filter or calculated measure: its summary and the web app's JSON body.</summary>
internal sealed record ContentItem(string Id, string Kind, string Name, string Folder, DateTime Updated, JsonElement Body, string? Owner = null, ContentSharing? SharedWith = null)
{
    public ContentSharing Sharing => SharedWith ?? ContentSharing.None;

    public ContentSummary Summary => new(Id, Kind, Name, Folder, Updated, Owner, Sharing);
}

/// <summary>The body of PUT /api/content/{id}; <see cref="SharedWith"/> null keeps the item's sharing.</summary>
internal sealed record ContentPut(string? Kind, string? Name, string? Folder, JsonElement? Body, ContentSharing? SharedWith);

/// <summary>Where user content lives: in memory, or SQLite when the session names a file.</summary>
internal interface IContentStore
{
    IReadOnlyList<ContentSummary> List(string? kind, string? folder);
    ContentItem? Get(string id);
    void Put(ContentItem item);

    /// <summary>Stores the item unless one has its id already (atomically); whether it was stored.</summary>
    bool TryAdd(ContentItem item);
    bool Delete(string id);
    IReadOnlyList<string> Folders(string? kind);
}

/// <summary>Opens the store a session asks for, and the rules both stores share.</summary>
internal static class ContentStore
{
    public static IContentStore Open(string? path) => path is null ? new MemoryContentStore() : new SqliteContentStore(path);

    /// <summary>An item as a PUT stores it: the name defaults to the id, the folder is normalized, updated now.</summary>
    public static ContentItem Item(string id, string kind, string? name, string? folder, JsonElement body, string? owner = null, ContentSharing? sharing = null) =>
        new(id, kind, string.IsNullOrWhiteSpace(name) ? id : name, NormalizeFolder(folder), DateTime.UtcNow, body.Clone(), owner,
            sharing is null ? ContentSharing.None : new ContentSharing(sharing.Roles ?? [], sharing.Users ?? []));   // a JSON body may leave either list out

    /// <summary>"/", "Finance", "/Finance/" → "/", "/Finance", "/Finance".</summary>
    public static string NormalizeFolder(string? folder)
    {
        var parts = (folder ?? "/").Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return "/" + string.Join('/', parts);
    }

    /// <summary>The folders holding items, their ancestors, and "/" always, sorted.</summary>
    public static IReadOnlyList<string> WithAncestors(IEnumerable<string> folders)
    {
        var all = new SortedSet<string>(StringComparer.Ordinal) { "/" };
        foreach (var folder in folders)
        {
            for (var f = folder; f.Length > 1; f = f[..Math.Max(1, f.LastIndexOf('/'))]) all.Add(f);
        }
        return [.. all];
    }
}

/// <summary>User content for this session only.</summary>
internal sealed class MemoryContentStore : IContentStore
{
    private readonly ConcurrentDictionary<string, ContentItem> _items = new(StringComparer.Ordinal);

    public IReadOnlyList<ContentSummary> List(string? kind, string? folder) =>
        [.. _items.Values
            .Where(i => (kind is null || i.Kind == kind) && (folder is null || i.Folder == ContentStore.NormalizeFolder(folder)))
            .OrderBy(i => i.Folder, StringComparer.Ordinal).ThenBy(i => i.Name, StringComparer.Ordinal)
            .Select(i => i.Summary)];

    public ContentItem? Get(string id) => _items.TryGetValue(id, out var item) ? item : null;

    public void Put(ContentItem item) => _items[item.Id] = item;

    public bool TryAdd(ContentItem item) => _items.TryAdd(item.Id, item);

    public bool Delete(string id) => _items.TryRemove(id, out _);

    public IReadOnlyList<string> Folders(string? kind) =>
        ContentStore.WithAncestors(_items.Values.Where(i => kind is null || i.Kind == kind).Select(i => i.Folder));
}
