namespace Cuboid;

/// <summary>
/// Changes to several tables published together (<see cref="Session.StartTransaction"/>):
/// <c>using var t = session.StartTransaction(); a.Load(…); b.Drop(…); t.Commit();</c>. Disposing it
/// without <see cref="Commit"/> rolls every change back. It belongs to the async flow that opened
/// it, not to a thread: it may await and commit on another. One that is neither committed nor
/// disposed and that nothing references any more is rolled back when the collector finds it.
/// </summary>
public sealed class Transaction : IDisposable, IAsyncDisposable
{
    private readonly Session _session;
    private int _ended;

    internal Transaction(Session session, CommitContext context, TransactionSlot slot)
    {
        _session = session;
        Context = context;
        Slot = slot;
    }

    /// <summary>The scenario it writes.</summary>
    public string Scenario => Context.Scenario;

    internal CommitContext Context { get; }

    internal TransactionSlot Slot { get; }

    /// <summary>Publishes every change made in the transaction as one version. If publishing fails, the transaction stays open: dispose it.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA1816", Justification = "The finalizer reports an abandoned transaction; a committed one is not abandoned.")]
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _ended) != 0, this);
        _session.End(this, commit: true);
        Volatile.Write(ref _ended, 1);
        GC.SuppressFinalize(this);
    }

    /// <summary>Rolls back unless committed.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0) return;
        GC.SuppressFinalize(this);
        _session.End(this, commit: false);
    }

    /// <inheritdoc cref="Dispose"/>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA1816", Justification = "Dispose, which it calls, suppresses the finalizer.")]
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Abandoned: nothing references it and it never ended.</summary>
    ~Transaction()
    {
        if (Interlocked.Exchange(ref _ended, 1) == 0) _session.Abandoned(this);
    }
}
