using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static Cuboid.Server.Tests.Security.SecuredSession;

namespace Cuboid.Server.Tests.Security;

/// <summary>
/// Every route of the server, read from its routing table, refuses an anonymous call once authentication is on:
/// a route added later without protection fails here. The web app's shell is the one route allowed anonymous.
/// </summary>
public sealed class RouteProtectionTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>The routes a visitor may use without logging in: the web app's login (its anti-forgery token, the login itself) and its shell (its page and its branding's files).</summary>
    private static readonly string[] s_anonymous = ["/api/auth/login-methods", "/api/auth/csrf", "/api/auth/login", "/branding/{file}", "{*path:nonfile}"];

    private static string Sample(RoutePatternText pattern) => pattern.Text
        .Replace("{cube}", "Sales", StringComparison.Ordinal)
        .Replace("{id}", "d1", StringComparison.Ordinal)
        .Replace("{**rest}", "x", StringComparison.Ordinal)
        .Replace("{**path}", "x", StringComparison.Ordinal)
        .Replace("{name}", "x", StringComparison.Ordinal)
        .Replace("{file}", "x", StringComparison.Ordinal);

    private readonly record struct RoutePatternText(string Text);

    [Fact]
    public async Task EveryRouteRefusesAnAnonymousCall()
    {
        // Every optional route on: the Prometheus scrape endpoint and the web app's extensions too.
        var extension = Directory.CreateTempSubdirectory("cuboid-extension-").FullName;
        File.WriteAllText(Path.Combine(extension, "index.js"), "export function activate() {}");
        var (served, _) = SecuredSession.Start(new SessionConfig
        {
            Telemetry = new TelemetryConfig { Prometheus = true },
            AppExtensions = new Dictionary<string, string> { ["x"] = extension },
        });
        using var _ = served;
        served.Session.Endpoint("reports/{name}", "GET", _ => new { ok = true });
        var endpoints = ((SessionServer)served.Session.Host!).Endpoints.OfType<RouteEndpoint>().ToList();
        var anonymous = endpoints.Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null).Select(e => e.RoutePattern.RawText).ToList();
        Assert.Equal(s_anonymous, anonymous);

        var checkedRoutes = 0;
        foreach (var endpoint in endpoints.Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null))
        {
            var path = Sample(new RoutePatternText(endpoint.RoutePattern.RawText!));
            Assert.DoesNotContain("{", path, StringComparison.Ordinal);   // a new parameter name: give it a sample above
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"])
            {
                using var response = await served.SendAsync(new HttpMethod(method), path, body: method is "GET" or "DELETE" ? null : ServedSession.Json(new { mdx = SmallCube.QuantityByShop }));
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} answered {(int)response.StatusCode} to an anonymous call");
                checkedRoutes++;
            }
        }
        Assert.True(checkedRoutes >= 20, $"only {checkedRoutes} routes checked");
        Assert.Contains(endpoints, e => e.RoutePattern.RawText == "/metrics");
        Assert.Contains(endpoints, e => e.RoutePattern.RawText == "/extensions/{name}/{**path}");
        Directory.Delete(extension, recursive: true);
    }

    [Fact]
    public async Task TheLiveQuerySocketNeedsAUserAtTheUpgrade()
    {
        var (served, _) = SecuredSession.Start();
        using var _ = served;
        using (var anonymous = new ClientWebSocket())
        {
            var refused = await Assert.ThrowsAsync<WebSocketException>(() => anonymous.ConnectAsync(served.WebSocketUri("/api/live"), Token));
            Assert.Contains("401", refused.Message, StringComparison.Ordinal);
        }
        using (var withPassword = new ClientWebSocket())
        {
            withPassword.Options.SetRequestHeader("Authorization", Basic("alice", "secret-a").ToString());
            await withPassword.ConnectAsync(served.WebSocketUri("/api/live"), Token);
            Assert.Equal(WebSocketState.Open, withPassword.State);
        }
        using var tokenResponse = await served.SendAsync(HttpMethod.Post, "/api/auth/token", Basic("alice", "secret-a"));
        var token = System.Text.Json.JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync(Token)).RootElement.GetProperty("accessToken").GetString();
        using var withToken = new ClientWebSocket();
        await withToken.ConnectAsync(served.WebSocketUri("/api/live?access_token=" + token), Token);
        Assert.Equal(WebSocketState.Open, withToken.State);
    }

    [Fact]
    public async Task ALiveQuerySocketIsClosedWhenTheTokenThatOpenedItExpires()
    {
        var (served, _) = SecuredSession.Start(new SessionConfig { Jwt = new JwtConfig { Lifetime = TimeSpan.FromSeconds(3) } });
        using var _ = served;
        using var tokenResponse = await served.SendAsync(HttpMethod.Post, "/api/auth/token", Basic("alice", "secret-a"));
        var token = System.Text.Json.JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync(Token)).RootElement.GetProperty("accessToken").GetString();
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(served.WebSocketUri("/api/live?access_token=" + token), Token);
        var started = DateTime.UtcNow;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        var received = await socket.ReceiveAsync(new byte[1024], timeout.Token);
        Assert.Equal(WebSocketMessageType.Close, received.MessageType);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, received.CloseStatus);
        Assert.Equal("The login expired.", received.CloseStatusDescription);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10), $"closed after {(DateTime.UtcNow - started).TotalSeconds:N1} s");
    }
}
