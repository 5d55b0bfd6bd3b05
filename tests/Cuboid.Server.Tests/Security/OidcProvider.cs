using System.Diagnostics;
using Cuboid.Tests.Support;

namespace Cuboid.Server.Tests.Security;

/// <summary>
/// A real OpenID provider for the tests: the <c>oidc-provider</c> npm package in a small node script
/// (Security/OidcProvider/provider.mjs, its lock file beside it; <c>npm ci</c> once into a temporary folder), on a free port,
/// with one client and the users alice (groups analysts) and bob (analysts, admins), logging in through the
/// package's development pages. Started for a redirect URI the session knows once it serves.
/// </summary>
public sealed class OidcProvider : IDisposable
{
    public const string ClientId = "cuboid";
    public const string ClientSecret = "client-secret-for-tests";

    private static readonly Lock s_install = new();
    private readonly Process _node;

    /// <param name="port">The port to listen on (chosen before, as the session's issuer URL names it).</param>
    /// <param name="redirectUri">The session's callback, registered for the one client.</param>
    public OidcProvider(int port, string redirectUri)
    {
        var folder = Install();
        Port = port;
        Issuer = $"http://localhost:{Port}";
        _node = PrivateServers.Start(new ProcessStartInfo("node", $"provider.mjs {Port} {ClientId} {ClientSecret} {redirectUri}") { WorkingDirectory = folder }, Port);
    }

    public int Port { get; }

    public string Issuer { get; }

    /// <summary>The script and its packages, installed once per lock file in the temporary folder.</summary>
    private static string Install()
    {
        var source = Path.Combine(AppContext.BaseDirectory, "Security", "OidcProvider");
        var lockHash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(source, "package-lock.json"))))[..12];
        var folder = Path.Combine(Path.GetTempPath(), "cuboid-oidc-provider-" + lockHash);
        lock (s_install)
        {
            if (!Directory.Exists(Path.Combine(folder, "node_modules", "oidc-provider")))
            {
                Directory.CreateDirectory(folder);
                foreach (var file in Directory.GetFiles(source)) File.Copy(file, Path.Combine(folder, Path.GetFileName(file)), overwrite: true);
                var (code, log) = PrivateServers.Exec("/bin/sh", $"-c \"cd {folder} && npm ci --no-audit --no-fund\"", TimeSpan.FromMinutes(5));
                if (code != 0) throw new InvalidOperationException($"npm ci of the test OpenID provider exited {code}: {log}");
            }
            else
            {
                File.Copy(Path.Combine(source, "provider.mjs"), Path.Combine(folder, "provider.mjs"), overwrite: true);
            }
        }
        return folder;
    }

    public void Dispose() => PrivateServers.Stop(_node);
}
