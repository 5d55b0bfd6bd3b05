using System.Collections.Concurrent;
using Cuboid.Storage;

namespace Cuboid;

/// <summary>
/// The entry point: a session holds tables and the cubes over them, and answers queries.
/// Start one with <see cref="Start(SessionConfig?)"/>; dispose it (or <see cref="Close"/>) to free everything.
/// Partial files by concern: Session.Tables.cs, Session.Cubes.cs, Session.Commit.cs, Session.Mdx.cs,
/// Session.Server.cs (the web server seam).
/// </summary>
[Notebooks.TypeFormatterSource(typeof(Notebooks.NotebookFormatters))]
public sealed partial class Session : IDisposable
{
    private static readonly ConcurrentDictionary<string, Session> s_running = new(StringComparer.Ordinal);
    private static int s_started;
    private readonly SessionLog _log;

    private Session(SessionConfig config, Translations translations)
    {
        Config = config;
        Translations = translations;
        Ready = config.Ready;
        _log = new SessionLog(config.Logging ?? (config.LogsPath is { } path ? new LoggingConfig { Destination = path } : null));
    }

    /// <summary>The configuration the session started with.</summary>
    public SessionConfig Config { get; }

    /// <summary>The users and roles of the session's server (<see cref="SessionConfig.Authentication"/>).</summary>
    public SessionSecurity Security { get; } = new();

    /// <summary>The session's number among those the process started (1, 2…): its telemetry's tag when it has no name.</summary>
    internal int Number { get; } = Interlocked.Increment(ref s_started);

    /// <summary>The name given in <see cref="SessionConfig.Name"/>.</summary>
    public string? Name => Config.Name;

    /// <summary>True once closed.</summary>
    public bool Closed { get; private set; }

    /// <summary>The file the session writes its log to, or null (no log, or standard output or error).</summary>
    public string? LogsPath => Config.Logging is { Destination: var destination } ? destination is LoggingConfig.Stdout or LoggingConfig.Stderr ? null : destination : Config.LogsPath;

    /// <summary>Starts a session; a running session with the same name is closed first.</summary>
    public static Session Start(SessionConfig? config = null)
    {
        config ??= new SessionConfig();
        if (config.SameSite == SameSite.None && config.Https is null)
        {
            throw new ArgumentException("SameSite None sends the session's cookies from other sites, which browsers allow over HTTPS only: set SessionConfig.Https too.", nameof(config));
        }
        if (config.Logging is not null && config.LogsPath is not null)
        {
            throw new ArgumentException("Set either SessionConfig.LogsPath (a text file) or SessionConfig.Logging, not both.", nameof(config));
        }
        if (config.Telemetry is not null && config.Port is null)
        {
            throw new ArgumentException("SessionConfig.Telemetry is exported by the session's server: set SessionConfig.Port too, or collect CuboidTelemetry.Name with an OpenTelemetry SDK of the application's own.", nameof(config));
        }
        if (config.ClientCertificate is not null && config.Https is null)
        {
            throw new ArgumentException("Client certificates are presented over TLS: SessionConfig.ClientCertificate needs SessionConfig.Https too.", nameof(config));
        }
        config.Branding?.Validate();
        AppExtensionFolders.Validate(config.AppExtensions);
        var session = new Session(config, Translations.Load(config.I18n));
        foreach (var assembly in config.ExtraAssemblies) session.Functions.AddAssembly(assembly);
        if (session.Name is { } name)
        {
            s_running.AddOrUpdate(name, session, (_, older) =>
            {
                older.Close();
                return session;
            });
        }
        session._log.Write($"session '{session.Name}' started");
        CuboidTelemetry.Register(session);
        try
        {
            session.StartHost();
        }
        catch
        {
            session.Close();
            throw;
        }
        return session;
    }

    /// <summary>Closes the session: its tables and cubes are dropped and its name is free again.</summary>
    public void Close()
    {
        lock (_writeLock)
        {
            if (Closed) return;
            Closed = true;
            _tables.Clear();
            _cubes.Clear();
            _current = DataVersion.Initial;
        }
        if (Name is { } name) s_running.TryRemove(new KeyValuePair<string, Session>(name, this));
        CuboidTelemetry.Unregister(this);
        StopHost();
        _log.Write("session closed");
        _log.Dispose();
    }

    /// <inheritdoc/>
    public void Dispose() => Close();

    internal SessionLog Log => _log;

    /// <summary>The measure and aggregation functions formulas, model files and MDX call by name: the built-in math functions and the plug-ins' (<see cref="SessionConfig.ExtraAssemblies"/>).</summary>
    public SessionFunctions Functions { get; } = new();

    /// <summary>The translation files of <see cref="SessionConfig.I18n"/>, read at start.</summary>
    internal Translations Translations { get; }

    /// <summary>Captions for a locale or an <c>Accept-Language</c> value (the session's best offer); names as they are for null.</summary>
    internal Captions CaptionsFor(string? locale) => locale is null ? Captions.Untranslated : Translations.For(Translations.Resolve(locale));

    private void ThrowIfClosed() => ObjectDisposedException.ThrowIf(Closed, this);
}
