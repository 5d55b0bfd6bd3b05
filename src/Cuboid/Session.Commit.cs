using System.Collections.Immutable;
using Cuboid.Storage;

namespace Cuboid;

public sealed partial class Session
{
    /// <summary>The name of the base scenario: the data every query reads unless it names another.</summary>
    public const string BaseScenario = "Base";

    /// <summary>Guards the session's dictionaries and the publication of a version: held briefly, never while a change runs.</summary>
    private readonly Lock _writeLock = new();

    /// <summary>
    /// One writer at a time: a commit, or a transaction from its start to its end. Not bound to a
    /// thread (a transaction may await and end on another), unlike a lock.
    /// </summary>
    private readonly SemaphoreSlim _writer = new(1, 1);

    /// <summary>The transaction of the current async flow (set by StartTransaction in its caller's flow).</summary>
    private readonly AsyncLocal<TransactionSlot?> _ambient = new();

    private volatile DataVersion _current = DataVersion.Initial;
    private ImmutableDictionary<string, DataVersion> _branches = ImmutableDictionary.Create<string, DataVersion>(StringComparer.Ordinal);
    private long _lastEpoch;

    /// <summary>The open transaction, weakly: one that nothing references any more is abandoned, and its finalizer ends it.</summary>
    private WeakReference<Transaction>? _open;

    /// <summary>The newest published data of the base scenario; queries read one version from start to end.</summary>
    internal DataVersion Current => _current;

    /// <summary>The newest published data of a scenario.</summary>
    internal DataVersion VersionOf(string scenario)
    {
        if (scenario == BaseScenario) return _current;
        return _branches.TryGetValue(scenario, out var version) ? version
            : throw new KeyNotFoundException($"Session '{Name}' has no scenario '{scenario}'. Its scenarios: {string.Join(", ", Scenarios)}.");
    }

    /// <summary>The transaction this flow opened and has not ended, if any.</summary>
    private Transaction? Ambient => _ambient.Value?.Transaction;

    /// <summary>
    /// Runs a change as the session's one writer and publishes its result as the next version of
    /// <paramref name="scenario"/>. Writers are serialized; readers are never blocked and never see
    /// a half-applied change. Inside a transaction (this async flow's) the change joins it instead,
    /// and is published (or forgotten) with it.
    /// </summary>
    internal T Commit<T>(Func<CommitContext, T> change, string scenario = BaseScenario)
    {
        if (Ambient is { } open)
        {
            if (open.Scenario != scenario)
            {
                throw new InvalidOperationException($"The open transaction writes scenario '{open.Scenario}'; a change to scenario '{scenario}' cannot join it.");
            }
            ThrowIfClosed();
            return change(open.Context);
        }
        CommittedEventArgs? published;
        T result;
        EnterWriter();
        try
        {
            CommitContext context;
            lock (_writeLock)
            {
                ThrowIfClosed();
                context = NewContext(scenario);
            }
            result = change(context);
            published = Publish(context);
        }
        finally
        {
            _writer.Release();
        }
        // Outside the writer's turn: listeners (live queries) read the new version and must not block writers.
        if (published is not null) RaiseCommitted(published);
        return result;
    }

    /// <summary>
    /// Waits for the writer's turn. A transaction nothing references any more (its owner forgot to
    /// end it, or its thread died) would hold the turn forever: while waiting, the collector is asked
    /// now and then to find such a transaction, whose finalizer rolls it back and frees the turn.
    /// </summary>
    private void EnterWriter()
    {
        while (!_writer.Wait(s_abandonedCheck)) FindAbandoned();
    }

    private async Task EnterWriterAsync(CancellationToken cancellationToken)
    {
        while (!await _writer.WaitAsync(s_abandonedCheck, cancellationToken).ConfigureAwait(false)) FindAbandoned();
    }

    private static readonly TimeSpan s_abandonedCheck = TimeSpan.FromSeconds(2);

    private void FindAbandoned()
    {
        if (OpenOneCollected()) return;   // its finalizer is on its way
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }

    /// <summary>Apart, so that no stack slot of the method that collects holds the transaction it is looking for.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private bool OpenOneCollected() => _open is { } open && !open.TryGetTarget(out _);

    private CommitContext NewContext(string scenario) => new(VersionOf(scenario), scenario, ++_lastEpoch, DateTime.UtcNow);

    /// <summary>Publishes a context's changes (as the writer); what to tell the listeners once the turn is over.</summary>
    private CommittedEventArgs? Publish(CommitContext context)
    {
        lock (_writeLock)
        {
            ThrowIfClosed();
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
    }

    /// <summary>
    /// Opens a transaction on <paramref name="scenario"/>: the loads and drops made on any table in
    /// this async flow — on any thread, across <c>await</c>s — until <see cref="Transaction.Commit"/>
    /// are published together, as one version; <see cref="Transaction.Dispose"/> without a commit (an
    /// exception, say) forgets them all. Other writers wait until it ends; readers keep reading the
    /// last published version. One transaction at a time per session: opening another in the same
    /// flow is an error.
    /// </summary>
    public Transaction StartTransaction(string scenario = BaseScenario)
    {
        var slot = Claim();
        EnterWriter();
        return Open(slot, scenario);
    }

    /// <summary>
    /// <see cref="StartTransaction"/> without blocking a thread while another writer holds the turn:
    /// <c>await using var tx = await session.StartTransactionAsync();</c>.
    /// </summary>
    public ValueTask<Transaction> StartTransactionAsync(string scenario = BaseScenario, CancellationToken cancellationToken = default)
    {
        // Claimed here, in the caller's own flow (an async method's changes to it would not reach the caller).
        var slot = Claim();
        return OpenAsync(slot, scenario, cancellationToken);
    }

    private async ValueTask<Transaction> OpenAsync(TransactionSlot slot, string scenario, CancellationToken cancellationToken)
    {
        await EnterWriterAsync(cancellationToken).ConfigureAwait(false);
        return Open(slot, scenario);
    }

    /// <summary>This flow's slot for a transaction, refused when it holds an open one already.</summary>
    private TransactionSlot Claim()
    {
        if (Ambient is { } open)
        {
            throw new InvalidOperationException($"A transaction on scenario '{open.Scenario}' is already open here: transactions do not nest; commit or dispose it first.");
        }
        var slot = new TransactionSlot();
        _ambient.Value = slot;
        return slot;
    }

    /// <summary>With the writer's turn: the transaction, in its slot; the turn is given back if it cannot open.</summary>
    private Transaction Open(TransactionSlot slot, string scenario)
    {
        try
        {
            lock (_writeLock)
            {
                ThrowIfClosed();
                var transaction = new Transaction(this, NewContext(scenario), slot);
                slot.Transaction = transaction;
                _open = new WeakReference<Transaction>(transaction);
                return transaction;
            }
        }
        catch
        {
            _writer.Release();
            throw;
        }
    }

    /// <summary>
    /// Ends the open transaction, from any thread: publishes it, or rolls it back. A failed publication
    /// leaves it open (its owner may dispose it); the writer's turn is given back on every other path.
    /// </summary>
    internal void End(Transaction transaction, bool commit)
    {
        CommittedEventArgs? published = null;
        if (commit)
        {
            published = Publish(transaction.Context);   // throws with the transaction still open
        }
        else if (transaction.Scenario == BaseScenario && !Closed)
        {
            // Loads maintained the base tables' key indexes as they went: bring them back to the published rows.
            foreach (var store in transaction.Context.Changes.Keys) store.RebuildKeyIndex(_current[store]);
        }
        transaction.Slot.Transaction = null;
        _open = null;
        _writer.Release();
        if (published is not null) RaiseCommitted(published);
    }

    /// <summary>A transaction nothing referenced any more: rolled back (on the finalizer's thread), its turn given back.</summary>
    internal void Abandoned(Transaction transaction)
    {
        _log.Write($"transaction on scenario '{transaction.Scenario}' abandoned without commit or dispose: rolled back");
        End(transaction, commit: false);
    }
}

/// <summary>Where an async flow keeps its open transaction (the flow's AsyncLocal holds the slot; the slot, the transaction).</summary>
internal sealed class TransactionSlot
{
    public Transaction? Transaction { get; set; }
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
