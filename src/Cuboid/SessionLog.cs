namespace Cuboid;

/// <summary>The session's log file: commits and rejected rows. Thread-safe; a no-op without a path.</summary>
internal sealed class SessionLog(string? path) : IDisposable
{
    private readonly Lock _lock = new();
    private StreamWriter? _writer = path is null ? null : new StreamWriter(path, append: true) { AutoFlush = true };

    public void Write(string message)
    {
        lock (_lock) _writer?.WriteLine($"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} {message}");
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _writer?.Dispose();
            _writer = null;
        }
    }
}
