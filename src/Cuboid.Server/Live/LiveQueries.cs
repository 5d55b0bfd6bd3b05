using System.Collections.Concurrent;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Cuboid.Server.Live;

/// <summary>
/// The live-query connections of a session: each commit asks every connection to re-run its
/// queries (on its own worker, so the committing thread only flips a flag). Disposing ends them.
/// </summary>
internal sealed class LiveQueries : IDisposable
{
    private readonly Session _session;
    private readonly ConcurrentDictionary<LiveConnection, byte> _connections = new();
    private readonly CancellationTokenSource _stopping = new();

    public LiveQueries(Session session)
    {
        _session = session;
        session.Committed += OnCommitted;
    }

    /// <summary>Serves one WebSocket until the client closes it or the server stops.</summary>
    public async Task RunAsync(WebSocket socket, CancellationToken requestAborted)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, _stopping.Token);
        var connection = new LiveConnection(_session, socket);
        _connections[connection] = 0;
        try
        {
            await connection.RunAsync(linked.Token);
        }
        catch (OperationCanceledException)
        {
        }
        catch (WebSocketException)
        {
            // The client went away without a close handshake, or broke the protocol: nothing to tell anyone.
        }
        finally
        {
            _connections.TryRemove(connection, out _);
        }
    }

    public void Dispose()
    {
        _session.Committed -= OnCommitted;
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private void OnCommitted(object? sender, CommittedEventArgs e)
    {
        foreach (var connection in _connections.Keys) connection.RequestRefresh();
    }
}

/// <summary>GET /api/live: the WebSocket of live queries.</summary>
internal static class LiveEndpoint
{
    public static void MapLive(this IEndpointRouteBuilder app)
    {
        app.Map("/api/live", async (HttpContext context, LiveQueries live) =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                await Http.Problems.BadRequest("/api/live is a WebSocket: connect with an upgrade request.").ExecuteAsync(context);
                return;
            }
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            await live.RunAsync(socket, context.RequestAborted);
        });
    }
}
