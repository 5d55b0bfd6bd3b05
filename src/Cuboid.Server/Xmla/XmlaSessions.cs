using System.Collections.Concurrent;

namespace Cuboid.Server.Xmla;

/// <summary>
/// XMLA sessions (the BeginSession, Session and EndSession headers): ids handed out and checked.
/// A session holds no state of its own here (every request carries its properties); it is kept so
/// that clients which open one get it back, and forgotten after an hour unused or at EndSession.
/// </summary>
internal sealed class XmlaSessions
{
    private const int MaxSessions = 10_000;
    private static readonly TimeSpan s_idle = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<string, DateTime> _sessions = new(StringComparer.Ordinal);

    /// <summary>The session id to answer with (a new one for BeginSession); an unknown id is refused.</summary>
    public string? Track(XmlaRequest request)
    {
        var now = DateTime.UtcNow;
        if (request.BeginSession)
        {
            if (_sessions.Count >= MaxSessions)
            {
                foreach (var (id, seen) in _sessions) if (now - seen > s_idle) _sessions.TryRemove(id, out _);
                if (_sessions.Count >= MaxSessions) throw new XmlaException("XMLA.TooManySessions", "Too many XMLA sessions are open; end some (EndSession) or retry later.");
            }
            var created = Guid.NewGuid().ToString("D");
            _sessions[created] = now;
            return created;
        }
        if (request.SessionId is not { Length: > 0 } sessionId) return null;
        if (!_sessions.TryGetValue(sessionId, out var last) || now - last > s_idle)
        {
            _sessions.TryRemove(sessionId, out _);
            throw new XmlaException("XMLA.InvalidSession", $"XMLA session '{sessionId}' does not exist or has expired; begin a new one.");
        }
        if (request.EndSession)
        {
            _sessions.TryRemove(sessionId, out _);
            return null;
        }
        _sessions[sessionId] = now;
        return sessionId;
    }
}
