using Cuboid.DirectQuery;
using Cuboid.DirectQuery.Sql;

namespace Cuboid;

/// <summary>
/// A database a session reads without loading its facts (DirectQuery): its catalog
/// (<see cref="Tables"/>), the tables added from it (<see cref="DirectQuerySession.AddExternalTable"/>),
/// and <see cref="Refresh"/>, which picks up what changed there. Tables joined to others (dimensions)
/// are read into memory when joined, as Atoti keeps its hierarchies' members; fact tables never are.
/// </summary>
public sealed class ExternalDatabase : IDisposable
{
    private readonly List<ExternalTable> _tables = [];
    private readonly Lock _lock = new();
    private ExternalTableCollection? _catalog;
    private Timer? _timer;
    private TimeSpan? _refreshInterval;

    internal ExternalDatabase(Session session, SqlClient client)
    {
        Session = session;
        Client = client;
    }

    /// <summary>The session it serves.</summary>
    public Session Session { get; }

    /// <summary>"PostgreSQL database 'shop' at db:5432" (no credentials).</summary>
    public string Description => Client.Description;

    internal SqlClient Client { get; }

    /// <summary>The database's tables with their columns, read from its catalog (again after <see cref="Refresh"/>).</summary>
    public ExternalTableCollection Tables
    {
        get
        {
            lock (_lock) return _catalog ??= ExternalCatalogReader.Read(this);
        }
    }

    /// <summary>
    /// Refreshes on its own every interval (null: only when <see cref="Refresh"/> is called): a
    /// refresh publishes a new data version, so caches start over and live queries update.
    /// </summary>
    public TimeSpan? RefreshInterval
    {
        get => _refreshInterval;
        set
        {
            if (value is { } v && v <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(value), "A refresh interval is positive.");
            _refreshInterval = value;
            _timer?.Dispose();
            _timer = value is { } interval ? new Timer(_ => RefreshQuietly(), null, interval, interval) : null;
        }
    }

    /// <summary>
    /// Picks up the database's changes: the mirrored tables are read again and every table added
    /// from it gets a new version, in one commit, so queries from then on see the new data
    /// (cached aggregates and members are per version). A failure leaves the last data in place.
    /// </summary>
    public void Refresh()
    {
        List<ExternalTable> tables;
        lock (_lock)
        {
            _catalog = null;
            tables = [.. _tables];
        }
        if (tables.Count == 0) return;
        var fresh = tables.Select(t => (Table: t, Rows: t.Mirrored ? t.ReadRows() : null)).ToList();
        using var transaction = Session.StartTransaction();
        foreach (var (table, rows) in fresh) table.Table.ReplaceRows(rows ?? new Loading.LoadResult());
        transaction.Commit();
    }

    private void RefreshQuietly()
    {
        try
        {
            Refresh();
        }
        catch (ExternalDatabaseException e)
        {
            Session.Log.Write($"refresh of {Description} failed: {e.Message}");
        }
        catch (ObjectDisposedException)
        {
            _timer?.Dispose();
        }
    }

    internal void Add(ExternalTable table)
    {
        lock (_lock) _tables.Add(table);
    }

    /// <summary>Stops the refresh timer and closes the connections.</summary>
    public void Dispose()
    {
        _timer?.Dispose();
        Client.Dispose();
    }

    /// <inheritdoc/>
    public override string ToString() => Description;
}

/// <summary>DirectQuery on a session: connect to a database, add its tables, build cubes over them as over any table.</summary>
public static class DirectQuerySession
{
    /// <summary>
    /// Connects to a database (<see cref="PostgresConnectionInfo"/>, <see cref="DuckDbConnectionInfo"/>,
    /// <see cref="ClickHouseConnectionInfo"/>); nothing is read until its catalog or tables are asked for.
    /// </summary>
    public static ExternalDatabase ConnectToExternalDatabase(this Session session, ExternalConnectionInfo connection)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(connection);
        return new ExternalDatabase(session, connection.Connect());
    }

    /// <summary>
    /// Adds a table whose rows stay in the database: usable everywhere a table is (joins among
    /// tables of the same database, cubes, hierarchies, measures); loads into it are refused.
    /// <paramref name="columns"/> keeps only these columns (all by default); <paramref name="keys"/> are
    /// its key columns (a joined table needs them unique, as the database's rows are read by key).
    /// </summary>
    public static Table AddExternalTable(this Session session, ExternalTableInfo table, string? tableName = null, IReadOnlyList<string>? keys = null, IReadOnlyList<string>? columns = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(table);
        if (table.Database.Session != session) throw new ArgumentException($"{table} belongs to a database connected to another session.", nameof(table));
        var chosen = columns is null ? table.Columns : [.. columns.Select(name => table.Columns.FirstOrDefault(c => c.Name == name)
            ?? throw new ArgumentException($"{table} of {table.Database.Description} has no column '{name}' of a type Cuboid reads. Its columns: {string.Join(", ", table.Columns.Select(c => c.Name))}.", nameof(columns)))];
        if (chosen.Count == 0) throw new ArgumentException($"{table} has no column of a type Cuboid reads.", nameof(table));
        var binding = new ExternalTable(table.Database, table, chosen);
        var types = new Dictionary<string, DataType>();
        foreach (var column in chosen) types[column.Name] = column.DataType;
        binding.Table = session.AddTable(tableName ?? table.Name, types, keys, null, binding);
        table.Database.Add(binding);
        return binding.Table;
    }
}
