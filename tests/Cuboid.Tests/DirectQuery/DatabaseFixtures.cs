using Cuboid.Tests.Support;

namespace Cuboid.Tests.DirectQuery;

/// <summary>FoodMart in a DuckDB file.</summary>
public sealed class DuckDbFoodMart : ExternalFoodMart
{
    public DuckDbFoodMart()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"cuboid-foodmart-{Guid.NewGuid():N}.duckdb");
        TableCopies.ToDuckDb(MemoryTables, Path);
        Build(new DuckDbConnectionInfo(Path), "main");
    }

    public string Path { get; }

    protected override void StopServer() => File.Delete(Path);
}

/// <summary>FoodMart in a private PostgreSQL server.</summary>
public sealed class PostgresFoodMart : ExternalFoodMart
{
    public PostgresFoodMart()
    {
        Server = new PostgresServer();
        TableCopies.ToPostgres(MemoryTables, Server.ConnectionString);
        Build(new PostgresConnectionInfo(Server.ConnectionString), "public");
    }

    public PostgresServer Server { get; }

    protected override void StopServer() => Server.Dispose();
}

/// <summary>FoodMart in a private ClickHouse 18.16 server.</summary>
public sealed class ClickHouseFoodMart : ExternalFoodMart
{
    public ClickHouseFoodMart()
    {
        Server = new ClickHouseServer();
        TableCopies.ToClickHouse(MemoryTables, Server.Url);
        Build(new ClickHouseConnectionInfo(Server.Url), "default");
    }

    public ClickHouseServer Server { get; }

    protected override void StopServer() => Server.Dispose();
}
