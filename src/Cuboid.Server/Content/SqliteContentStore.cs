using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Cuboid.Server.Content;

/// <summary>
/// User content in a SQLite file (<c>SessionConfig.UserContentStorage</c>), so it survives a
/// restart. A connection per operation: the pool makes that cheap, and the file is free once
/// the store is disposed.
/// </summary>
internal sealed class SqliteContentStore : IContentStore, IDisposable
{
    private readonly string _connectionString;

    public SqliteContentStore(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate }.ToString();
        Execute("""
            CREATE TABLE IF NOT EXISTS content (
                id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, folder TEXT NOT NULL,
                updated TEXT NOT NULL, body TEXT NOT NULL, owner TEXT, shared TEXT)
            """);
        // A file from before owners: its items stay unowned (readable by every user, changed by admins).
        var columns = new List<string>();
        Query("SELECT name FROM pragma_table_info('content')", _ => { }, reader => columns.Add(reader.GetString(0)));
        if (!columns.Contains("owner")) Execute("ALTER TABLE content ADD COLUMN owner TEXT");
        if (!columns.Contains("shared")) Execute("ALTER TABLE content ADD COLUMN shared TEXT");
    }

    public IReadOnlyList<ContentSummary> List(string? kind, string? folder)
    {
        var items = new List<ContentSummary>();
        Query("SELECT id, kind, name, folder, updated, owner, shared FROM content WHERE ($kind IS NULL OR kind = $kind) AND ($folder IS NULL OR folder = $folder) ORDER BY folder, name",
            command =>
            {
                command.Parameters.AddWithValue("$kind", (object?)kind ?? DBNull.Value);
                command.Parameters.AddWithValue("$folder", folder is null ? DBNull.Value : ContentStore.NormalizeFolder(folder));
            },
            reader => items.Add(new ContentSummary(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), Time(reader.GetString(4)), Owner(reader, 5), Sharing(reader, 6))));
        return items;
    }

    public ContentItem? Get(string id)
    {
        ContentItem? item = null;
        Query("SELECT id, kind, name, folder, updated, body, owner, shared FROM content WHERE id = $id",
            command => command.Parameters.AddWithValue("$id", id),
            reader =>
            {
                using var body = JsonDocument.Parse(reader.GetString(5));
                item = new ContentItem(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), Time(reader.GetString(4)), body.RootElement.Clone(), Owner(reader, 6), Sharing(reader, 7));
            });
        return item;
    }

    public void Put(ContentItem item) => Insert("INSERT OR REPLACE", item);

    public bool TryAdd(ContentItem item) => Insert("INSERT OR IGNORE", item) > 0;

    private int Insert(string insert, ContentItem item) => Execute(
        $"{insert} INTO content (id, kind, name, folder, updated, body, owner, shared) VALUES ($id, $kind, $name, $folder, $updated, $body, $owner, $shared)",
        command =>
        {
            command.Parameters.AddWithValue("$id", item.Id);
            command.Parameters.AddWithValue("$kind", item.Kind);
            command.Parameters.AddWithValue("$name", item.Name);
            command.Parameters.AddWithValue("$folder", item.Folder);
            command.Parameters.AddWithValue("$updated", item.Updated.ToString("O", CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$body", item.Body.GetRawText());
            command.Parameters.AddWithValue("$owner", (object?)item.Owner ?? DBNull.Value);
            command.Parameters.AddWithValue("$shared", JsonSerializer.Serialize(item.Sharing));
        });

    private static string? Owner(SqliteDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

    private static ContentSharing Sharing(SqliteDataReader reader, int column) =>
        reader.IsDBNull(column) ? ContentSharing.None : JsonSerializer.Deserialize<ContentSharing>(reader.GetString(column)) ?? ContentSharing.None;

    public bool Delete(string id) => Execute("DELETE FROM content WHERE id = $id", command => command.Parameters.AddWithValue("$id", id)) > 0;

    public IReadOnlyList<string> Folders(string? kind)
    {
        var folders = new List<string>();
        Query("SELECT DISTINCT folder FROM content WHERE ($kind IS NULL OR kind = $kind)",
            command => command.Parameters.AddWithValue("$kind", (object?)kind ?? DBNull.Value),
            reader => folders.Add(reader.GetString(0)));
        return ContentStore.WithAncestors(folders);
    }

    /// <summary>Releases the pooled connections, so the file can be moved or deleted once the session closed.</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private static DateTime Time(string text) => DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private int Execute(string sql, Action<SqliteCommand>? bind = null)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind?.Invoke(command);
        return command.ExecuteNonQuery();
    }

    private void Query(string sql, Action<SqliteCommand> bind, Action<SqliteDataReader> row)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        using var reader = command.ExecuteReader();
        while (reader.Read()) row(reader);
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
