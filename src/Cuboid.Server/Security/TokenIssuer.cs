using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Cuboid.Server.Security;

/// <summary>
/// Issues the session's JSON Web Tokens (RS256, signed with <see cref="JwtConfig.KeyPair"/> or a key generated at
/// start) and says how to validate them: this issuer and audience, this key, within their lifetime.
/// </summary>
internal sealed class TokenIssuer
{
    public const string Issuer = "cuboid";
    public const string Audience = "cuboid";

    private readonly RsaSecurityKey _key;
    private readonly TimeSpan _lifetime;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2000", Justification = "The key signs tokens for as long as the server runs; a key pair that does not import is disposed here.")]
    public TokenIssuer(JwtConfig? config)
    {
        var rsa = RSA.Create(2048);
        if (config?.KeyPair is { } pem)
        {
            try
            {
                rsa.ImportFromPem(pem);
            }
            catch (ArgumentException bad)
            {
                rsa.Dispose();
                throw new ArgumentException($"JwtConfig.KeyPair is not a PEM RSA private key: {bad.Message}", nameof(config));
            }
        }
        _key = new RsaSecurityKey(rsa) { KeyId = Base64UrlEncoder.Encode(SHA256.HashData(rsa.ExportRSAPublicKey()))[..16] };
        _lifetime = config?.Lifetime ?? TimeSpan.FromHours(1);
    }

    public TimeSpan Lifetime => _lifetime;

    /// <summary>A token naming <paramref name="user"/>, how they logged in and their directory groups; their roles are the session's at each request, not the token's.</summary>
    public string Issue(ClaimsPrincipal user)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object>
        {
            [CuboidPrincipal.NameClaim] = user.Identity!.Name!,
            [CuboidPrincipal.SourceClaim] = user.Source() ?? "",
        };
        if (user.Groups() is { Count: > 0 } groups) claims[CuboidPrincipal.GroupClaim] = groups.ToArray();
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + _lifetime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
    }

    public TokenValidationParameters Validation => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = _key,
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        RequireExpirationTime = true,
        ValidateLifetime = true,
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = CuboidPrincipal.NameClaim,
        RoleClaimType = CuboidPrincipal.RoleClaim,
    };
}
