namespace Cuboid;

/// <summary>
/// The JSON Web Tokens the session issues after a login (<c>POST /api/auth/token</c>) and accepts as
/// <c>Authorization: Bearer</c> on every route, so that scripts and other services call it without a
/// password or a cookie on each request.
/// </summary>
public sealed record JwtConfig
{
    /// <summary>The RSA key pair that signs the tokens, as a PEM private key (its public half is derived); a key generated at start when null, which makes tokens die with the session.</summary>
    public string? KeyPair { get; init; }

    /// <summary>How long a token is valid. One hour by default.</summary>
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromHours(1);
}
