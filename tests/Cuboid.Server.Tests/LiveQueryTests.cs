using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

using static Cuboid.Server.Tests.LiveSocket;

namespace Cuboid.Server.Tests;

public sealed class LiveQueryTests
{
    [Fact]
    public async Task RegisteredQueryIsPushedAgainAfterACommitThatChangesIt()
    {
        var (served, sales) = SmallCube.Start();
        using var _ = served;
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(served.WebSocketUri("/api/live"), Token);

        await SendAsync(socket, new { type = "register", id = "w1", mdx = SmallCube.QuantityByShop });
        var first = await ReceiveAsync(socket);
        Assert.Equal("result", first.GetProperty("type").GetString());
        Assert.Equal("w1", first.GetProperty("id").GetString());
        Assert.Equal(["Lyon", "Paris"], Captions(first));

        sales.Append([3, "Nice", 7]);
        var second = await ReceiveAsync(socket);
        Assert.Equal("result", second.GetProperty("type").GetString());
        Assert.Equal(["Lyon", "Nice", "Paris"], Captions(second));
        Assert.Equal([5.0, 7.0, 3.0], second.GetProperty("cellSet").GetProperty("cells").EnumerateArray().Select(c => c.GetProperty("value").GetDouble()));

        // Paused: a commit sends nothing; resume sends the current result at once.
        await SendAsync(socket, new { type = "pause", id = "w1" });
        await BarrierAsync(socket);
        sales.Append([4, "Nice", 1]);
        await SendAsync(socket, new { type = "resume", id = "w1" });
        var resumed = await ReceiveAsync(socket);
        Assert.Equal(8.0, resumed.GetProperty("cellSet").GetProperty("cells")[1].GetProperty("value").GetDouble());

        // Update replaces the query and answers with its result.
        await SendAsync(socket, new { type = "update", id = "w1", mdx = "SELECT [Measures].[Quantity.SUM] ON COLUMNS FROM [Sales]" });
        var updated = await ReceiveAsync(socket);
        Assert.Equal(16.0, updated.GetProperty("cellSet").GetProperty("cells")[0].GetProperty("value").GetDouble());

        // Stopped: later commits send nothing (the next message is the answer to a bad query).
        await SendAsync(socket, new { type = "stop", id = "w1" });
        await BarrierAsync(socket);
        sales.Append([5, "Lyon", 1]);
        await SendAsync(socket, new { type = "register", id = "w2", mdx = "SELECT FROM" });
        var error = await ReceiveAsync(socket);
        Assert.Equal("error", error.GetProperty("type").GetString());
        Assert.Equal("w2", error.GetProperty("id").GetString());
        Assert.StartsWith("MDX", error.GetProperty("diagnostics")[0].GetProperty("code").GetString(), StringComparison.Ordinal);

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, Token);
    }

    [Fact]
    public async Task ACommitThatDoesNotChangeTheResultSendsNothing()
    {
        var (served, sales) = SmallCube.Start();
        using var _ = served;
        var other = served.Session.CreateTable("Other", new Dictionary<string, DataType> { ["X"] = DataType.Int });
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(served.WebSocketUri("/api/live"), Token);
        await SendAsync(socket, new { type = "register", id = "w1", mdx = SmallCube.QuantityByShop });
        await ReceiveAsync(socket);

        other.Append([1]);   // a commit, but not of the cube's data
        sales.Append([3, "Paris", 1]);
        var next = await ReceiveAsync(socket);
        Assert.Equal(4.0, next.GetProperty("cellSet").GetProperty("cells")[1].GetProperty("value").GetDouble());
    }

    /// <summary>
    /// Messages are handled in order, so once the answer to a bad message arrives the ones sent
    /// before it were handled: a commit made after this cannot race them.
    /// </summary>
    private static async Task BarrierAsync(ClientWebSocket socket)
    {
        await SendAsync(socket, new { type = "resume", id = "barrier" });
        var answer = await ReceiveAsync(socket);
        Assert.Equal("error", answer.GetProperty("type").GetString());
        Assert.Equal("barrier", answer.GetProperty("id").GetString());
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static List<string?> Captions(JsonElement message) =>
        [.. message.GetProperty("cellSet").GetProperty("axes")[1].GetProperty("positions").EnumerateArray().Select(p => p.GetProperty("members")[0].GetProperty("caption").GetString())];
}
