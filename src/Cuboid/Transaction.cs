namespace Cuboid;

/// <summary>
/// Changes to several tables published together (<see cref="Session.StartTransaction"/>):
/// <c>using var t = session.StartTransaction(); a.Load(…); b.Drop(…); t.Commit();</c>. Disposing it
/// without <see cref="Commit"/> rolls every change back. It belongs to the thread that opened it.
/// </summary>
public sealed class Transaction : IDisposable
{
    private readonly Session _session;
    private bool _ended;

    internal Transaction(Session session, CommitContext context)
    {
        _session = session;
        Context = context;
    }

    /// <summary>The scenario it writes.</summary>
    public string Scenario => Context.Scenario;

    internal CommitContext Context { get; }

    /// <summary>Publishes every change made in the transaction as one version.</summary>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_ended, this);
        _ended = true;
        _session.End(this, commit: true);
    }

    /// <summary>Rolls back unless committed.</summary>
    public void Dispose()
    {
        if (_ended) return;
        _ended = true;
        _session.End(this, commit: false);
    }
}
