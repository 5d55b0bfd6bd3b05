using Cuboid.Storage;

namespace Cuboid;

/// <summary>What one column of a table holds: its chunks' arrays and, for strings, its dictionary.</summary>
/// <param name="Name">The column.</param>
/// <param name="Type">Its type.</param>
/// <param name="Bytes">Its arrays (chunk capacity), its dictionary, and the decode tables of packed decimals.</param>
/// <param name="BytesPerRow">Bytes over the table's rows (0 for an empty table).</param>
public sealed record ColumnMemory(string Name, DataType Type, long Bytes, double BytesPerRow);

/// <summary>What one table holds in the base scenario's newest version.</summary>
/// <param name="Name">The table.</param>
/// <param name="Rows">Its live rows.</param>
/// <param name="Bytes">Its columns and key index.</param>
/// <param name="KeyIndexBytes">The key index (0 for a table without keys).</param>
/// <param name="Columns">Column by column.</param>
public sealed record TableMemory(string Name, long Rows, long Bytes, long KeyIndexBytes, IReadOnlyList<ColumnMemory> Columns);

/// <summary>What one aggregate provider holds (<see cref="Cube.AggregateProviders"/>).</summary>
/// <param name="Name">The provider.</param>
/// <param name="Cells">Its cells now.</param>
/// <param name="Bytes">Their member codes and aggregates.</param>
public sealed record ProviderMemory(string Name, int Cells, long Bytes);

/// <summary>What one cube holds besides the tables: its join maps and member codes, its aggregate cache and its aggregate providers.</summary>
/// <param name="Name">The cube.</param>
/// <param name="CacheBytes">The aggregate cache.</param>
/// <param name="Providers">Each aggregate provider.</param>
/// <param name="IndexBytes">The join maps (a row id per fact row and joined table) and the member codes its hierarchies keep by row (made as queries need them).</param>
public sealed record CubeMemory(string Name, long CacheBytes, IReadOnlyList<ProviderMemory> Providers, long IndexBytes)
{
    /// <summary>The join maps and member codes, the cache and the providers.</summary>
    public long Bytes => IndexBytes + CacheBytes + Providers.Sum(p => p.Bytes);
}

/// <summary>
/// What a session holds, estimated from its arrays (<see cref="Session.Memory"/>, Atoti's memory
/// monitoring): tables column by column, key indexes, the chunks only scenarios hold, cubes' caches and aggregate providers.
/// Estimates: object headers and the runtime's own memory are not counted.
/// </summary>
/// <param name="Bytes">Everything counted.</param>
/// <param name="MaxBytes">The session's limit (<see cref="SessionConfig.MaxMemory"/>), if any.</param>
/// <param name="Tables">Each table.</param>
/// <param name="ScenarioBytes">Chunks that scenarios hold and the base does not (rows changed in a scenario).</param>
/// <param name="Cubes">Each cube's cache and aggregate providers.</param>
public sealed record SessionMemory(long Bytes, long? MaxBytes, IReadOnlyList<TableMemory> Tables, long ScenarioBytes, IReadOnlyList<CubeMemory> Cubes)
{
    internal static SessionMemory Of(Session session, IEnumerable<Table> tables, DataVersion baseVersion, IEnumerable<DataVersion> scenarios, IEnumerable<Cube> cubes)
    {
        var tableList = tables.Select(t => TableOf(t, baseVersion[t.Store])).ToList();
        var baseChunks = new HashSet<Chunk>(baseVersion.Tables.Values.SelectMany(v => v.Chunks), ReferenceEqualityComparer.Instance);
        var scenarioChunks = new HashSet<Chunk>(scenarios.SelectMany(s => s.Tables.Values).SelectMany(v => v.Chunks).Where(c => !baseChunks.Contains(c)), ReferenceEqualityComparer.Instance);
        var scenarioBytes = scenarioChunks.Sum(ChunkBytes);
        var cubeList = cubes.Select(c => new CubeMemory(c.Name, c.CacheSize.Bytes,
            [.. c.AggregateProviders.Stores.Select(p => new ProviderMemory(p.Name, p.CellCount, p.Bytes))], c.IndexBytes)).ToList();
        return new SessionMemory(tableList.Sum(t => t.Bytes) + scenarioBytes + cubeList.Sum(c => c.Bytes), session.Config.MaxMemory, tableList, scenarioBytes, cubeList);
    }

    private static long ChunkBytes(Chunk chunk) => chunk.Columns.Sum(c => c.Bytes) + 8L * (chunk.Deleted?.Length ?? 0);

    private static TableMemory TableOf(Table table, TableVersion version)
    {
        var rows = version.RowCount;
        var columns = table.Store.Columns.Select(c =>
        {
            var bytes = version.Chunks.Sum(chunk => chunk.Columns[c.Index].Bytes) + (c.Dictionary?.Bytes ?? 0) + c.DecodeTableBytes;
            return new ColumnMemory(c.Name, c.Type, bytes, rows == 0 ? 0 : bytes / (double)rows);
        }).ToList();
        var keyIndex = table.Store.KeyIndex?.Bytes ?? 0;
        return new TableMemory(table.Name, rows, columns.Sum(c => c.Bytes) + keyIndex + version.Chunks.Sum(c => 8L * (c.Deleted?.Length ?? 0)), keyIndex, columns);
    }

    /// <summary>About the bytes rows of these types take once stored (strings as dictionary codes; arrays guessed at 32 bytes a row).</summary>
    internal static long RowBytes(IEnumerable<DataType> types) => types.Sum(t => t switch
    {
        DataType.Boolean => 1L,
        DataType.Int or DataType.Float or DataType.LocalDate or DataType.String => 4L,
        DataType.ZonedDateTime => 16L,
        _ when t.IsArray() => 32L,
        _ => 8L,
    });
}
