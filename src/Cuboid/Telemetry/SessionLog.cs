using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Serilog;
using Serilog.Formatting.Compact;

namespace Cuboid;

/// <summary>
/// The session's logger (<see cref="SessionConfig.Logging"/>, or a text file at
/// <see cref="SessionConfig.LogsPath"/>): Microsoft.Extensions.Logging's console provider for
/// standard output and error, Serilog's file sink for a file. Thread-safe; logs nothing when
/// neither is set.
/// </summary>
internal sealed class SessionLog : IDisposable
{
    private readonly ILoggerFactory _factory;

    public SessionLog(LoggingConfig? config)
    {
        _factory = config is null ? NullLoggerFactory.Instance : LoggerFactory.Create(builder => Configure(builder, config));
        Logger = _factory.CreateLogger("Cuboid");
    }

    public Microsoft.Extensions.Logging.ILogger Logger { get; }

    /// <summary>A free-form record (commits, rejected rows, the server's address and warnings).</summary>
    public void Write(string message) => SessionEvents.Message(Logger, message);

    private static void Configure(ILoggingBuilder builder, LoggingConfig config)
    {
        builder.SetMinimumLevel(config.Level);
        var json = config.Format == LogFormat.Json;
        if (config.Destination is LoggingConfig.Stdout or LoggingConfig.Stderr)
        {
            builder.AddConsole(o =>
            {
                o.FormatterName = json ? ConsoleFormatterNames.Json : ConsoleFormatterNames.Simple;
                o.LogToStandardErrorThreshold = config.Destination == LoggingConfig.Stderr ? LogLevel.Trace : LogLevel.None;
            });
            builder.AddSimpleConsole(o => (o.SingleLine, o.UseUtcTimestamp, o.TimestampFormat) = (true, true, "yyyy-MM-ddTHH:mm:ss.fffZ "));
            builder.AddJsonConsole(o => (o.UseUtcTimestamp, o.TimestampFormat) = (true, "yyyy-MM-ddTHH:mm:ss.fffZ"));
            return;
        }
        // Serilog's provider lets every record through to Serilog (its own rule), which filters by its own level.
        var file = new LoggerConfiguration().MinimumLevel.Is(config.Level switch
        {
            LogLevel.Trace => Serilog.Events.LogEventLevel.Verbose,
            LogLevel.Debug => Serilog.Events.LogEventLevel.Debug,
            LogLevel.Information => Serilog.Events.LogEventLevel.Information,
            LogLevel.Warning => Serilog.Events.LogEventLevel.Warning,
            LogLevel.Error => Serilog.Events.LogEventLevel.Error,
            _ => Serilog.Events.LogEventLevel.Fatal,
        });
        var sink = json
            ? file.WriteTo.File(new CompactJsonFormatter(), config.Destination, shared: true)
            : file.WriteTo.File(config.Destination, outputTemplate: "{Timestamp:yyyy-MM-ddTHH:mm:ss.fffzzz} {Level:u3} {Message:lj}{NewLine}{Exception}",
                formatProvider: System.Globalization.CultureInfo.InvariantCulture, shared: true);
        builder.AddSerilog(sink.CreateLogger(), dispose: true);
    }

    public void Dispose() => _factory.Dispose();
}

/// <summary>The session's log records, by event id (source-generated: no formatting unless the level is on).</summary>
internal static partial class SessionEvents
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Text}")]
    public static partial void Message(Microsoft.Extensions.Logging.ILogger logger, string text);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "loaded {Rows} rows into '{Table}', {Rejected} rejected, in {Milliseconds} ms")]
    public static partial void Loaded(Microsoft.Extensions.Logging.ILogger logger, string table, long rows, int rejected, long milliseconds);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "query on cube '{Cube}' by {User}: {Rows} rows in {Milliseconds} ms, {CacheHits} aggregates from the cache")]
    public static partial void Query(Microsoft.Extensions.Logging.ILogger logger, string cube, string user, int rows, long milliseconds, long cacheHits);

    /// <summary>A login to the web app's session (the form's, or a provider's): the user and how, never the password.</summary>
    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "login of user '{User}' by {Source} from {Address}")]
    public static partial void Login(Microsoft.Extensions.Logging.ILogger logger, string user, string source, string address);
}
