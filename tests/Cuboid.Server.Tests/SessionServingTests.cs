using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Cuboid.Tests.Support;

namespace Cuboid.Server.Tests;

/// <summary>The seam: Session.Start serves, Close stops, Port null is headless, Ready gates the API.</summary>
public sealed class SessionServingTests
{
    [Fact]
    public async Task StartServesOnAFreePortAndCloseFreesIt()
    {
        var log = Path.Combine(TestData.TempDirectory(), "session.log");
        var session = Session.Start(new SessionConfig { Name = null, LogsPath = log });
        var port = session.Port!.Value;
        Assert.Equal($"http://localhost:{port}/", session.Link);
        using var client = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(session.Link!), TestContext.Current.CancellationToken)).StatusCode);

        session.Close();
        Assert.Null(session.Link);
        Assert.Null(session.Port);
        using var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();   // the port is free again
        listener.Stop();
        Assert.Contains($"server listening on http://localhost:{port}/", File.ReadAllText(log), StringComparison.Ordinal);
    }

    [Fact]
    public void PortNullIsHeadless()
    {
        using var session = Session.Start(new SessionConfig { Name = null, Port = null });
        Assert.Null(session.Link);
        Assert.Null(session.Port);
    }

    [Fact]
    public async Task ApiAnswers503UntilReady()
    {
        var (served, _) = SmallCube.Start();
        using var __ = served;
        served.Session.Ready = false;
        using var blocked = await served.PostMdxAsync("/api/mdx", SmallCube.QuantityByShop);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, blocked.StatusCode);
        Assert.Equal(503, (await blocked.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("status").GetInt32());
        using var cubes = await served.Client.GetAsync(new Uri("/api/cubes", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, cubes.StatusCode);
        // Health stays open so clients can poll it.
        Assert.False((await served.GetJsonAsync("/api/health")).GetProperty("ready").GetBoolean());

        served.Session.Ready = true;
        using var open = await served.PostMdxAsync("/api/mdx", SmallCube.QuantityByShop);
        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
    }

    [Fact]
    public async Task WaitReturnsWhenTheSessionIsClosed()
    {
        var session = Session.Start(new SessionConfig { Name = null });
        var waiting = session.WaitAsync(TestContext.Current.CancellationToken);
        Assert.False(waiting.IsCompleted);
        session.Close();
        await waiting.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.True(session.Closed);
    }

    [Fact]
    public async Task CommittedIsRaisedWithTheEpochAndTables()
    {
        var (served, sales) = SmallCube.Start();
        using var _ = served;
        var raised = new TaskCompletionSource<CommittedEventArgs>();
        served.Session.Committed += (_, e) => raised.TrySetResult(e);
        sales.Append([9, "Nice", 1]);
        var args = await raised.Task.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.Equal(["Sales"], args.Tables);
        Assert.True(args.Epoch > 0);
    }
}
