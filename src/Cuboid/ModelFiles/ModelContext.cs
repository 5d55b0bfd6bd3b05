namespace Cuboid.ModelFiles;

/// <summary>What the builders share: the session, the file's name for messages, and the data folder.</summary>
internal sealed class ModelContext(Session session, string file, string dataDirectory)
{
    public Session Session { get; } = session;

    public string File { get; } = file;

    public string DataDirectory { get; } = dataDirectory;

    public ModelFileException Error(string path, string reason, Exception? inner = null) => new(File, path, reason, inner);

    public T NotNull<T>(T? value, string path) where T : class =>
        value ?? throw Error(path, "null is not allowed here.");

    public string Required(string? value, string path, string property) =>
        string.IsNullOrWhiteSpace(value) ? throw Error(path, $"'{property}' is missing.") : value;

    public Table Table(string name, string path) =>
        Session.Tables.TryGetValue(name, out var table)
            ? table
            : throw Error(path, $"unknown table '{name}' (the tables: {string.Join(", ", Session.Tables.Keys)}).");

    public ModelFileException ColumnError(Table table, string column, string path) =>
        Error(path, $"table '{table.Name}' has no column '{column}' (its columns: {string.Join(", ", table.Columns.Select(c => c.Name))}).");

    public Column Column(Table table, string column, string path) =>
        table.Columns.FirstOrDefault(c => c.Name == column) ?? throw ColumnError(table, column, path);

    /// <summary>Runs an engine call; its user errors become errors at <paramref name="path"/>.</summary>
    public T At<T>(string path, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is ArgumentException or KeyNotFoundException or LoadException or IOException or MdxException or InvalidOperationException)
        {
            throw Error(path, e.Message.TrimEnd('.') + ".", e);
        }
    }

    public void At(string path, Action action) => At(path, () =>
    {
        action();
        return 0;
    });
}
