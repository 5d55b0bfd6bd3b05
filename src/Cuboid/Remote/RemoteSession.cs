using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Cuboid;

/// <summary>
/// A running session's server, queried over its API (Atoti's <c>Session.connect</c>): its cubes' structure, MDX queries as
/// <see cref="CellSet"/>s, measures by levels as <see cref="QueryResult"/>s, and live queries as a stream of results — the
/// same types a local session gives, read as the user the credentials log in. Thread-safe; dispose it to close its
/// connections. Made by <see cref="Session.Connect"/>.
/// </summary>
public sealed class RemoteSession : IDisposable
{
    /// <summary>The largest response read (a result past it is refused, not buffered): the server's own limits keep real ones far below.</summary>
    public const long MaxResponseBytes = 256L << 20;

    private readonly HttpClient _http;
    private readonly RemoteCredentials? _credentials;

    internal RemoteSession(Uri url, RemoteCredentials? credentials, string? locale)
    {
        Url = url;
        Locale = locale;
        _credentials = credentials;
        _http = new HttpClient { BaseAddress = url };
        if (locale is not null) _http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(locale);
        _http.MaxResponseContentBufferSize = MaxResponseBytes;
        _http.DefaultRequestHeaders.Authorization = credentials?.Header;
    }

    /// <summary>The session's address (its <see cref="Session.Link"/>).</summary>
    public Uri Url { get; }

    /// <summary>The locale captions and formatted values are asked in (<c>Accept-Language</c>; see <see cref="I18nConfig"/>); the server's default when null.</summary>
    public string? Locale { get; }

    /// <summary>The names of the cubes the user may query.</summary>
    public async Task<IReadOnlyList<string>> CubeNamesAsync(CancellationToken cancellationToken = default)
    {
        using var json = await GetAsync("api/cubes", cancellationToken).ConfigureAwait(false);
        return [.. json.RootElement.EnumerateArray().Select(c => c.GetProperty("name").GetString()!)];
    }

    /// <summary>A cube's structure as the user may see it: hierarchies with their levels, measures (MDX's unique names, captions).</summary>
    public async Task<CubeStructure> CubeAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        using var json = await GetAsync("api/cubes/" + Uri.EscapeDataString(name), cancellationToken).ConfigureAwait(false);
        return RemoteJson.Cube(json.RootElement);
    }

    /// <summary>Runs an MDX SELECT on the server; an invalid query throws the <see cref="MdxException"/> a local one would.</summary>
    public async Task<CellSet> QueryMdxAsync(string mdx, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mdx);
        using var response = await _http.PostAsJsonAsync("api/mdx", new { mdx }, cancellationToken).ConfigureAwait(false);
        using var json = await ReadAsync(response, "POST /api/mdx", cancellationToken).ConfigureAwait(false);
        return RemoteJson.CellSet(json.RootElement, CubeOf(mdx));
    }

    /// <summary>
    /// <paramref name="measures"/> by <paramref name="levels"/> (unique names, as <see cref="CubeAsync"/> gives them) of a cube, as
    /// a table: a column a level, then a column a measure, a row a combination of members with a value.
    /// </summary>
    public async Task<QueryResult> QueryAsync(string cube, IEnumerable<string> measures, IEnumerable<string>? levels = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(cube);
        var measureList = measures.ToList();
        if (measureList.Count == 0) throw new ArgumentException("A query needs at least one measure.", nameof(measures));
        var levelList = (levels ?? []).ToList();
        var columns = "{" + string.Join(", ", measureList.Select(m => m.StartsWith('[') ? m : "[Measures].[" + m.Replace("]", "]]", StringComparison.Ordinal) + "]")) + "}";
        var rows = levelList.Count == 0 ? "" : ", NON EMPTY " + string.Join(" * ", levelList.Select(l => l + ".Members")) + " ON ROWS";
        var mdx = $"SELECT {columns} ON COLUMNS{rows} FROM [{cube.Replace("]", "]]", StringComparison.Ordinal)}]";
        return Results.CellSetTable.ToQueryResult(await QueryMdxAsync(mdx, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// A live query: its result now, then a new one each time a commit changes it, until <paramref name="cancellationToken"/>
    /// fires or the session closes. An invalid query throws when the first result would come.
    /// </summary>
    public async IAsyncEnumerable<CellSet> LiveQueryMdxAsync(string mdx, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mdx);
        using var socket = new ClientWebSocket();
        if (_credentials is not null) socket.Options.SetRequestHeader("Authorization", _credentials.Header.ToString());
        if (Locale is { } locale) socket.Options.SetRequestHeader("Accept-Language", locale);
        var address = new UriBuilder(new Uri(Url, "api/live" + (Locale is { } l ? "?locale=" + Uri.EscapeDataString(l) : ""))) { Scheme = Url.Scheme == "https" ? "wss" : "ws" }.Uri;
        await socket.ConnectAsync(address, cancellationToken).ConfigureAwait(false);
        var register = JsonSerializer.SerializeToUtf8Bytes(new { type = "register", id = "q", mdx });
        await socket.SendAsync(register, WebSocketMessageType.Text, true, cancellationToken).ConfigureAwait(false);
        var cube = CubeOf(mdx);
        var buffer = new byte[64 * 1024];
        while (!cancellationToken.IsCancellationRequested)
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult received;
            do
            {
                try
                {
                    received = await socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    yield break;
                }
                if (received.MessageType == WebSocketMessageType.Close) yield break;
                if (message.Length + received.Count > MaxResponseBytes) throw new InvalidOperationException($"A live result is larger than {MaxResponseBytes:N0} bytes.");
                message.Write(buffer, 0, received.Count);
            }
            while (!received.EndOfMessage);
            using var json = JsonDocument.Parse(message.ToArray());
            var root = json.RootElement;
            switch (root.GetProperty("type").GetString())
            {
                case "result":
                    yield return RemoteJson.CellSet(root.GetProperty("cellSet"), cube);
                    break;
                case "error":
                    throw RemoteJson.Error("live query", 400, root.GetRawText());
            }
        }
    }

    /// <summary><see cref="CubeNamesAsync"/>, waited for.</summary>
    public IReadOnlyList<string> CubeNames() => CubeNamesAsync().GetAwaiter().GetResult();

    /// <summary><see cref="CubeAsync"/>, waited for.</summary>
    public CubeStructure Cube(string name) => CubeAsync(name).GetAwaiter().GetResult();

    /// <summary><see cref="QueryMdxAsync"/>, waited for.</summary>
    public CellSet QueryMdx(string mdx) => QueryMdxAsync(mdx).GetAwaiter().GetResult();

    /// <summary><see cref="QueryAsync"/>, waited for.</summary>
    public QueryResult Query(string cube, IEnumerable<string> measures, IEnumerable<string>? levels = null) => QueryAsync(cube, measures, levels).GetAwaiter().GetResult();

    /// <inheritdoc/>
    public void Dispose() => _http.Dispose();

    private async Task<JsonDocument> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, "GET /" + path, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<JsonDocument> ReadAsync(HttpResponseMessage response, string request, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode) throw RemoteJson.Error(request, (int)response.StatusCode, body);
        return JsonDocument.Parse(body);
    }

    /// <summary>The cube a query's FROM names, for the cell set (the server's JSON does not repeat it).</summary>
    private static string CubeOf(string mdx) =>
        Mdx.Syntax.MdxParser.Parse(mdx) is { Statement: Mdx.Syntax.SelectStatement { Cube: { } cube } } ? cube.Segments[^1].Name : "";
}
