using System.Runtime.InteropServices;

namespace Cuboid;

public sealed partial class Session
{
    private readonly List<SessionEndpoint> _endpoints = [];
    private readonly TaskCompletionSource _closedSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ISessionHost? _host;

    /// <summary>The live queries the server's clients are subscribed to now (set by the host), for the <c>cuboid.live.subscribers</c> gauge.</summary>
    internal Func<int>? LiveSubscribers { get; set; }

    /// <summary>What serves the session, or null when headless.</summary>
    internal ISessionHost? Host => _host;

    /// <summary>
    /// False while the session is being set up: the server then answers its API with 503, so the
    /// web app waits instead of showing a half-built cube. True by default.
    /// </summary>
    public bool Ready { get; set; }

    /// <summary>The web app's URL (<c>http://localhost:PORT/</c>), or null when headless.</summary>
    public string? Link { get; private set; }

    /// <summary>The port served on, or null when headless.</summary>
    public int? Port { get; private set; }

    /// <summary>Raised after each commit is published (on the committing thread: keep handlers short).</summary>
    public event EventHandler<CommittedEventArgs>? Committed;

    /// <summary>
    /// Serves <paramref name="handler"/> at <c>/proxy/{route}</c> for HTTP <paramref name="method"/>;
    /// <c>{param}</c> segments of the route bind to <see cref="EndpointRequest.RouteValues"/>, and
    /// <see cref="EndpointRequest.User"/> is the caller. With <paramref name="roles"/>, only a caller with one of
    /// them may call it (others get 403). The handler's result is returned as JSON. A later registration of
    /// the same route and method replaces it.
    /// </summary>
    public void Endpoint(string route, string method, Func<EndpointRequest, object?> handler, IReadOnlyList<string>? roles = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(route);
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        ArgumentNullException.ThrowIfNull(handler);
        var endpoint = new SessionEndpoint(route.Trim('/'), method.ToUpperInvariant(), handler, roles ?? []);
        lock (_endpoints)
        {
            _endpoints.RemoveAll(e => e.Route == endpoint.Route && e.Method == endpoint.Method);
            _endpoints.Add(endpoint);
        }
    }

    /// <summary>The custom endpoints, for the server.</summary>
    internal IReadOnlyList<SessionEndpoint> Endpoints
    {
        get { lock (_endpoints) return [.. _endpoints]; }
    }

    /// <summary>
    /// A running session's server at <paramref name="url"/> (its <see cref="Link"/>), queried over its API as the user
    /// <paramref name="credentials"/> log in (anonymous when null): Atoti's <c>Session.connect</c>. Nothing is sent until the
    /// first call. With <paramref name="locale"/>, captions and formatted values come in it (see <see cref="I18nConfig"/>).
    /// </summary>
    public static RemoteSession Connect(string url, RemoteCredentials? credentials = null, string? locale = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        if (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"'{url}' is not the http(s) address of a session.", nameof(url));
        }
        return new RemoteSession(address, credentials, locale);
    }

    /// <summary>
    /// A live widget of the web app showing <paramref name="mdx"/>'s result (<paramref name="type"/>: <c>pivot</c>, <c>chart</c>,
    /// <c>kpi</c> or an extension's), for a notebook: displayed, it is an iframe on the session's server at <c>/embed</c>, which
    /// updates as commits change the result. A session without a server has none.
    /// </summary>
    public SessionWidget Widget(string mdx, string type = "pivot", string? title = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mdx);
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        var link = Link ?? throw new InvalidOperationException("The session is headless (SessionConfig.Port is null): a widget is served by its server.");
        var query = $"mdx={Uri.EscapeDataString(mdx)}&type={Uri.EscapeDataString(type)}" + (title is null ? "" : "&title=" + Uri.EscapeDataString(title));
        return new SessionWidget(new Uri(new Uri(link), "embed#/embed?" + query), mdx, type);
    }

    /// <summary>Blocks until the session is closed or Ctrl+C is pressed, then closes it.</summary>
    public void Wait() => WaitAsync(CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Completes when the session is closed, Ctrl+C is pressed or <paramref name="cancellationToken"/> fires; then the session is closed.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        // SIGINT (Ctrl+C) and SIGTERM both close the session; cancelling them keeps the process alive until Close has run.
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        try
        {
            await _closedSignal.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        Close();

        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            _closedSignal.TrySetResult();
        }
    }

    /// <summary>A warning for whoever runs the session: in its log and on standard error.</summary>
    internal void Warn(string message)
    {
        _log.Write("warning: " + message);
        Console.Error.WriteLine("warning: " + message);
    }

    /// <summary>Called by the host once it listens.</summary>
    internal void OnServing(int port, string link)
    {
        Port = port;
        Link = link;
        _log.Write($"server listening on {link}");
    }

    /// <summary>
    /// Starts the web server when <see cref="SessionConfig.Port"/> is set and the Cuboid.Server
    /// assembly is present. The engine never references ASP.NET (it stays usable headless and
    /// small); the host is found by name at run time, so this is the one place that knows it.
    /// </summary>
    private void StartHost()
    {
        if (Config.Port is null) return;
        var type = Type.GetType("Cuboid.Server.SessionServer, Cuboid.Server", throwOnError: false);
        if (type is null) return;
        var host = (ISessionHost)Activator.CreateInstance(type, nonPublic: true)!;
        host.Start(this);
        _host = host;
    }

    private void StopHost()
    {
        var host = Interlocked.Exchange(ref _host, null);
        host?.Dispose();
        Port = null;
        Link = null;
        _closedSignal.TrySetResult();
    }

    private void RaiseCommitted(CommittedEventArgs args) => Committed?.Invoke(this, args);
}

/// <summary>What a custom endpoint's handler receives: the bound route values, the query string, the request body and the caller.</summary>
/// <param name="RouteValues">The <c>{param}</c> segments of the route, by name.</param>
/// <param name="Query">The query string's parameters (the first value of each).</param>
/// <param name="Body">The request body as text (JSON for the web app), or null when empty.</param>
public sealed record EndpointRequest(IReadOnlyDictionary<string, string> RouteValues, IReadOnlyDictionary<string, string> Query, string? Body)
{
    /// <summary>Who calls: their name and roles; <see cref="EndpointUser.Anonymous"/> when the session has no authentication.</summary>
    public EndpointUser User { get; init; } = EndpointUser.Anonymous;
}

/// <summary>The user a request runs as.</summary>
/// <param name="Name">The name they logged in with; null when anonymous.</param>
/// <param name="Roles">Their roles for this request.</param>
public sealed record EndpointUser(string? Name, IReadOnlyList<string> Roles)
{
    /// <summary>A caller of a session without authentication.</summary>
    public static EndpointUser Anonymous { get; } = new(null, []);

    /// <summary>Whether the user has <paramref name="role"/>.</summary>
    public bool IsInRole(string role) => Roles.Contains(role, StringComparer.Ordinal);

    /// <summary>
    /// <paramref name="options"/> (the defaults when null) for an MDX query run as this user — <c>session.QueryMdx(mdx,
    /// request.User.RunAs())</c> — so that it sees what they may see; unchanged for an anonymous caller. A C# query passes
    /// <c>user: request.User.Name, roles: request.User.Roles</c> to <see cref="Cube.Query(IEnumerable{Measure}, IEnumerable{Level}?, Condition?, bool, bool, string?, string?, IEnumerable{string}?)"/>.
    /// </summary>
    public QueryOptions RunAs(QueryOptions? options = null) =>
        Name is null ? options ?? QueryOptions.Default : (options ?? QueryOptions.Default) with { User = Name, Roles = Roles };
}

/// <summary>A published commit: its data epoch and the tables it changed.</summary>
public sealed class CommittedEventArgs(long epoch, IReadOnlyList<string> tables, string scenario = Session.BaseScenario) : EventArgs
{
    /// <summary>The scenario the commit changed.</summary>
    public string Scenario { get; } = scenario;

    /// <summary>The data version the commit published.</summary>
    public long Epoch { get; } = epoch;

    /// <summary>The names of the tables it changed.</summary>
    public IReadOnlyList<string> Tables { get; } = tables;
}

/// <summary>A custom endpoint: a route under /proxy/, an HTTP method and its handler.</summary>
internal sealed record SessionEndpoint(string Route, string Method, Func<EndpointRequest, object?> Handler, IReadOnlyList<string> Roles);

/// <summary>What serves a session over HTTP (implemented by Cuboid.Server, which the engine does not reference).</summary>
/// <remarks>Disposing it stops serving and frees the port (the host owns what it started).</remarks>
internal interface ISessionHost : IDisposable
{
    /// <summary>Starts serving; calls <see cref="Session.OnServing"/> once listening.</summary>
    void Start(Session session);
}
