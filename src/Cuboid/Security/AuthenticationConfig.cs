namespace Cuboid;

/// <summary>
/// How users of the session's server prove who they are (<see cref="SessionConfig.Authentication"/>). With none
/// (the default) the server serves anyone who can reach it; with one, every route but the web app's static shell
/// refuses anonymous requests (401).
/// </summary>
public abstract record AuthenticationConfig;

/// <summary>
/// HTTP Basic: users and passwords kept by the session (<see cref="SessionSecurity.BasicAuthentication"/>),
/// passwords stored hashed. Over plain HTTP the password crosses the network readable: serve with
/// <see cref="SessionConfig.Https"/> beyond the local machine.
/// </summary>
public sealed record BasicAuthenticationConfig : AuthenticationConfig
{
    /// <summary>The realm the browser's or client's login prompt names.</summary>
    public string Realm { get; init; } = "Cuboid";
}
