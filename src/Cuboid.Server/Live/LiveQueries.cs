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

    /// <summary>
    /// Serves one WebSocket until the client closes it, the server stops, or the login that opened it ends
    /// (<paramref name="expires"/>, a token's or a cookie's expiry): then the socket is closed with a policy violation,
    /// and the client reconnects with a fresh login. Results speak <paramref name="locale"/> (see <see cref="QueryOptions.Locale"/>).
    /// </summary>
    public async Task RunAsync(WebSocket socket, System.Security.Claims.ClaimsPrincipal user, CancellationToken requestAborted, DateTimeOffset? expires = null, string? locale = null)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, _stopping.Token);
        using var expiry = new CancellationTokenSource();
        if (expires is { } end)
        {
            // A close handshake, not a cancellation (which would abort the socket): the client answers it and the loop ends.
            expiry.Token.Register(() => _ = CloseExpiredAsync(socket, linked));
            expiry.CancelAfter(TimeSpan.FromMilliseconds(Math.Clamp((end - DateTimeOffset.UtcNow).TotalMilliseconds, 0, int.MaxValue)));
        }
        var connection = new LiveConnection(_session, socket, user, locale);
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

    private static async Task CloseExpiredAsync(WebSocket socket, CancellationTokenSource connection)
    {
        try
        {
            using var closing = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await socket.CloseOutputAsync(WebSocketCloseStatus.PolicyViolation, "The login expired.", closing.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or InvalidOperationException or ObjectDisposedException)
        {
            // the client is gone, or a message was being sent: the cancellation below ends the connection anyway
        }
        try
        {
            connection.CancelAfter(TimeSpan.FromSeconds(5));   // should the client never answer the close
        }
        catch (ObjectDisposedException)
        {
            // the connection ended already
        }
    }

    /// <summary>The live queries registered on every connection now.</summary>
    public int Subscriptions() => _connections.Keys.Sum(c => c.QueryCount);

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
        app.Map("/api/live", async (HttpContext context, LiveQueries live, Session session) =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                await Http.Problems.BadRequest("/api/live is a WebSocket: connect with an upgrade request.").ExecuteAsync(context);
                return;
            }
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            await live.RunAsync(socket, context.User, context.RequestAborted, Security.CuboidPrincipal.Expires(context.User), Http.RequestLocale.LocaleOf(context.Request, session));
        });
    }
}
