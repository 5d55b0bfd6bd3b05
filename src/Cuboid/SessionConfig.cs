namespace Cuboid;

/// <summary>How to start a <see cref="Session"/>. Immutable: change it with <c>with</c>.</summary>
public sealed record SessionConfig
{
    /// <summary>
    /// The session's name. Starting a session with the name of a running one closes the older
    /// one, as Atoti does; null opts out.
    /// </summary>
    public string? Name { get; init; } = "Unnamed";

    /// <summary>
    /// The port the web app and its API are served on: 0 (the default) picks a free port, null
    /// serves nothing (a headless session, for tests and batch jobs). Serving needs the
    /// Cuboid.Server assembly in the application; without it the session is headless.
    /// </summary>
    public int? Port { get; init; } = 0;

    /// <summary>Where the session writes its log (rejected rows, commits, the server's URL); no file when null.</summary>
    public string? LogsPath { get; init; }

    /// <summary>
    /// A SQLite file holding the web app's user content (dashboards, widgets, saved filters), so
    /// it survives a restart; null keeps it in memory.
    /// </summary>
    public string? UserContentStorage { get; init; }

    /// <summary>
    /// The most memory each cube's aggregate cache may hold, in bytes (estimated from its arrays):
    /// past it, the least recently used results are dropped. 512 MB by default.
    /// </summary>
    public long AggregateCacheBytes { get; init; } = 512L << 20;

    /// <summary>
    /// The host names the server answers to (the <c>Host</c> header); any other is refused, so a page
    /// on another name that resolves to this machine (DNS rebinding) cannot use the session. By default
    /// the names of the loopback interface the server listens on: localhost, 127.0.0.1 and [::1].
    /// </summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = ["localhost", "127.0.0.1", "[::1]"];

    /// <summary>
    /// Origins (<c>https://portal.example.com</c>) of other sites whose pages may send state-changing
    /// requests and open WebSockets to the session; its own pages always may. None by default.
    /// </summary>
    public IReadOnlyList<string> AllowedOrigins { get; init; } = [];

    /// <summary>
    /// Whether the session answers its API as soon as it serves (true, the default). A program that
    /// loads data after starting the session starts it not ready — its API answers 503 with
    /// Retry-After instead of an empty or half-built cube — and sets <see cref="Session.Ready"/> once loaded.
    /// </summary>
    public bool Ready { get; init; } = true;

    /// <summary>The ceilings of the queries clients send to the server: time, cells, set sizes, drillthrough rows.</summary>
    public RequestLimits RequestLimits { get; init; } = new();
}
