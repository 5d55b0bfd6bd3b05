namespace Cuboid;

/// <summary>Serves HTTPS with a PKCS#12 (.p12, .pfx) certificate; the port then speaks TLS only (plain HTTP is refused).</summary>
public sealed record HttpsConfig
{
    /// <summary>The path of the PKCS#12 file holding the certificate and its private key.</summary>
    public required string Certificate { get; init; }

    /// <summary>The file's password, if it has one.</summary>
    public string? Password { get; init; }
}
