using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using Cuboid.Tests.Support;

namespace Cuboid.Server.Tests.Hardening;

/// <summary>
/// Another web page cannot use the session through its visitor's browser: host names that are not
/// the session's are refused (DNS rebinding), cross-origin writes and WebSockets too; an endpoint's
/// failure tells the client an error id, never the exception's message.
/// </summary>
public sealed class CrossSiteTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> SendAsync(ServedSession served, HttpMethod method, string path, string? host = null, string? origin = null, object? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (host is not null) request.Headers.Host = host;
        if (origin is not null) request.Headers.Add("Origin", origin);
        if (body is not null) request.Content = ServedSession.Json(body);
        return await served.Client.SendAsync(request, Token);
    }

    [Fact]
    public async Task OnlyTheSessionsHostNamesAreAnswered()
    {
        var (served, _) = SmallCube.Start();
        using var _ = served;
        var port = served.Session.Port;
        using (var rebound = await SendAsync(served, HttpMethod.Get, "/api/cubes", host: $"attacker.example:{port}")) Assert.Equal(HttpStatusCode.BadRequest, rebound.StatusCode);
        foreach (var host in new[] { $"localhost:{port}", $"127.0.0.1:{port}" })
        {
            using var ok = await SendAsync(served, HttpMethod.Get, "/api/cubes", host: host);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        var (named, _) = SmallCube.Start(new SessionConfig { AllowedHosts = ["cubes.internal"] });
        using var __ = named;
        using (var allowed = await SendAsync(named, HttpMethod.Get, "/api/cubes", host: "cubes.internal")) Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        using (var loopback = await SendAsync(named, HttpMethod.Get, "/api/cubes", host: "localhost")) Assert.Equal(HttpStatusCode.BadRequest, loopback.StatusCode);
    }

    [Fact]
    public async Task ACrossOriginWriteIsRefusedAndASameOriginOneIsNot()
    {
        var (served, _) = SmallCube.Start(new SessionConfig { AllowedOrigins = ["https://portal.example"] });
        using var _ = served;
        var own = served.Session.Link!.TrimEnd('/');
        var content = new { kind = "dashboard", body = new { } };
        using (var evil = await SendAsync(served, HttpMethod.Put, "/api/content/d1", origin: "http://attacker.example", body: content))
        {
            Assert.Equal(HttpStatusCode.Forbidden, evil.StatusCode);
            var problem = await evil.Content.ReadFromJsonAsync<JsonElement>(Token);
            Assert.Equal("A page from http://attacker.example may not send a PUT to this session (SessionConfig.AllowedOrigins lists the other sites that may).", problem.GetProperty("detail").GetString());
        }
        using (var read = await SendAsync(served, HttpMethod.Get, "/api/cubes", origin: "http://attacker.example")) Assert.Equal(HttpStatusCode.OK, read.StatusCode);   // CORS keeps the answer from the page
        foreach (var origin in new[] { own, "https://portal.example", null })
        {
            using var ok = await SendAsync(served, HttpMethod.Put, "/api/content/d1", origin: origin, body: content);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
    }

    [Fact]
    public async Task ACrossOriginWebSocketIsRefused()
    {
        var (served, _) = SmallCube.Start();
        using var _ = served;
        using var evil = new ClientWebSocket();
        evil.Options.SetRequestHeader("Origin", "http://attacker.example");
        await Assert.ThrowsAsync<WebSocketException>(() => evil.ConnectAsync(served.WebSocketUri("/api/live"), Token));

        using var own = new ClientWebSocket();
        own.Options.SetRequestHeader("Origin", served.Session.Link!.TrimEnd('/'));
        await own.ConnectAsync(served.WebSocketUri("/api/live"), Token);
        Assert.Equal(WebSocketState.Open, own.State);
    }

    [Fact]
    public async Task AnEndpointsFailureGivesAnErrorIdNotItsMessage()
    {
        var logs = Path.Combine(TestData.TempDirectory(), "session.log");
        using var served = new ServedSession(new SessionConfig { LogsPath = logs });
        served.Session.Endpoint("connect", "GET", _ => throw new InvalidOperationException("Cannot open Host=db;Username=app;Password=hunter2"));
        using var response = await served.Client.GetAsync(new Uri("/proxy/connect", UriKind.Relative), Token);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(Token);
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        var id = JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString()!.Split("error id ")[1][..12];
        var log = await File.ReadAllTextAsync(logs, Token);
        Assert.Contains($"error {id} in GET /proxy/connect: System.InvalidOperationException", log, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", log, StringComparison.Ordinal);
    }
}
