using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Cuboid.Server.Security;

/// <summary>Where the server listens (<see cref="SessionConfig.Host"/>) and with which certificate (<see cref="SessionConfig.Https"/>).</summary>
internal static class Listening
{
    public static IPAddress Address(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
        : IPAddress.TryParse(host.Trim('[', ']'), out var address) ? address
        : throw new ArgumentException($"SessionConfig.Host is '{host}': give 'localhost', an IP address of this machine, or 0.0.0.0 / :: for every interface.");

    public static X509Certificate2 Certificate(HttpsConfig https)
    {
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(https.Certificate, https.Password);
            if (!certificate.HasPrivateKey) throw new ArgumentException($"The HTTPS certificate {https.Certificate} has no private key: a PKCS#12 file with the key is needed.");
            return certificate;
        }
        catch (CryptographicException error)
        {
            throw new ArgumentException($"The HTTPS certificate {https.Certificate} could not be read (a PKCS#12 file and its password are needed): {error.Message}");
        }
        catch (IOException error)
        {
            throw new ArgumentException($"The HTTPS certificate {https.Certificate} could not be read: {error.Message}");
        }
    }

    /// <summary>The authorities a <see cref="ClientCertificateConfig.TrustStore"/> holds: PEM (one or more), PKCS#12, or one DER certificate.</summary>
    public static X509Certificate2Collection TrustStore(ClientCertificateConfig config)
    {
        try
        {
            var certificates = new X509Certificate2Collection();
            var bytes = File.ReadAllBytes(config.TrustStore);
            if (System.Text.Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 64)).Contains("-----BEGIN", StringComparison.Ordinal)) certificates.ImportFromPemFile(config.TrustStore);
            else if (config.TrustStore.EndsWith(".p12", StringComparison.OrdinalIgnoreCase) || config.TrustStore.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase)) certificates.AddRange(X509CertificateLoader.LoadPkcs12Collection(bytes, config.Password));
            else certificates.Add(X509CertificateLoader.LoadCertificate(bytes));
            if (certificates.Count == 0) throw new ArgumentException($"The client certificate trust store {config.TrustStore} holds no certificate.");
            return certificates;
        }
        catch (Exception error) when (error is CryptographicException or IOException)
        {
            throw new ArgumentException($"The client certificate trust store {config.TrustStore} could not be read: {error.Message}");
        }
    }
}
