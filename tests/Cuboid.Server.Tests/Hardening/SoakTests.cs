using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using Cuboid.Tests.Support;
using static Cuboid.Server.Tests.LiveSocket;

namespace Cuboid.Server.Tests.Hardening;

/// <summary>
/// A short soak: eight clients send a mix of valid and hostile requests to a served FoodMart session
/// for a minute (CUBOID_SOAK_SECONDS changes it). No request may get a 5xx, the server must answer
/// at the end, and its managed memory must have stayed bounded (measured after full collections,
/// with no other test of the assembly running: they would count as growth).
/// </summary>
[Collection(Name)]
public sealed class SoakTests(ITestOutputHelper output)
{
    public const string Name = "Soak (alone)";

    private static readonly string[] s_valid =
    [
        "SELECT [Measures].[Unit Sales] ON 0, [Product].Children ON 1 FROM [Sales]",
        "SELECT {[Measures].[Store Sales], [Measures].[Profit]} ON 0, [Store].[Store State].Members ON 1 FROM [Sales] WHERE [Time].[1997].[Q1]",
        "SELECT TopCount([Customers].[Name].Members, 10, [Measures].[Unit Sales]) ON 0 FROM [Sales]",
        "WITH MEMBER [Measures].[Margin] AS [Measures].[Profit] / [Measures].[Store Sales] SELECT [Measures].[Margin] ON 0, [Gender].[Gender].Members ON 1 FROM [Sales]",
        "SELECT NON EMPTY [Product].[Product Category].Members * [Gender].[Gender].Members ON 0 FROM [Sales]",
    ];

    private static readonly string[] s_hostile =
    [
        "SELECT FROM WHERE",
        "SELECT [Measures].[Unit Sales] ON 0, [Customers].[Name].Members * [Product].[Product Name].Members ON 1 FROM [Sales]",
        $"WITH MEMBER [Measures].[X] AS {string.Join('+', Enumerable.Repeat("1", 20_000))} SELECT [Measures].[X] ON 0 FROM [Sales]",
        "SELECT TopCount([Product].Children) ON 0 FROM [Sales]",
        "SELECT {[Nope].[Nothing]} ON 0 FROM [Sales]",
        "SELECT [Measures].[Unit Sales] ON 0, Filter([Customers].[Name].Members, Count(Filter([Customers].[Name].Members, [Customers].CurrentMember.Name > \"M\")) > 0) ON 1 FROM [Sales]",
    ];

    [Fact]
    public async Task EightClientsOfValidAndHostileRequestsForAMinute()
    {
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("CUBOID_SOAK_SECONDS"), out var s) ? s : 60;
        using var served = new ServedSession(new SessionConfig { RequestLimits = new RequestLimits { Timeout = TimeSpan.FromSeconds(2) }, AggregateCacheBytes = 64 << 20 });
        FoodMart.Build(served.Session);
        var token = TestContext.Current.CancellationToken;
        await RunClientAsync(served, new Random(0), DateTime.UtcNow.AddSeconds(2), token);   // warm up, then measure from here
        var baseline = Heap();

        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<HttpStatusCode, int>();
        var until = DateTime.UtcNow.AddSeconds(seconds);
        var clients = Enumerable.Range(1, 8).Select(c => Task.Run(() => RunClientAsync(served, new Random(c), until, token, statuses), token)).ToArray();
        await Task.WhenAll(clients);

        output.WriteLine(string.Join(", ", statuses.OrderBy(p => p.Key).Select(p => $"{(int)p.Key}: {p.Value:N0}")));
        Assert.DoesNotContain(statuses.Keys, code => (int)code >= 500);
        Assert.True(statuses.Values.Sum() > 8 * seconds, "the clients made too few requests");
        Assert.True((await served.GetJsonAsync("/api/health")).GetProperty("ready").GetBoolean());
        var growth = Heap() - baseline;
        output.WriteLine($"managed heap after the soak: {growth >> 20:+#;-#;0} MB against the warmed-up session");
        Assert.True(growth < 300L << 20, $"the heap grew by {growth >> 20} MB");
    }

    private static long Heap()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>One client: random requests until <paramref name="until"/>, each status counted.</summary>
    private static async Task RunClientAsync(ServedSession served, Random random, DateTime until, CancellationToken token,
        System.Collections.Concurrent.ConcurrentDictionary<HttpStatusCode, int>? statuses = null)
    {
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(served.WebSocketUri("/api/live"), token);
        var drain = Task.Run(async () =>
        {
            var buffer = new byte[64 * 1024];
            try
            {
                while (socket.State == WebSocketState.Open && (await socket.ReceiveAsync(buffer, token)).MessageType != WebSocketMessageType.Close)
                {
                }
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
            }
        }, token);
        while (DateTime.UtcNow < until)
        {
            var mdx = random.Next(3) == 0 ? s_hostile[random.Next(s_hostile.Length)] : s_valid[random.Next(s_valid.Length)];
            using var request = random.Next(10) switch
            {
                0 => new HttpRequestMessage(HttpMethod.Post, "/api/mdx") { Content = new StringContent("{ not json", Encoding.UTF8, "application/json") },
                1 => new HttpRequestMessage(HttpMethod.Post, "/api/mdx") { Content = new StringContent(new string('x', (1 << 20) + 10), Encoding.UTF8, "application/json") },
                2 => new HttpRequestMessage(HttpMethod.Get, $"/api/cubes/Sales/members?level=[Customers].[Name]&limit={(random.Next(2) == 0 ? "abc" : "50")}&search=a"),
                3 => new HttpRequestMessage(HttpMethod.Put, $"/api/content/soak-{random.Next(50)}") { Content = ServedSession.Json(new { kind = "dashboard", body = new { pages = Array.Empty<int>() } }) },
                4 => new HttpRequestMessage(HttpMethod.Delete, "/api/mdx"),
                5 => new HttpRequestMessage(HttpMethod.Post, "/api/mdx/explain") { Content = ServedSession.Json(new { mdx, timeoutMs = random.Next(-1, 3000) }) },
                _ => new HttpRequestMessage(HttpMethod.Post, "/api/mdx") { Content = ServedSession.Json(new { mdx, maxCells = random.Next(0, 2) == 0 ? int.MaxValue : 10_000 }) },
            };
            if (random.Next(20) == 0) request.Headers.Add("Origin", "http://attacker.example");
            try
            {
                using var response = await served.Client.SendAsync(request, token);
                statuses?.AddOrUpdate(response.StatusCode, 1, (_, n) => n + 1);
            }
            catch (HttpRequestException)
            {
                // a 413 may close the connection while the body is still being sent
                statuses?.AddOrUpdate(HttpStatusCode.RequestEntityTooLarge, 1, (_, n) => n + 1);
            }
            if (random.Next(5) == 0 && socket.State == WebSocketState.Open)
            {
                await SendAsync(socket, new { type = random.Next(4) == 0 ? "stop" : "register", id = $"q{random.Next(300)}", mdx });
            }
        }
        if (socket.State == WebSocketState.Open) await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, token);
        await drain.WaitAsync(TimeSpan.FromSeconds(30), token);
    }
}

[CollectionDefinition(SoakTests.Name, DisableParallelization = true)]
public sealed class SoakCollection;
