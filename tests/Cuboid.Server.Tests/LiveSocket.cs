using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Cuboid.Server.Tests;

/// <summary>JSON messages over a live-query WebSocket, as the web app sends and receives them.</summary>
internal static class LiveSocket
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static Task SendAsync(ClientWebSocket socket, object message) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(message)), WebSocketMessageType.Text, true, Token);

    /// <summary>The next message, failing the test when none comes within 10 s.</summary>
    public static async Task<JsonElement> ReceiveAsync(ClientWebSocket socket)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult received;
        do
        {
            received = await socket.ReceiveAsync(buffer, timeout.Token);
            message.Write(buffer, 0, received.Count);
        }
        while (!received.EndOfMessage);
        return JsonDocument.Parse(message.ToArray()).RootElement.Clone();
    }
}
