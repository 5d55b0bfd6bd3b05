using Cuboid.Storage;

namespace Cuboid;

public sealed partial class Session
{
    private readonly Lock _writeLock = new();
    private volatile DataVersion _current = DataVersion.Initial;

    /// <summary>The newest published data; queries read one version from start to end.</summary>
    internal DataVersion Current => _current;

    /// <summary>
    /// Runs a change under the session's write lock and publishes its result as the next version.
    /// Writers are serialized; readers are never blocked and never see a half-applied change.
    /// </summary>
    internal T Commit<T>(Func<CommitContext, T> change)
    {
        CommittedEventArgs? published = null;
        T result;
        lock (_writeLock)
        {
            ThrowIfClosed();
            var context = new CommitContext(_current, _current.Epoch + 1, DateTime.UtcNow);
            result = change(context);
            if (context.Changes.Count == 0) return result;
            var next = new DataVersion(context.Epoch, _current.Tables.SetItems(context.Changes), context.CommittedAt);
            foreach (var cube in _cubes.Values) cube.Refresh(next);   // joins are resolved here, not per query
            _current = next;
            _log.Write($"commit {next.Epoch}: {string.Join(", ", context.Changes.Select(c => $"{c.Key.Name} ({c.Value.RowCount} rows)"))}");
            published = new CommittedEventArgs(next.Epoch, [.. context.Changes.Keys.Select(t => t.Name)]);
        }
        // Outside the lock: listeners (live queries) read the new version and must not block writers.
        RaiseCommitted(published);
        return result;
    }
}

/// <summary>What a commit is building: the version it starts from and the table versions it changes.</summary>
internal sealed class CommitContext(DataVersion basis, long epoch, DateTime committedAt)
{
    public DataVersion Basis { get; } = basis;
    public long Epoch { get; } = epoch;
    public DateTime CommittedAt { get; } = committedAt;
    public long Timestamp => CommittedAt.Ticks;
    public Dictionary<TableStore, TableVersion> Changes { get; } = [];

    public TableVersion this[TableStore table] => Changes.TryGetValue(table, out var v) ? v : Basis[table];
}
