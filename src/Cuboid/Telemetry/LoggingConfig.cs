using Microsoft.Extensions.Logging;

namespace Cuboid;

/// <summary>How log records are written: one line of text each, or one JSON object each (for log collectors).</summary>
public enum LogFormat
{
    /// <summary>A timestamp, the level and the message, one line a record.</summary>
    Text,

    /// <summary>One JSON object a line, the message's values as properties.</summary>
    Json,
}

/// <summary>
/// Where and how the session logs (Atoti's <c>logging</c>): starts, loads (rows, rejected rows,
/// time), commits, queries (cube, user, time, rows, aggregates taken from the cache), errors with
/// their ids, the server's warnings. Built on Microsoft.Extensions.Logging; never passwords.
/// </summary>
public sealed record LoggingConfig
{
    /// <summary>The <see cref="Destination"/> that writes to the process's standard output.</summary>
    public const string Stdout = "stdout";

    /// <summary>The <see cref="Destination"/> that writes to the process's standard error.</summary>
    public const string Stderr = "stderr";

    /// <summary><see cref="Stdout"/>, <see cref="Stderr"/> or the path of a file (appended to). Standard output by default.</summary>
    public string Destination { get; init; } = Stdout;

    /// <summary>The least severe records written: <see cref="LogLevel.Information"/> by default (queries and loads included); <see cref="LogLevel.Warning"/> keeps warnings and errors only.</summary>
    public LogLevel Level { get; init; } = LogLevel.Information;

    /// <summary>Text lines (the default) or JSON objects.</summary>
    public LogFormat Format { get; init; } = LogFormat.Text;
}
