using Cuboid.Storage;

namespace Cuboid.Expressions;

/// <summary>
/// Where row-level calculations read: a base table (a cube's fact table, or the table a filter
/// applies to) in one data version, and for each joined table the row of that table that each
/// base row maps to. The maps are resolved at commit (see <c>Model.JoinResolver</c>); a calc
/// never probes a hash table per row.
/// </summary>
internal abstract class RowScope(TableStore baseTable, DataVersion version)
{
    public TableStore Base { get; } = baseTable;
    public DataVersion Version { get; } = version;

    /// <summary>
    /// For base chunk <paramref name="chunk"/>, the row id in <paramref name="table"/> of each base row
    /// (-1 when the join found no row); null when <paramref name="table"/> is the base table.
    /// </summary>
    public abstract int[]? RowsOf(TableStore table, int chunk);
}

/// <summary>A scope over a single table: its own columns only.</summary>
internal sealed class TableScope(TableStore table, DataVersion version) : RowScope(table, version)
{
    public override int[]? RowsOf(TableStore table, int chunk) =>
        table == Base ? null : throw new InvalidOperationException($"Table '{Base.Name}' cannot read columns of '{table.Name}' here.");
}

/// <summary>The chunk a calculation is working on, and its scope.</summary>
internal readonly struct ChunkView(RowScope scope, int index)
{
    public RowScope Scope { get; } = scope;
    public int Index { get; } = index;
    public Chunk Chunk => Scope.Version[Scope.Base].Chunks[Index];
    public int Count => Chunk.Count;

    /// <summary>The column data to read for <paramref name="column"/>, with the row map to apply (null: the rows are the chunk's own).</summary>
    public (TableVersion Table, int[]? Rows) Source(ColumnSchema column, TableStore table) =>
        (Scope.Version[table], Scope.RowsOf(table, Index));
}
