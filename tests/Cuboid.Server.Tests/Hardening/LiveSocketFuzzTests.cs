using System.Net.WebSockets;
using System.Text;
using static Cuboid.Server.Tests.LiveSocket;

namespace Cuboid.Server.Tests.Hardening;

/// <summary>A thousand random frames on a live socket: the server answers or closes that socket, stays up, and other sockets go on.</summary>
public sealed class LiveSocketFuzzTests
{
    private static readonly string[] s_pieces =
    [
        "{", "}", "[", "]", "\"type\"", "\"register\"", "\"update\"", "\"pause\"", "\"resume\"", "\"stop\"", "\"id\"", "\"mdx\"", ":", ",",
        "\"SELECT FROM [Sales]\"", "\"SELECT {[Sales].[Shop].Members} ON 0 FROM [Sales]\"", "null", "1e308", "-1", "true", "\"\\u0000\"", "\"" + new string('x', 3000) + "\"",
        "\"TopCount([Sales].[Shop].Members)\"", "\"WITH MEMBER [Measures].[X] AS 1/0 SELECT [Measures].[X] ON 0 FROM [Sales]\"",
    ];

    private static readonly string[] s_types = ["register", "update", "pause", "resume", "stop", "nope"];

    [Fact]
    public async Task AThousandRandomFramesNeitherKillTheServerNorOtherSockets()
    {
        var (served, _) = SmallCube.Start();
        using var _ = served;
        var token = TestContext.Current.CancellationToken;
        var random = new Random(20261204);
        using var fuzzed = new ClientWebSocket();
        await fuzzed.ConnectAsync(served.WebSocketUri("/api/live"), token);
        var answers = 0;
        var barrier = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var drain = Task.Run(async () =>
        {
            var buffer = new byte[64 * 1024];
            try
            {
                while (fuzzed.State == WebSocketState.Open)
                {
                    var received = await fuzzed.ReceiveAsync(buffer, token);
                    if (received.MessageType == WebSocketMessageType.Close) break;
                    if (!received.EndOfMessage) continue;
                    Interlocked.Increment(ref answers);
                    if (Encoding.UTF8.GetString(buffer, 0, received.Count).Contains("\"id\":\"barrier\"", StringComparison.Ordinal)) barrier.TrySetResult();
                }
            }
            catch (WebSocketException)
            {
                // the server may close a socket that breaks the protocol
            }
        }, token);

        for (var i = 0; i < 1_000 && fuzzed.State == WebSocketState.Open; i++)
        {
            byte[] frame = random.Next(4) switch
            {
                0 => Encoding.UTF8.GetBytes(RandomText(random)),
                1 => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, random.Next(1, 12)).Select(_ => s_pieces[random.Next(s_pieces.Length)]))),
                2 => Encoding.UTF8.GetBytes($"{{\"type\":\"{s_types[random.Next(s_types.Length)]}\",\"id\":\"w{random.Next(20)}\",\"mdx\":{s_pieces[random.Next(s_pieces.Length)]}}}"),
                _ => Encoding.UTF8.GetBytes("{\"type\":\"register\",\"id\":\"ok\",\"mdx\":\"SELECT FROM [Sales]\"}"),
            };
            var type = random.Next(10) == 0 ? WebSocketMessageType.Binary : WebSocketMessageType.Text;
            try
            {
                // Now and then a message in two frames, cut between two characters (a text message is UTF-8 as a whole).
                var cut = random.Next(20) == 0 ? frame.Length / 2 : 0;
                while (cut > 0 && (frame[cut] & 0xC0) == 0x80) cut--;
                if (cut > 0) await fuzzed.SendAsync(frame.AsMemory(0, cut), type, endOfMessage: false, token);
                await fuzzed.SendAsync(frame.AsMemory(cut), type, endOfMessage: true, token);
            }
            catch (WebSocketException)
            {
                break;   // closed by the server: allowed
            }
        }
        // Messages are answered in order: once the barrier is, every frame before it was handled.
        await SendAsync(fuzzed, new { type = "resume", id = "barrier" });
        await barrier.Task.WaitAsync(TimeSpan.FromSeconds(30), token);
        Assert.True(answers > 500, $"only {answers} of the frames were answered");
        // Last, bytes that are not UTF-8 in a text frame: the server may close the socket for it.
        if (fuzzed.State == WebSocketState.Open) await fuzzed.SendAsync(new byte[] { 0x7B, 0xFF, 0xFE, 0x7D }, WebSocketMessageType.Text, true, token);
        if (fuzzed.State == WebSocketState.Open) await fuzzed.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, token);
        await drain.WaitAsync(TimeSpan.FromSeconds(30), token);

        // The server is up and a new socket is answered at once.
        Assert.True((await served.GetJsonAsync("/api/health")).GetProperty("ready").GetBoolean());
        using var next = new ClientWebSocket();
        await next.ConnectAsync(served.WebSocketUri("/api/live"), token);
        await SendAsync(next, new { type = "register", id = "after", mdx = SmallCube.QuantityByShop });
        var result = await ReceiveAsync(next);
        Assert.Equal("result", result.GetProperty("type").GetString());
    }

    /// <summary>Any characters (control characters, quotes, braces, letters of every script): text a client could send.</summary>
    private static string RandomText(Random random) =>
        new([.. Enumerable.Range(0, random.Next(0, 2_000)).Select(_ => (char)random.Next(1, 0xD7FF))]);
}
