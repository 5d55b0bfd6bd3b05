using System.Net;
using Cuboid.Server.Content;
using Cuboid.Server.Endpoints;
using Cuboid.Server.Http;
using Cuboid.Server.Live;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
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
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, session.Config.Port ?? 0);
            kestrel.Limits.MaxRequestBodySize = MaxBodyBytes;
        });
        builder.Services.Configure<JsonOptions>(o => ServerJson.Configure(o.SerializerOptions));
        // A parameter that does not bind (limit=abc) throws, so ErrorMiddleware answers a problem naming it instead of an empty 400.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddHostFiltering(o =>
        {
            o.AllowedHosts = [.. session.Config.AllowedHosts];
            o.IncludeFailureMessage = false;
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));

        _content = ContentStore.Open(session.Config.UserContentStorage);
        _live = new LiveQueries(session);
        builder.Services.AddSingleton(session);
        builder.Services.AddSingleton(_content);
        builder.Services.AddSingleton(_live);

        var app = builder.Build();
        app.UseHostFiltering();
        app.UseMiddleware<ErrorMiddleware>();
        app.UseWebSockets();
        app.UseMiddleware<OriginCheck>();   // after UseWebSockets, which tells it an upgrade request
        app.UseWebAppFiles();
        app.UseRouting();
        app.MapDiscovery();
        app.MapMdx();
        app.MapContent();
        app.MapLive();
        app.MapProxy();
        app.MapWebApp();
        app.StartAsync().GetAwaiter().GetResult();
        _app = app;

        var port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        session.OnServing(port, $"http://localhost:{port}/");
    }

    public void Stop()
    {
        _live?.Dispose();
        var app = Interlocked.Exchange(ref _app, null);
        if (app is not null)
        {
            app.StopAsync().GetAwaiter().GetResult();
            app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        (Interlocked.Exchange(ref _content, null) as IDisposable)?.Dispose();
    }
}
