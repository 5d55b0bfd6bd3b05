namespace Cuboid;

/// <summary>How to start a <see cref="Session"/>. Immutable: change it with <c>with</c>.</summary>
public sealed record SessionConfig
{
    /// <summary>
    /// The session's name. Starting a session with the name of a running one closes the older
    /// one, as Atoti does; null opts out.
    /// </summary>
    public string? Name { get; init; } = "Unnamed";

    /// <summary>The web app's port (0: a free port). Used by the server once it exists.</summary>
    public int Port { get; init; }

    /// <summary>Where the session writes its log (rejected rows, commits); no file when null.</summary>
    public string? LogsPath { get; init; }
}
