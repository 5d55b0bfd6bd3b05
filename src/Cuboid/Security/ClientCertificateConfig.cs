namespace Cuboid;

/// <summary>
/// Users who present a client certificate (mutual TLS) signed by an authority of <see cref="TrustStore"/> are logged
/// in by it, their name read from the certificate's subject with <see cref="UserNameRegex"/>. Needs
/// <see cref="SessionConfig.Https"/>; users without a certificate log in as <see cref="SessionConfig.Authentication"/> says.
/// </summary>
public sealed record ClientCertificateConfig
{
    /// <summary>The certificates of the authorities trusted to sign client certificates: a PEM or DER file, or a PKCS#12 file with <see cref="Password"/>.</summary>
    public required string TrustStore { get; init; }

    /// <summary>The PKCS#12 trust store's password, if it has one.</summary>
    public string? Password { get; init; }

    /// <summary>The regular expression whose first group, matched against the certificate's subject, is the user's name.</summary>
    public string UserNameRegex { get; init; } = "CN=(.*?)(?:,|$)";
}
