using System.Collections.Immutable;

namespace Cuboid.Storage;

/// <summary>
/// One published state of all the tables of a session. A reader takes the current one and reads
/// it from start to end, so it never sees part of a commit; a commit builds the next one and
/// swaps it in atomically.
/// </summary>
internal sealed class DataVersion(long epoch, ImmutableDictionary<TableStore, TableVersion> tables, DateTime committedAt)
{
    public static readonly DataVersion Initial = new(0, ImmutableDictionary<TableStore, TableVersion>.Empty, DateTime.UtcNow);

    public long Epoch { get; } = epoch;
    public DateTime CommittedAt { get; } = committedAt;
    public ImmutableDictionary<TableStore, TableVersion> Tables { get; } = tables;

    public TableVersion this[TableStore table] => Tables.GetValueOrDefault(table) ?? TableVersion.Empty;
}
