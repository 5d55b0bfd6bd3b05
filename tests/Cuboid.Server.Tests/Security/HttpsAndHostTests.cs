using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using static Cuboid.Server.Tests.Security.SecuredSession;

namespace Cuboid.Server.Tests.Security;

/// <summary>HTTPS with a certificate from a test CA made here; where the server listens, and the warnings about it.</summary>
public sealed class HttpsAndHostTests(ITestOutputHelper output)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>A certificate authority made for a test.</summary>
    private static X509Certificate2 NewCa(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    /// <summary>A certificate <paramref name="ca"/> signs for <paramref name="subject"/>, with its key: for a server (localhost) or a client.</summary>
    private static X509Certificate2 Issue(X509Certificate2 ca, string subject, bool server)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        if (server)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName("localhost");
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
        }
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(server ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], false));
        using var signed = request.Create(ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(10), RandomNumberGenerator.GetBytes(8));
        using var withKey = signed.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    private static string Write(X509Certificate2 certificate, string? password, string extension = ".p12")
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"cuboid-test-{Guid.NewGuid():N}{extension}");
        File.WriteAllBytes(path, extension == ".pem" ? System.Text.Encoding.ASCII.GetBytes(certificate.ExportCertificatePem()) : certificate.Export(X509ContentType.Pkcs12, password));
        return path;
    }

    /// <summary>A CA, and a server certificate for localhost it signs, written as a PKCS#12 file with a password.</summary>
    private static (X509Certificate2 Ca, string Path) Certificates(string password)
    {
        var ca = NewCa("Cuboid Test CA");
        return (ca, Write(Issue(ca, "CN=localhost", server: true), password));
    }

    /// <summary>A client that trusts <paramref name="ca"/> alone, as a team's machines trust their company's CA, presenting <paramref name="certificate"/> if given.</summary>
    private static HttpClient TrustingClient(X509Certificate2 ca, string link, X509Certificate2? certificate = null) => new(new SocketsHttpHandler
    {
        SslOptions = new SslClientAuthenticationOptions
        {
            CertificateChainPolicy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, CustomTrustStore = { ca }, RevocationMode = X509RevocationMode.NoCheck },
            ClientCertificates = certificate is null ? null : new X509CertificateCollection { certificate },
        },
    })
    { BaseAddress = new Uri(link) };

    [Fact]
    public async Task AClientCertificateOfATrustedAuthorityLogsItsSubjectInAndAnotherIsRefused()
    {
        var serverCa = NewCa("Server CA");
        var clientCa = NewCa("Client CA");
        var stranger = NewCa("Another CA");
        var config = new SessionConfig
        {
            Https = new HttpsConfig { Certificate = Write(Issue(serverCa, "CN=localhost", server: true), "pw"), Password = "pw" },
            ClientCertificate = new ClientCertificateConfig { TrustStore = Write(clientCa, null, ".pem") },
        };
        var (served, _) = SecuredSession.Start(config);
        using var _ = served;
        served.Session.Security.IndividualRoles["alice"] = [Roles.Admin];
        var link = served.Session.Link!;

        async Task<(HttpStatusCode Status, string Body)> MeAsync(X509Certificate2? certificate, bool password = false)
        {
            using var client = TrustingClient(serverCa, link, certificate);
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
            if (password) request.Headers.Authorization = Basic("bob", "secret-b");
            using var response = await client.SendAsync(request, Token);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(Token));
        }

        var alice = await MeAsync(Issue(clientCa, "CN=alice, O=Cuboid", server: false));
        Assert.Equal(HttpStatusCode.OK, alice.Status);
        Assert.Contains("\"name\":\"alice\"", alice.Body, StringComparison.Ordinal);
        Assert.Contains(Roles.Admin, alice.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(Issue(stranger, "CN=alice", server: false))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(null)).Status);
        // Without a certificate, the password login still works.
        var bob = await MeAsync(null, password: true);
        Assert.Equal(HttpStatusCode.OK, bob.Status);
        Assert.Contains("\"name\":\"bob\"", bob.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void ClientCertificatesNeedHttps()
    {
        var error = Assert.Throws<ArgumentException>(() => Session.Start(new SessionConfig { Name = null, ClientCertificate = new ClientCertificateConfig { TrustStore = "ca.pem" } }));
        Assert.StartsWith("Client certificates are presented over TLS", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheServerSpeaksHttpsWithItsCertificateAndRefusesPlainHttp()
    {
        var (ca, path) = Certificates("p12-secret");
        var (served, _) = SecuredSession.Start(new SessionConfig { Https = new HttpsConfig { Certificate = path, Password = "p12-secret" } });
        using var _ = served;
        var link = served.Session.Link!;
        Assert.StartsWith("https://localhost:", link, StringComparison.Ordinal);
        using var client = TrustingClient(ca, link);
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/api/cubes"))
        {
            request.Headers.Authorization = Basic("alice", "secret-a");
            using var response = await client.SendAsync(request, Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        // Plain HTTP to the same port gets no answer of the session's.
        using var plain = new HttpClient { BaseAddress = new Uri(link.Replace("https://", "http://", StringComparison.Ordinal)) };
        var refused = await Record.ExceptionAsync(async () =>
        {
            using var response = await plain.GetAsync(new Uri("/api/cubes", UriKind.Relative), Token);
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        });
        Assert.True(refused is null or HttpRequestException, refused?.ToString());
        // A client that does not trust the CA does not connect.
        using var untrusting = new HttpClient { BaseAddress = new Uri(link) };
        await Assert.ThrowsAsync<HttpRequestException>(() => untrusting.GetAsync(new Uri("/", UriKind.Relative), Token));
    }

    [Fact]
    public void ACertificateThatCannotBeReadFailsTheStartNamingIt()
    {
        var (_, path) = Certificates("right");
        var error = Assert.Throws<ArgumentException>(() => Session.Start(new SessionConfig { Name = null, Https = new HttpsConfig { Certificate = path, Password = "wrong" } }));
        Assert.Contains($"The HTTPS certificate {path} could not be read", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong", error.Message.Replace(path, "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServingTheNetworkWithoutAuthenticationOrHttpsWarns()
    {
        var log = System.IO.Path.GetTempFileName();
        var session = Session.Start(new SessionConfig { Name = null, Host = "0.0.0.0", LogsPath = log });
        var link = session.Link!;
        session.Close();
        Assert.StartsWith("http://localhost:", link, StringComparison.Ordinal);
        Assert.Contains("warning: the server listens on 0.0.0.0, beyond this machine, without authentication", await File.ReadAllTextAsync(log, Token), StringComparison.Ordinal);

        var withLogin = System.IO.Path.GetTempFileName();
        Session.Start(new SessionConfig { Name = null, Host = "0.0.0.0", LogsPath = withLogin, Authentication = new BasicAuthenticationConfig() }).Close();
        var text = await File.ReadAllTextAsync(withLogin, Token);
        Assert.Contains("warning: the server listens on 0.0.0.0 over plain HTTP", text, StringComparison.Ordinal);
        Assert.DoesNotContain("without authentication", text, StringComparison.Ordinal);

        var quiet = System.IO.Path.GetTempFileName();
        Session.Start(new SessionConfig { Name = null, LogsPath = quiet }).Close();
        Assert.DoesNotContain("warning", await File.ReadAllTextAsync(quiet, Token), StringComparison.Ordinal);
    }

    [Fact]
    public void AHostThatIsNoAddressFailsTheStart()
    {
        var error = Assert.Throws<ArgumentException>(() => Session.Start(new SessionConfig { Name = null, Host = "cubes.example" }));
        Assert.Equal("SessionConfig.Host is 'cubes.example': give 'localhost', an IP address of this machine, or 0.0.0.0 / :: for every interface.", error.Message);
    }

    [Fact]
    public void SameSiteNoneNeedsHttps()
    {
        var error = Assert.Throws<ArgumentException>(() => Session.Start(new SessionConfig { Name = null, SameSite = SameSite.None }));
        Assert.StartsWith("SameSite None sends the session's cookies from other sites", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheWebAppLogsInAndQueriesOverHttps()
    {
        var (_, path) = Certificates("pw");
        var (served, _) = SecuredSession.Start(new SessionConfig { Https = new HttpsConfig { Certificate = path, Password = "pw" } });
        using var _ = served;
        await Browser.BrowserRun.RunAsync(output, async page =>
        {
            await page.GotoAsync(served.Session.Link!, new Microsoft.Playwright.PageGotoOptions { WaitUntil = Microsoft.Playwright.WaitUntilState.NetworkIdle });
            await page.GetByTestId("login-user").FillAsync("alice");
            await page.GetByTestId("login-password").FillAsync("secret-a");
            await page.GetByTestId("login-submit").ClickAsync();
            await Microsoft.Playwright.Assertions.Expect(page.GetByTestId("user-name")).ToHaveTextAsync("alice");
            // The session cookie is Secure over HTTPS, and the page may query with it.
            var cookie = (await page.Context.CookiesAsync()).Single(c => c.Name == "cuboid.session");
            Assert.True(cookie.Secure && cookie.HttpOnly);
            var status = await page.EvaluateAsync<int>("async () => (await fetch('/api/cubes', { headers: { 'X-Cuboid-Client': 'web' } })).status");
            Assert.Equal(200, status);
        }, ignoreHttpsErrors: true);
    }
}
