using System.Net;
using Cuboid.Server.Content;
using Cuboid.Server.Endpoints;
using Cuboid.Server.Http;
using Cuboid.Server.Live;
using Cuboid.Server.Security;
using Cuboid.Server.Telemetry;
using Cuboid.Server.Xmla;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cuboid.Server;

/// <summary>
/// Serves one session with Kestrel in the session's process: the web app, the JSON API, live
/// queries and custom endpoints. Created by <c>Session.Start</c> through reflection (the engine
/// does not reference ASP.NET), stopped by <c>Session.Close</c>.
/// </summary>
internal sealed class SessionServer : ISessionHost
{
    /// <summary>Request bodies larger than this are refused with 413 (MDX and dashboards are far smaller).</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    private WebApplication? _app;
    private LiveQueries? _live;
    private IContentStore? _content;
    private LoginThrottle? _throttle;
    private Session? _session;

    /// <summary>Every endpoint the server routes to (the table-driven security test walks them).</summary>
    internal IReadOnlyList<Endpoint> Endpoints => (_app ?? throw new InvalidOperationException("The session's server is not running.")).Services.GetRequiredService<EndpointDataSource>().Endpoints;

    /// <summary>The session's user content, once started.</summary>
    public IContentStore Content => _content ?? throw new InvalidOperationException("The session's server is not running.");

    public void Start(Session session)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            // Not the working directory, which the host program chose for itself (the web app is embedded in this assembly).
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        // The session's log is the server's log; ASP.NET's console logging would mix into the host program's output.
        builder.Logging.ClearProviders();
        var config = session.Config;
        var address = Listening.Address(config.Host);
        var certificate = config.Https is { } https ? Listening.Certificate(https) : null;
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(address, config.Port ?? 0, listen =>
            {
                if (certificate is null) return;
                listen.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificate = certificate,
                    // A client certificate is asked for, not required (others log in with a password); the certificate
                    // handler checks its chain against the trust store.
                    ClientCertificateMode = config.ClientCertificate is null ? ClientCertificateMode.NoCertificate : ClientCertificateMode.AllowCertificate,
                    ClientCertificateValidation = (_, _, _) => true,
                });
            });
            kestrel.Limits.MaxRequestBodySize = MaxBodyBytes;
        });
        builder.Services.Configure<JsonOptions>(o => ServerJson.Configure(o.SerializerOptions));
        // A parameter that does not bind (limit=abc) throws, so ErrorMiddleware answers a problem naming it instead of an empty 400.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddHostFiltering(o =>
        {
            o.AllowedHosts = [.. config.AllowedHosts ?? (IPAddress.IsLoopback(address) ? ["localhost", "127.0.0.1", "[::1]"] : ["*"])];
            o.IncludeFailureMessage = false;
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));

        _content = ContentStore.Open(session.Config.UserContentStorage);
        _session = session;
        _live = new LiveQueries(session);
        session.LiveSubscribers = _live.Subscriptions;
        builder.Services.AddSingleton(session);
        builder.Services.AddSingleton(_content);
        builder.Services.AddSingleton(_live);
        var tokens = new TokenIssuer(config.Jwt);
        _throttle = new LoginThrottle();
        builder.Services.AddSecurity(session, tokens, _throttle);
        builder.Services.AddTelemetry(session);

        var app = builder.Build();
        if (config.TrustedProxies.Count > 0)
        {
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost };
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in config.TrustedProxies) forwarded.KnownProxies.Add(Listening.Address(proxy));
            app.UseForwardedHeaders(forwarded);
        }
        app.UseHostFiltering();
        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<ErrorMiddleware>();
        app.UseWebSockets();
        app.UseMiddleware<OriginCheck>();   // after UseWebSockets, which tells it an upgrade request
        app.UseWebAppFiles();
        app.UseRouting();
        app.UseSecurity(session);
        app.MapAuth(session, tokens);
        app.MapDiscovery();
        app.MapMdx();
        app.MapXmla();
        app.MapContent();
        app.MapLive();
        app.MapProxy();
        app.MapTelemetry(session);
        app.MapAppExtensions(session);
        app.MapWebApp(session);
        app.StartAsync().GetAwaiter().GetResult();
        _app = app;

        var port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        if (!IPAddress.IsLoopback(address) && !session.Enabled())
        {
            session.Warn($"the server listens on {config.Host}, beyond this machine, without authentication: anyone who can reach port {port} may read every fact and change every dashboard. Set SessionConfig.Authentication.");
        }
        else if (!IPAddress.IsLoopback(address) && certificate is null)
        {
            session.Warn($"the server listens on {config.Host} over plain HTTP: passwords and tokens cross the network readable. Set SessionConfig.Https.");
        }
        var host = IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) ? "localhost" : config.Host;
        session.OnServing(port, $"{(certificate is null ? "http" : "https")}://{host}:{port}/");
    }

    public void Dispose()
    {
        _live?.Dispose();
        if (_session is { } session) session.LiveSubscribers = null;
        var app = Interlocked.Exchange(ref _app, null);
        if (app is not null)
        {
            app.StopAsync().GetAwaiter().GetResult();
            app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        (Interlocked.Exchange(ref _content, null) as IDisposable)?.Dispose();
        Interlocked.Exchange(ref _throttle, null)?.Dispose();
    }
}
