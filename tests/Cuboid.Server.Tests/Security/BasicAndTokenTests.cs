using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using static Cuboid.Server.Tests.Security.SecuredSession;

namespace Cuboid.Server.Tests.Security;

/// <summary>
/// Basic authentication against the session's credentials, and the session's own tokens (JWT, RS256): who gets
/// in, with which roles, and that a change to users or roles applies to the next request.
/// </summary>
public sealed class BasicAndTokenTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Token);
    }

    private static async Task<string> TokenAsync(ServedSession served, string user, string password)
    {
        using var response = await served.SendAsync(HttpMethod.Post, "/api/auth/token", Basic(user, password));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Equal("Bearer", body.GetProperty("tokenType").GetString());
        Assert.Equal(3600, body.GetProperty("expiresIn").GetInt32());
        return body.GetProperty("accessToken").GetString()!;
    }

    [Fact]
    public async Task AnAnonymousRequestIsRefusedWithAProblemAndAChallenge()
    {
        var (served, _) = SecuredSession.Start();
        using var _ = served;
        using var response = await served.SendAsync(HttpMethod.Get, "/api/cubes");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Basic realm=\"Cuboid\"", response.Headers.WwwAuthenticate.Select(h => h.ToString()));
        var problem = await ProblemAsync(response);
        Assert.Equal("Authentication required", problem.GetProperty("title").GetString());
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task TheRightPasswordGetsInAndAWrongOneOrAnUnknownUserDoesNot()
    {
        var (served, _) = SecuredSession.Start(new SessionConfig { LogsPath = Path.GetTempFileName() });
        using var _ = served;
        using (var ok = await served.SendAsync(HttpMethod.Get, "/api/cubes", Basic("alice", "secret-a")))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal("Sales", (await ok.Content.ReadFromJsonAsync<JsonElement>(Token))[0].GetProperty("name").GetString());
        }
        using (var wrong = await served.SendAsync(HttpMethod.Get, "/api/cubes", Basic("alice", "secret-b"))) Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        using (var unknown = await served.SendAsync(HttpMethod.Get, "/api/cubes", Basic("mallory", "secret-a"))) Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        using (var me = await served.SendAsync(HttpMethod.Get, "/api/auth/me", Basic("bob", "secret-b")))
        {
            var body = await me.Content.ReadFromJsonAsync<JsonElement>(Token);
            Assert.Equal("bob", body.GetProperty("name").GetString());
            Assert.Equal([Roles.User], body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        }
        // The failed logins are logged, by user, without the password tried.
        served.Session.Close();
        var log = await File.ReadAllTextAsync(served.Session.LogsPath!, Token);
        Assert.Contains("failed basic login for user 'alice'", log, StringComparison.Ordinal);
        Assert.Contains("failed basic login for user 'mallory'", log, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RolesAndUsersChangeForTheNextRequest()
    {
        var (served, _) = SecuredSession.Start();
        using var _ = served;
        var security = served.Session.Security;
        security.DefaultRoles = [];
        using (var forbidden = await served.SendAsync(HttpMethod.Get, "/api/cubes", Basic("alice", "secret-a")))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
            Assert.Equal("The user's roles do not admit this request.", (await ProblemAsync(forbidden)).GetProperty("detail").GetString());
        }
        security.IndividualRoles["alice"] = [Roles.Admin];
        using (var admitted = await served.SendAsync(HttpMethod.Get, "/api/cubes", Basic("alice", "secret-a"))) Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
        security.BasicAuthentication.Set("alice", "changed");
        using (var old = await served.SendAsync(HttpMethod.Get, "/api/cubes", Basic("alice", "secret-a"))) Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        using (var changed = await served.SendAsync(HttpMethod.Get, "/api/cubes", Basic("alice", "changed"))) Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.True(security.BasicAuthentication.Remove("alice"));
        using (var removed = await served.SendAsync(HttpMethod.Get, "/api/cubes", Basic("alice", "changed"))) Assert.Equal(HttpStatusCode.Unauthorized, removed.StatusCode);
    }

    [Fact]
    public async Task ATokenFromALoginOpensEveryRouteAndCarriesTheSessionsRolesOfTheMoment()
    {
        var (served, _) = SecuredSession.Start();
        using var _ = served;
        var token = await TokenAsync(served, "bob", "secret-b");
        using (var cubes = await served.SendAsync(HttpMethod.Post, "/api/mdx", Bearer(token), ServedSession.Json(new { mdx = SmallCube.QuantityByShop })))
        {
            Assert.Equal(HttpStatusCode.OK, cubes.StatusCode);
        }
        served.Session.Security.IndividualRoles["bob"] = [Roles.Admin];
        using (var me = await served.SendAsync(HttpMethod.Get, "/api/auth/me", Bearer(token)))
        {
            var body = await me.Content.ReadFromJsonAsync<JsonElement>(Token);
            Assert.Equal("bob", body.GetProperty("name").GetString());
            Assert.Equal([Roles.Admin, Roles.User], body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        }
        // A token can be exchanged for a fresh one; the user removed, neither opens anything.
        var renewed = await served.SendAsync(HttpMethod.Post, "/api/auth/token", Bearer(token));
        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
        served.Session.Security.BasicAuthentication.Remove("bob");
        using (var gone = await served.SendAsync(HttpMethod.Get, "/api/cubes", Bearer(token))) Assert.Equal(HttpStatusCode.Unauthorized, gone.StatusCode);
    }

    [Fact]
    public async Task AForgedAnExpiredATamperedOrAnotherAudiencesTokenIsRefused()
    {
        using var rsa = RSA.Create(2048);
        var pem = rsa.ExportRSAPrivateKeyPem();
        var (served, _) = SecuredSession.Start(new SessionConfig { Jwt = new JwtConfig { KeyPair = pem } });
        using var _ = served;
        var genuine = await TokenAsync(served, "alice", "secret-a");
        using (var ok = await served.SendAsync(HttpMethod.Get, "/api/cubes", Bearer(genuine))) Assert.Equal(HttpStatusCode.OK, ok.StatusCode);

        string Make(RSA key, DateTime expires, string audience = "cuboid") => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "cuboid",
            Audience = audience,
            IssuedAt = expires.AddHours(-1),
            NotBefore = expires.AddHours(-1),
            Expires = expires,
            Claims = new Dictionary<string, object> { ["sub"] = "alice", ["src"] = "basic" },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key), SecurityAlgorithms.RsaSha256),
        });
        using var other = RSA.Create(2048);
        var parts = genuine.Split('.');
        var tampered = string.Join('.', parts[0], Base64UrlEncoder.Encode("{\"sub\":\"mallory\",\"src\":\"basic\",\"iss\":\"cuboid\",\"aud\":\"cuboid\",\"exp\":4102444800}"), parts[2]);
        foreach (var (name, bad) in new[]
        {
            ("forged", Make(other, DateTime.UtcNow.AddMinutes(10))),
            ("expired", Make(rsa, DateTime.UtcNow.AddMinutes(-5))),
            ("another audience", Make(rsa, DateTime.UtcNow.AddMinutes(10), audience: "elsewhere")),
            ("tampered", tampered),
            ("not a token", "abc.def.ghi"),
        })
        {
            using var refused = await served.SendAsync(HttpMethod.Get, "/api/cubes", Bearer(bad));
            Assert.True(refused.StatusCode == HttpStatusCode.Unauthorized, $"{name}: {refused.StatusCode}");
            Assert.Contains(refused.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        }
        // Signed with the configured key, a token made elsewhere (another session, a restart) is accepted.
        using var made = await served.SendAsync(HttpMethod.Get, "/api/cubes", Bearer(Make(rsa, DateTime.UtcNow.AddMinutes(10))));
        Assert.Equal(HttpStatusCode.OK, made.StatusCode);
    }

    [Fact]
    public async Task TheWebAppsShellLoadsWithoutALoginAndNoDataDoes()
    {
        var (served, _) = SecuredSession.Start();
        using var _ = served;
        using (var shell = await served.SendAsync(HttpMethod.Get, "/"))
        {
            Assert.Equal(HttpStatusCode.OK, shell.StatusCode);
            Assert.Equal("text/html", shell.Content.Headers.ContentType?.MediaType);
        }
        using (var dashboard = await served.SendAsync(HttpMethod.Get, "/dashboard/retail-overview")) Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        foreach (var path in new[] { "/api/health", "/api/cubes/Sales", "/api/content", "/api/nowhere", "/proxy/anything" })
        {
            using var data = await served.SendAsync(HttpMethod.Get, path);
            Assert.True(data.StatusCode == HttpStatusCode.Unauthorized, $"{path}: {data.StatusCode}");
        }
    }

    [Fact]
    public async Task RepeatedFailedLoginsAreThrottledAndEveryResponseCarriesTheBrowserDefences()
    {
        var (served, _) = SecuredSession.Start();
        using var _ = served;
        for (var i = 0; i < 10; i++)
        {
            using var wrong = await served.SendAsync(HttpMethod.Get, "/api/cubes", Basic("alice", "guess-" + i));
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        // The right password now waits for the window to end: guessing is no faster than ten a minute.
        using (var throttled = await served.SendAsync(HttpMethod.Get, "/api/cubes", Basic("alice", "secret-a")))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(60), throttled.Headers.RetryAfter?.Delta);
            Assert.Equal("Too many failed logins", (await ProblemAsync(throttled)).GetProperty("title").GetString());
        }
        // The address is throttled too, for any user.
        using (var other = await served.SendAsync(HttpMethod.Get, "/api/cubes", Basic("bob", "secret-b"))) Assert.Equal(HttpStatusCode.TooManyRequests, other.StatusCode);

        using var shell = await served.SendAsync(HttpMethod.Get, "/");
        var policy = shell.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'self'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", shell.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", shell.Headers.GetValues("Referrer-Policy").Single());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task BehindATrustedProxyTheForwardedAddressIsTheOneThrottled(bool trusted)
    {
        var (served, _) = SecuredSession.Start(new SessionConfig { TrustedProxies = trusted ? ["127.0.0.1"] : [] });
        using var _ = served;
        async Task<HttpStatusCode> FromAsync(string address, string user, string password)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/cubes");
            request.Headers.Authorization = Basic(user, password);
            request.Headers.Add("X-Forwarded-For", address);
            using var response = await served.Client.SendAsync(request, Token);
            return response.StatusCode;
        }
        for (var i = 0; i < 10; i++) Assert.Equal(HttpStatusCode.Unauthorized, await FromAsync("10.0.0.1", "mallory", "guess-" + i));
        // Another client behind the proxy is not the guesser — unless the proxy is not trusted, when every client is the proxy.
        Assert.Equal(trusted ? HttpStatusCode.OK : HttpStatusCode.TooManyRequests, await FromAsync("10.0.0.2", "bob", "secret-b"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await FromAsync("10.0.0.1", "bob", "secret-b"));
    }
}
