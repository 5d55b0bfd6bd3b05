using DuckDB.NET.Data;
using Npgsql;
using Cuboid.Tests.Support;

namespace Cuboid.Tests.DirectQuery;

/// <summary>Where a <see cref="ShopData"/> copy lives: a DuckDB file, a PostgreSQL database, a ClickHouse database; and SQL run there behind Cuboid's back.</summary>
public abstract class ShopTarget : IDisposable
{
    public abstract string Schema { get; }

    /// <summary>Copies the tables and says how to connect to them.</summary>
    public abstract ExternalConnectionInfo Copy(IEnumerable<Table> tables);

    public abstract void Execute(string sql);

    /// <summary>A date literal in the database's SQL.</summary>
    public virtual string DateLiteral(string text) => $"DATE '{text}'";

    public virtual void Dispose() => GC.SuppressFinalize(this);
}

public sealed class DuckDbTarget : ShopTarget
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"cuboid-shop-{Guid.NewGuid():N}.duckdb");

    public override string Schema => "main";

    public override ExternalConnectionInfo Copy(IEnumerable<Table> tables)
    {
        TableCopies.ToDuckDb(tables, _path);
        return new DuckDbConnectionInfo(_path);
    }

    public override void Execute(string sql)
    {
        using var connection = new DuckDBConnection($"Data Source={_path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public override void Dispose()
    {
        File.Delete(_path);
        base.Dispose();
    }
}

/// <summary>A database of its own in a shared PostgreSQL server.</summary>
public sealed class PostgresTarget(PostgresServer server) : ShopTarget
{
    private readonly string _connectionString = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = $"shop_{Guid.NewGuid():N}" }.ConnectionString;

    public override string Schema => "public";

    public override ExternalConnectionInfo Copy(IEnumerable<Table> tables)
    {
        using (var admin = new NpgsqlConnection(server.ConnectionString))
        {
            admin.Open();
            using var create = admin.CreateCommand();
            create.CommandText = $"CREATE DATABASE \"{new NpgsqlConnectionStringBuilder(_connectionString).Database}\"";
            create.ExecuteNonQuery();
        }
        TableCopies.ToPostgres(tables, _connectionString);
        return new PostgresConnectionInfo(_connectionString);
    }

    public override void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

/// <summary>A database of its own in a shared ClickHouse server.</summary>
public sealed class ClickHouseTarget(ClickHouseServer server) : ShopTarget
{
    private readonly string _database = $"shop_{Guid.NewGuid():N}";

    public override string Schema => _database;

    public override ExternalConnectionInfo Copy(IEnumerable<Table> tables)
    {
        TableCopies.ClickHouse(server.Url, $"CREATE DATABASE {_database}");
        TableCopies.ToClickHouse(tables, new Uri(server.Url, $"/?database={_database}"));
        return new ClickHouseConnectionInfo(server.Url) { Database = _database };
    }

    public override void Execute(string sql) => TableCopies.ClickHouse(new Uri(server.Url, $"/?database={_database}"), sql);

    public override string DateLiteral(string text) => $"toDate('{text}')";
}
