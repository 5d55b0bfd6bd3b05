using Cuboid.Results;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Cuboid.Server.Http;
using Cuboid.Server.Json;

namespace Cuboid.Server.Live;

/// <summary>A message from the client: register, update, pause, resume or stop a query.</summary>
internal sealed record LiveMessage(string? Type, string? Id, string? Mdx);

/// <summary>
/// One WebSocket: its registered queries, and a single worker that runs them and sends results,
/// so sends never overlap and a burst of commits costs one re-run. A query's result is sent at
/// registration, update and resume, and after a commit only when it changed. Queries run within
/// the session's <see cref="RequestLimits"/> and stop when the socket closes; a failing message is
/// answered with an error and the socket goes on; a client sending faster than its queries run
/// waits (the queue is bounded), and holds at most <see cref="MaxQueries"/> queries.
/// </summary>
internal sealed class LiveConnection(Session session, WebSocket socket, System.Security.Claims.ClaimsPrincipal user, string? locale = null)
{
    public const int MaxQueries = 256;
    private const int QueuedMessages = 64;

    private sealed class Query(string mdx)
    {
        public string Mdx { get; set; } = mdx;
        public bool Paused { get; set; }
        public string? LastSent { get; set; }
    }

    private static readonly LiveMessage s_refresh = new("refresh", null, null);
    private readonly Channel<LiveMessage> _work = Channel.CreateBounded<LiveMessage>(new BoundedChannelOptions(QueuedMessages) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly Dictionary<string, Query> _queries = new(StringComparer.Ordinal);
    private int _refreshPending;

    /// <summary>The queries registered now (read from other threads for the subscribers gauge: a count, never the queries).</summary>
    public int QueryCount => _queries.Count;

    /// <summary>After a commit: the flag is what counts; the message only wakes an idle worker (a full queue means a busy one, which looks at the flag after each message).</summary>
    public void RequestRefresh()
    {
        if (Interlocked.Exchange(ref _refreshPending, 1) == 0) _work.Writer.TryWrite(s_refresh);
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var worker = Task.Run(() => WorkAsync(cancellationToken), cancellationToken);
        try
        {
            await ReceiveAsync(cancellationToken);
        }
        finally
        {
            _work.Writer.TryComplete();
            await worker.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        if (socket.State == WebSocketState.CloseReceived)
        {
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken);
        }
    }

    private async Task ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (socket.State == WebSocketState.Open)
        {
            var received = await socket.ReceiveAsync(buffer, cancellationToken);
            if (received.MessageType == WebSocketMessageType.Close) return;
            message.Write(buffer, 0, received.Count);
            if (message.Length > SessionServer.MaxBodyBytes) throw new WebSocketException("A live-query message is over 1 MB.");
            if (!received.EndOfMessage) continue;
            LiveMessage? parsed;
            try
            {
                parsed = JsonSerializer.Deserialize<LiveMessage>(message.GetBuffer().AsSpan(0, (int)message.Length), ServerJson.Options);
            }
            catch (JsonException error)
            {
                parsed = new LiveMessage("invalid", null, error.Message);
            }
            message.SetLength(0);
            if (parsed is not null) await _work.Writer.WriteAsync(parsed, cancellationToken);
        }
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        await foreach (var message in _work.Reader.ReadAllAsync(cancellationToken))
        {
            if (!ReferenceEquals(message, s_refresh)) await HandleAsync(message, cancellationToken);
            if (Interlocked.Exchange(ref _refreshPending, 0) == 1)
            {
                foreach (var (id, query) in _queries.Where(q => !q.Value.Paused).ToList()) await RunAsync(id, query, onlyIfChanged: true, cancellationToken);
            }
        }
    }

    private async Task HandleAsync(LiveMessage message, CancellationToken cancellationToken)
    {
        var id = message.Id ?? "";
        var known = _queries.TryGetValue(id, out var query);
        switch (message.Type)
        {
            case "register" when !known && _queries.Count >= MaxQueries:
                await SendErrorAsync(id, $"A live socket holds at most {MaxQueries} queries: stop one first.", cancellationToken);
                break;
            case "register" or "update" when !string.IsNullOrWhiteSpace(message.Mdx):
                query = known ? query! : _queries[id] = new Query(message.Mdx);
                query.Mdx = message.Mdx;
                query.Paused = false;
                await RunAsync(id, query, onlyIfChanged: false, cancellationToken);
                break;
            case "register" or "update":
                await SendErrorAsync(id, $"'{message.Type}' needs an 'mdx' query.", cancellationToken);
                break;
            case "pause" when known:
                query!.Paused = true;
                break;
            case "resume" when known:
                query!.Paused = false;
                await RunAsync(id, query, onlyIfChanged: false, cancellationToken);
                break;
            case "stop":
                _queries.Remove(id);
                break;
            case "pause" or "resume":
                await SendErrorAsync(id, $"No live query has id '{id}'.", cancellationToken);
                break;
            default:
                await SendErrorAsync(id, message.Type == "invalid" ? $"The message is not valid JSON: {message.Mdx}" : $"Unknown message type '{message.Type}': use register, update, pause, resume or stop.", cancellationToken);
                break;
        }
    }

    private async Task RunAsync(string id, Query query, bool onlyIfChanged, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            // Each subscriber's own result: the query runs as the socket's user.
            var result = session.QueryMdx(query.Mdx, Security.CuboidPrincipal.RunAs(session.Config.RequestLimits.Options() with { Locale = locale }, user), cancellationToken);
            object cellSet = result.CellSet is { } cells ? CellSetJson.Of(cells) : DrillthroughJson.Of(result);
            text = JsonSerializer.Serialize(new { type = "result", id, cellSet }, ServerJson.Options);
        }
        catch (MdxException error)
        {
            text = ErrorText(id, (error.Diagnostics.Count > 0 ? error.Diagnostics[0].ToString() : error.Message), [.. error.Diagnostics.Select(DiagnosticJson.Of)]);
        }
        catch (ObjectDisposedException)
        {
            return;   // the session closed under us; the socket goes next
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;   // the socket closed
        }
        catch (Exception error)
        {
            // A bug must not end the socket's worker (its queue would fill while nothing answers): say so and go on.
            text = ErrorText(id, ServerErrors.Message(ServerErrors.Record(session, error, $"live query '{id}'")), []);
        }
        if (onlyIfChanged && text == query.LastSent) return;
        query.LastSent = text;
        await SendAsync(text, cancellationToken);
    }

    private Task SendErrorAsync(string id, string message, CancellationToken cancellationToken) => SendAsync(ErrorText(id, message, []), cancellationToken);

    private static string ErrorText(string id, string message, IReadOnlyList<DiagnosticJson> diagnostics) =>
        JsonSerializer.Serialize(new { type = "error", id, message, diagnostics }, ServerJson.Options);

    private async Task SendAsync(string text, CancellationToken cancellationToken)
    {
        if (socket.State != WebSocketState.Open) return;
        await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
    }
}
