using System.Collections.Immutable;
using Cuboid.Storage;

namespace Cuboid;

public sealed partial class Session
{
    /// <summary>The name of the base scenario: the data every query reads unless it names another.</summary>
    public const string BaseScenario = "Base";

    private readonly Lock _writeLock = new();
    private volatile DataVersion _current = DataVersion.Initial;
    private ImmutableDictionary<string, DataVersion> _branches = ImmutableDictionary.Create<string, DataVersion>(StringComparer.Ordinal);
    private long _lastEpoch;
    private Transaction? _transaction;

    /// <summary>The newest published data of the base scenario; queries read one version from start to end.</summary>
    internal DataVersion Current => _current;

    /// <summary>The newest published data of a scenario.</summary>
    internal DataVersion VersionOf(string scenario)
    {
        if (scenario == BaseScenario) return _current;
        return _branches.TryGetValue(scenario, out var version) ? version
            : throw new KeyNotFoundException($"Session '{Name}' has no scenario '{scenario}'. Its scenarios: {string.Join(", ", Scenarios)}.");
    }

    /// <summary>
    /// Runs a change under the session's write lock and publishes its result as the next version
    /// of <paramref name="scenario"/>. Writers are serialized; readers are never blocked and never
    /// see a half-applied change. Inside a transaction the change joins it instead, and is
    /// published (or forgotten) with it.
    /// </summary>
    internal T Commit<T>(Func<CommitContext, T> change, string scenario = BaseScenario)
    {
        CommittedEventArgs? published;
        T result;
        lock (_writeLock)
        {
            ThrowIfClosed();
            if (_transaction is { } open)   // only its own thread can be here while it is open
            {
                if (open.Scenario != scenario)
                {
                    throw new InvalidOperationException($"The open transaction writes scenario '{open.Scenario}'; a change to scenario '{scenario}' cannot join it.");
                }
                return change(open.Context);
            }
            var context = NewContext(scenario);
            result = change(context);
            published = Publish(context);
        }
        // Outside the lock: listeners (live queries) read the new version and must not block writers.
        if (published is not null) RaiseCommitted(published);
        return result;
    }

    private CommitContext NewContext(string scenario) => new(VersionOf(scenario), scenario, ++_lastEpoch, DateTime.UtcNow);

    /// <summary>Publishes a context's changes (under the write lock); what to tell the listeners once the lock is released.</summary>
    private CommittedEventArgs? Publish(CommitContext context)
    {
        if (context.Changes.Count == 0) return null;
        var basis = VersionOf(context.Scenario);
        var next = new DataVersion(context.Epoch, basis.Tables.SetItems(context.Changes), context.CommittedAt);
        if (context.Scenario == BaseScenario)
        {
            foreach (var cube in _cubes.Values) cube.Refresh(next);   // joins are resolved here, not per query
            _current = next;
        }
        else
        {
            _branches = _branches.SetItem(context.Scenario, next);
        }
        _log.Write($"commit {next.Epoch}{(context.IsBranch ? $" (scenario '{context.Scenario}')" : "")}: {string.Join(", ", context.Changes.Select(c => $"{c.Key.Name} ({c.Value.RowCount} rows)"))}");
        return new CommittedEventArgs(next.Epoch, [.. context.Changes.Keys.Select(t => t.Name)], context.Scenario);
    }

    /// <summary>
    /// Opens a transaction on <paramref name="scenario"/>: the loads and drops this thread makes on
    /// any table until <see cref="Transaction.Commit"/> are published together, as one version;
    /// <see cref="Transaction.Dispose"/> without a commit (an exception, say) forgets them all. Other
    /// writers wait until it ends; readers keep reading the last published version. One transaction
    /// at a time per session: opening another on the same thread is an error.
    /// </summary>
    public Transaction StartTransaction(string scenario = BaseScenario)
    {
        if (_writeLock.IsHeldByCurrentThread && _transaction is { } open)
        {
            throw new InvalidOperationException($"A transaction on scenario '{open.Scenario}' is already open on this thread: transactions do not nest; commit or dispose it first.");
        }
        _writeLock.Enter();
        try
        {
            ThrowIfClosed();
            return _transaction = new Transaction(this, NewContext(scenario));
        }
        catch
        {
            _writeLock.Exit();
            throw;
        }
    }

    /// <summary>Ends the open transaction (on its own thread): publishes it, or rolls it back.</summary>
    internal void End(Transaction transaction, bool commit)
    {
        if (_transaction != transaction || !_writeLock.IsHeldByCurrentThread)
        {
            throw new InvalidOperationException("This transaction is not the open one of this thread (it ended already, or belongs to another thread).");
        }
        CommittedEventArgs? published = null;
        try
        {
            if (commit)
            {
                published = Publish(transaction.Context);
            }
            else if (transaction.Scenario == BaseScenario)
            {
                // Loads maintained the base tables' key indexes as they went: bring them back to the published rows.
                foreach (var store in transaction.Context.Changes.Keys) store.RebuildKeyIndex(_current[store]);
            }
        }
        finally
        {
            _transaction = null;
            _writeLock.Exit();
        }
        if (published is not null) RaiseCommitted(published);
    }
}

/// <summary>What a commit is building: the version it starts from and the table versions it changes.</summary>
internal sealed class CommitContext(DataVersion basis, string scenario, long epoch, DateTime committedAt)
{
    public DataVersion Basis { get; } = basis;
    public string Scenario { get; } = scenario;
    public long Epoch { get; } = epoch;
    public DateTime CommittedAt { get; } = committedAt;
    public long Timestamp => CommittedAt.Ticks;
    public Dictionary<TableStore, TableVersion> Changes { get; } = [];

    /// <summary>A scenario's version: its changes leave the base's key indexes alone.</summary>
    public bool IsBranch => Scenario != Session.BaseScenario;

    public TableVersion this[TableStore table] => Changes.TryGetValue(table, out var v) ? v : Basis[table];

    /// <summary>The data as this context sees it: the basis with its changes so far.</summary>
    public DataVersion View => Changes.Count == 0 ? Basis : new DataVersion(Epoch, Basis.Tables.SetItems(Changes), CommittedAt);
}
