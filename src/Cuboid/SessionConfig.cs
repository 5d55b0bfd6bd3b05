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

    /// <summary>Where the session writes its log as text (rejected rows, commits, loads, queries, the server's URL); no file when null. The short form of <see cref="Logging"/> with a file destination.</summary>
    public string? LogsPath { get; init; }

    /// <summary>Where and how the session logs (<see cref="LoggingConfig"/>: standard output or error, or a file; a level; text or JSON). Nothing is logged when both this and <see cref="LogsPath"/> are null.</summary>
    public LoggingConfig? Logging { get; init; }

    /// <summary>What the server exports of the session's traces and metrics (<see cref="TelemetryConfig"/>: Prometheus, OTLP); nothing when null. Needs <see cref="Port"/>.</summary>
    public TelemetryConfig? Telemetry { get; init; }

    /// <summary>The languages the web app and the API's captions speak (<see cref="I18nConfig"/>: a default locale, translation files); English names when null.</summary>
    public I18nConfig? I18n { get; init; }

    /// <summary>
    /// Plug-in assemblies (paths of .dll files, Atoti's <c>extra_jars</c>) whose public classes implementing
    /// <see cref="IMeasureFunction"/> or <see cref="IAggregationFunction"/> join <see cref="Session.Functions"/> at start: C#,
    /// model files and MDX then use them by name. A file that is missing, not an assembly, or holds no such class, a class
    /// without a public parameterless constructor or a name taken already stops the start with an error naming it.
    /// </summary>
    public IReadOnlyList<string> ExtraAssemblies { get; init; } = [];

    /// <summary>
    /// Extensions of the web app, by name: each a folder (an extension's built <c>dist</c>) whose <c>index.js</c> is an ES
    /// module the app imports after login and hands its extension API (widget types, menu items on cells, title bar
    /// buttons, queries, the current selection; see docs/extensions.md). Served under <c>/extensions/{name}/</c>.
    /// </summary>
    public IReadOnlyDictionary<string, string> AppExtensions { get; init; } = new Dictionary<string, string>();

    /// <summary>The web app's title, logos, tab icon and accent colour (<see cref="BrandingConfig"/>); Cuboid's own when null.</summary>
    public BrandingConfig? Branding { get; init; }

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
    /// Whether the columns of the chunks a commit writes are packed: integers, dates and string codes
    /// in 1, 2 or 4 bytes a value from the chunk's smallest, doubles too when they are decimals of
    /// at most four places. On by default; false keeps plain arrays (loads a little faster, holds
    /// two to three times the bytes).
    /// </summary>
    public bool CompressColumns { get; init; } = true;

    /// <summary>
    /// The most the session may hold (Atoti's <c>-Xmx</c>), as <see cref="Session.Memory"/> estimates it:
    /// a load that would take it past the limit fails, naming the table and the estimate, and leaves
    /// everything as it was. Null: no limit.
    /// </summary>
    public long? MaxMemory { get; init; }

    /// <summary>
    /// The address the server listens on: <c>localhost</c> (the default: this machine only), an IP
    /// address, or <c>0.0.0.0</c> / <c>::</c> to serve the network. Serving beyond this machine without
    /// <see cref="Authentication"/> lets anyone who reaches it read every fact: the session warns.
    /// </summary>
    public string Host { get; init; } = "localhost";

    /// <summary>
    /// The host names the server answers to (the <c>Host</c> header); any other is refused, so a page
    /// on another name that resolves to this machine (DNS rebinding) cannot use the session. By default
    /// (null) the names of the loopback interface when the server listens there — localhost, 127.0.0.1
    /// and [::1] — and any name when it listens on the network.
    /// </summary>
    public IReadOnlyList<string>? AllowedHosts { get; init; }

    /// <summary>
    /// The addresses of reverse proxies in front of the server (<c>["127.0.0.1"]</c> for one on this machine): their
    /// <c>X-Forwarded-For</c>, <c>-Proto</c> and <c>-Host</c> headers then give the client's address (for logs and
    /// failed-login throttling), scheme and host name. Other senders' forwarded headers are ignored. None by default.
    /// </summary>
    public IReadOnlyList<string> TrustedProxies { get; init; } = [];

    /// <summary>How users log in (<see cref="BasicAuthenticationConfig"/>); null serves anyone who can reach the server.</summary>
    public AuthenticationConfig? Authentication { get; init; }

    /// <summary>The tokens issued after a login and accepted as <c>Authorization: Bearer</c>; with <see cref="Authentication"/> set and this null, a key is generated at start.</summary>
    public JwtConfig? Jwt { get; init; }

    /// <summary>Logs in users who present a client certificate signed by a trusted authority (needs <see cref="Https"/>).</summary>
    public ClientCertificateConfig? ClientCertificate { get; init; }

    /// <summary>Serves HTTPS with this certificate instead of HTTP.</summary>
    public HttpsConfig? Https { get; init; }

    /// <summary>The <c>SameSite</c> attribute of the session's cookies; <see cref="Cuboid.SameSite.None"/> needs <see cref="Https"/>.</summary>
    public SameSite SameSite { get; init; } = SameSite.Lax;

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
