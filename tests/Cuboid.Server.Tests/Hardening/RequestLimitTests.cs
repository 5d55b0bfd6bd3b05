using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using Cuboid.Tests.Support;
using static Cuboid.Server.Tests.LiveSocket;

namespace Cuboid.Server.Tests.Hardening;

/// <summary>
/// The session's <see cref="RequestLimits"/> bound every client query — HTTP and live — whatever the
/// request asks; bad limits are a 400; a client that goes away stops its query.
/// </summary>
public sealed class RequestLimitTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<(HttpStatusCode Status, JsonElement Problem)> PostAsync(ServedSession served, object body)
    {
        using var response = await served.Client.PostAsync(new Uri("/api/mdx", UriKind.Relative), ServedSession.Json(body), Token);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(Token));
    }

    [Fact]
    public async Task LimitsThatAreNotPositiveAreBadRequests()
    {
        var (served, _) = SmallCube.Start();
        using var _ = served;
        var (status, problem) = await PostAsync(served, new { mdx = SmallCube.QuantityByShop, timeoutMs = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("'timeoutMs' must be a positive number of milliseconds; 0 was given.", problem.GetProperty("detail").GetString());
        (status, problem) = await PostAsync(served, new { mdx = SmallCube.QuantityByShop, maxCells = -5 });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("'maxCells' must be a positive number of cells; -5 was given.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ARequestCannotRaiseTheCeilings()
    {
        var (served, _) = SmallCube.Start(new SessionConfig { RequestLimits = new RequestLimits { MaxResultCells = 1, MaxDrillthroughRows = 1 } });
        using var _ = served;
        var (status, problem) = await PostAsync(served, new { mdx = SmallCube.QuantityByShop, maxCells = int.MaxValue });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("The query's result would have 2 cells (1 × 2 positions), more than its limit of 1 cells.", problem.GetProperty("diagnostics")[0].GetProperty("message").GetString());

        // DRILLTHROUGH without MAXROWS, or with more, returns the ceiling's rows.
        foreach (var mdx in new[] { "DRILLTHROUGH SELECT FROM [Sales]", "DRILLTHROUGH MAXROWS 100 SELECT FROM [Sales]" })
        {
            using var response = await served.PostMdxAsync("/api/mdx/drillthrough", mdx);
            var rows = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
            Assert.Equal(1, rows.GetProperty("rows").GetArrayLength());
        }
    }

    [Fact]
    public async Task LiveQueriesHaveTheSameLimitsAndABoundedNumberOfQueries()
    {
        var (served, _) = SmallCube.Start(new SessionConfig { RequestLimits = new RequestLimits { MaxResultCells = 1 } });
        using var _ = served;
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(served.WebSocketUri("/api/live"), Token);
        await SendAsync(socket, new { type = "register", id = "big", mdx = SmallCube.QuantityByShop });
        var error = await ReceiveAsync(socket);
        Assert.Equal("error", error.GetProperty("type").GetString());
        Assert.Equal("MDX0301", error.GetProperty("diagnostics")[0].GetProperty("code").GetString());

        for (var i = 1; i < Live.LiveConnection.MaxQueries; i++)
        {
            await SendAsync(socket, new { type = "register", id = $"q{i}", mdx = "SELECT FROM [Sales]" });
            Assert.Equal("result", (await ReceiveAsync(socket)).GetProperty("type").GetString());
        }
        await SendAsync(socket, new { type = "register", id = "one too many", mdx = "SELECT FROM [Sales]" });
        var refused = await ReceiveAsync(socket);
        Assert.Equal("error", refused.GetProperty("type").GetString());
        Assert.Equal($"A live socket holds at most {Live.LiveConnection.MaxQueries} queries: stop one first.", refused.GetProperty("message").GetString());
    }

    [Fact]
    public async Task AClientThatGoesAwayStopsItsQuery()
    {
        using var served = new ServedSession(new SessionConfig { RequestLimits = new RequestLimits { Timeout = TimeSpan.FromMinutes(10) } });
        FoodMart.Build(served.Session);
        // Quadratic in the 10,281 customers: minutes of work unless it is stopped.
        const string slow = "SELECT Filter([Customers].[Name].Members, Count(Filter([Customers].[Name].Members, [Customers].CurrentMember.Name > \"M\")) > 0) ON 0 FROM [Sales]";
        using var gone = new CancellationTokenSource();
        var request = served.Client.PostAsync(new Uri("/api/mdx", UriKind.Relative), ServedSession.Json(new { mdx = slow }), gone.Token);
        await WaitUntilAsync(() => served.Session.RunningQueries == 1, "the query to start");
        await gone.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
        await WaitUntilAsync(() => served.Session.RunningQueries == 0, "the query to stop once its client had gone");
    }

    /// <summary>Polls until <paramref name="condition"/> holds; fails after 20 s (an event awaited, not a time measured).</summary>
    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"Waited 20 s for {what}.");
            await Task.Delay(20, Token);
        }
    }
}
