using Cuboid.DirectQuery.Dialects;
using Cuboid.DirectQuery.Sql;

namespace Cuboid;

/// <summary>How to reach a database for DirectQuery (<see cref="DirectQuerySession.ConnectToExternalDatabase"/>).</summary>
public abstract class ExternalConnectionInfo
{
    private protected ExternalConnectionInfo()
    {
    }

    internal abstract SqlClient Connect();
}

/// <summary>A PostgreSQL database (or one speaking its protocol: Citus, …) through Npgsql, with an Npgsql connection string.</summary>
public sealed class PostgresConnectionInfo(string connectionString) : ExternalConnectionInfo
{
    /// <summary>The Npgsql connection string (its password is never shown in errors or plans).</summary>
    public string ConnectionString { get; } = connectionString ?? throw new ArgumentNullException(nameof(connectionString));

    internal override SqlClient Connect()
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
#pragma warning disable CA2000 // the client owns the data source and disposes it
        var source = Npgsql.NpgsqlDataSource.Create(builder);
#pragma warning restore CA2000
        return new AdoClient(PostgresDialect.Instance, $"PostgreSQL database '{builder.Database}' at {builder.Host}:{builder.Port}", source.CreateConnection, source);
    }
}

/// <summary>A DuckDB database file, through DuckDB.NET.</summary>
public sealed class DuckDbConnectionInfo(string path) : ExternalConnectionInfo
{
    /// <summary>The database file.</summary>
    public string Path { get; } = path ?? throw new ArgumentNullException(nameof(path));

    /// <summary>
    /// DuckDB settings for its connections: DuckDB runs inside this process, so
    /// <c>["memory_limit"] = "300MB"</c> bounds what its aggregations hold (it spills to disk beyond),
    /// <c>["threads"] = "2"</c> what they use.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Settings { get; init; }

    internal override SqlClient Connect()
    {
        if (!File.Exists(Path)) throw new ExternalDatabaseException($"The DuckDB database file '{Path}' does not exist.");
        var builder = new DuckDB.NET.Data.DuckDBConnectionStringBuilder { DataSource = Path };
        foreach (var (name, value) in Settings ?? new Dictionary<string, string>()) builder[name] = value;
        var connectionString = builder.ConnectionString;
        return new AdoClient(DuckDbDialect.Instance, $"DuckDB database '{System.IO.Path.GetFileName(Path)}'", () => new DuckDB.NET.Data.DuckDBConnection(connectionString));
    }
}

/// <summary>A ClickHouse database through its HTTP interface (<c>http://host:8123</c>), from release 18.16 on.</summary>
public sealed class ClickHouseConnectionInfo(Uri url) : ExternalConnectionInfo
{
    /// <summary>The HTTP interface's address.</summary>
    public Uri Url { get; } = url ?? throw new ArgumentNullException(nameof(url));

    /// <summary>The database ("default" unless given).</summary>
    public string Database { get; init; } = "default";

    /// <summary>The user ("default" unless given).</summary>
    public string User { get; init; } = "default";

    /// <summary>The user's password (sent in a header, never shown in errors or plans).</summary>
    public string Password { get; init; } = "";

    internal override SqlClient Connect() => new ClickHouseClient(ClickHouseDialect.Instance, this);
}

/// <summary>A database did not answer, refused a statement, or a table or column it should have is gone. Names the database, never the values sent.</summary>
public sealed class ExternalDatabaseException : Exception
{
    /// <summary>An error with a message.</summary>
    public ExternalDatabaseException(string message) : base(message)
    {
    }

    /// <summary>An error with a message and its cause.</summary>
    public ExternalDatabaseException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>An error without a message.</summary>
    public ExternalDatabaseException()
    {
    }
}
