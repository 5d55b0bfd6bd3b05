using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using static Cuboid.Server.Tests.Security.SecuredSession;

namespace Cuboid.Server.Tests;

/// <summary>
/// SessionConfig.Telemetry: Prometheus scrapes the server and finds the counters moved by exactly the queries it was
/// sent; OTLP over HTTP delivers the spans and metrics to a collector (a receiving server the test starts).
/// </summary>
public sealed partial class TelemetryEndpointTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>A served SmallCube: its metrics are tagged with its number (it has no name), apart from other tests' sessions.</summary>
    private static (ServedSession Served, Table Sales) Start(SessionConfig config) => SmallCube.Start(config);

    [GeneratedRegex("""^(?<name>[a-z_]+)\{(?<labels>[^}]*)\} (?<value>\S+)""", RegexOptions.Multiline)]
    private static partial Regex Sample();

    /// <summary>The sum of a metric's samples for the session (and <paramref name="label"/>, if given) in a scrape.</summary>
    private static double Value(string scrape, Session session, string metric, string? label = null) =>
        Sample().Matches(scrape)
            .Where(m => m.Groups["name"].Value == metric && m.Groups["labels"].Value.Contains($"cuboid_session=\"{CuboidTelemetry.SessionTag(session)}\"", StringComparison.Ordinal)
                && (label is null || m.Groups["labels"].Value.Contains(label, StringComparison.Ordinal)))
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    private static async Task<string> ScrapeAsync(ServedSession served, AuthenticationHeaderValueOrNone? authorization = null)
    {
        using var response = await served.SendAsync(HttpMethod.Get, "/metrics", authorization?.Value);
        var text = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        return text;
    }

    private sealed record AuthenticationHeaderValueOrNone(System.Net.Http.Headers.AuthenticationHeaderValue Value);

    [Fact]
    public async Task AScrapeAfterQueriesFindsTheCountersMovedByThem()
    {
        var (served, sales) = Start(new SessionConfig { Telemetry = new TelemetryConfig { Prometheus = true } });
        using var _ = served;
        var session = served.Session;
        var before = await ScrapeAsync(served);

        const string total = "SELECT [Measures].[Quantity.SUM] ON COLUMNS FROM [Sales]";
        for (var i = 0; i < 3; i++)
        {
            using var response = await served.PostMdxAsync("/api/mdx", total);   // the first scans, the others read the cache
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        using (var failed = await served.PostMdxAsync("/api/mdx", "SELECT [Measures].[Nothing] ON COLUMNS FROM [Sales]"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, failed.StatusCode);
        }
        var after = await ScrapeAsync(served);

        double Moved(string metric, string? label = null) => Value(after, session, metric, label) - Value(before, session, metric, label);
        Assert.Equal(4, Moved("cuboid_query_duration_seconds_count", "cuboid_query_language=\"mdx\""));   // three answered, one failed
        Assert.Equal(1, Moved("cuboid_query_duration_seconds_count", $"error_type=\"{MdxErrorCodes.UnknownMember}\""));
        Assert.Equal(2, Moved("cuboid_scan_rows_total"));   // SmallCube's two rows, scanned once
        Assert.Equal(1, Moved("cuboid_aggregate_requests_total", "cuboid_aggregate_source=\"scan\""));
        Assert.Equal(2, Moved("cuboid_aggregate_requests_total", "cuboid_aggregate_source=\"cache\""));
        Assert.Equal(2.0 / 3, Value(after, session, "cuboid_aggregate_cache_hit_ratio"), 6);
        Assert.Equal(session.Memory.Tables.Single().Bytes, Value(after, session, "cuboid_table_memory_bytes", "cuboid_table=\"Sales\""));
        Assert.Equal(0, Value(after, session, "cuboid_live_subscribers"));
        Assert.Contains("http_server_request_duration_seconds_count", after, StringComparison.Ordinal);   // ASP.NET Core's own
        Assert.DoesNotContain("Paris", after, StringComparison.Ordinal);   // no member, no value

        // A commit changes the memory the gauge reports.
        sales.Append([3, "Nice", 1]);
        var grown = await ScrapeAsync(served);
        Assert.Equal(session.Memory.Tables.Single().Bytes, Value(grown, session, "cuboid_table_memory_bytes", "cuboid_table=\"Sales\""));
    }

    [Fact]
    public async Task LiveSubscribersAreCounted()
    {
        var (served, _) = Start(new SessionConfig { Telemetry = new TelemetryConfig { Prometheus = true } });
        using var _ = served;
        using var socket = new System.Net.WebSockets.ClientWebSocket();
        await socket.ConnectAsync(served.WebSocketUri("/api/live"), Token);
        await LiveSocket.SendAsync(socket, new { type = "register", id = "q1", mdx = SmallCube.QuantityByShop });
        await LiveSocket.SendAsync(socket, new { type = "register", id = "q2", mdx = SmallCube.QuantityByShop });
        await LiveSocket.ReceiveAsync(socket);   // each query's first result: both are registered by then
        await LiveSocket.ReceiveAsync(socket);
        Assert.Equal(2, Value(await ScrapeAsync(served), served.Session, "cuboid_live_subscribers"));
    }

    [Fact]
    public async Task WithAuthenticationOnlyAnAdministratorMayScrape()
    {
        var (served, _) = Security.SecuredSession.Start(new SessionConfig { Telemetry = new TelemetryConfig { Prometheus = true } });
        using var _ = served;
        served.Session.Security.BasicAuthentication.Add("ops", "secret-o");
        served.Session.Security.IndividualRoles["ops"] = [Roles.Admin];
        using (var anonymous = await served.SendAsync(HttpMethod.Get, "/metrics"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }
        using (var user = await served.SendAsync(HttpMethod.Get, "/metrics", Basic("alice", "secret-a")))
        {
            Assert.Equal(HttpStatusCode.Forbidden, user.StatusCode);
        }
        Assert.Contains("cuboid_", await ScrapeAsync(served, new AuthenticationHeaderValueOrNone(Basic("ops", "secret-o"))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtlpSendsTheQuerySpansAndTheMetricsToTheCollector()
    {
        var received = new ConcurrentBag<(string Path, byte[] Body)>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var collector = builder.Build();
        collector.MapPost("/{**path}", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            received.Add((context.Request.Path.Value!, body.ToArray()));
            context.Response.ContentType = "application/x-protobuf";
        });
        await collector.StartAsync(Token);
        var address = new Uri(collector.Urls.First());

        var (served, _) = Start(new SessionConfig { Telemetry = new TelemetryConfig { OtlpEndpoint = address, OtlpProtocol = OtlpProtocol.HttpProtobuf } });
        using (served)
        {
            using var response = await served.PostMdxAsync("/api/mdx?token=do-not-export", SmallCube.QuantityByShop);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }   // closing the session flushes its spans and metrics

        string Sent(string path) => string.Concat(received.Where(r => r.Path == path).Select(r => Encoding.UTF8.GetString(r.Body)));
        var traces = Sent("/v1/traces");
        foreach (var span in new[] { "cuboid.query", "cuboid.mdx.parse", "cuboid.mdx.evaluate", "cuboid.aggregate", "cuboid.scan", "/api/mdx" })
        {
            Assert.Contains(span, traces, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("do-not-export", traces, StringComparison.Ordinal);
        var metrics = Sent("/v1/metrics");
        Assert.Contains("cuboid.query.duration", metrics, StringComparison.Ordinal);
        Assert.Contains("cuboid.scan.rows", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public void TelemetryNeedsTheServer()
    {
        var refused = Assert.Throws<ArgumentException>(() => Session.Start(new SessionConfig { Name = null, Port = null, Telemetry = new TelemetryConfig { Prometheus = true } }));
        Assert.Contains("SessionConfig.Port", refused.Message, StringComparison.Ordinal);
    }
}
