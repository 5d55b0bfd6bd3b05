using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using static Cuboid.Server.Tests.LiveSocket;

namespace Cuboid.Server.Tests.Hardening;

/// <summary>A query nested 100,000 deep is an MDX0017 answer over HTTP and over the live socket; the server lives on.</summary>
public sealed class DeepQueryTests
{
    private static readonly string s_chain =
        $"WITH MEMBER [Measures].[X] AS {string.Join('+', Enumerable.Repeat("1", 100_000))} SELECT [Measures].[X] ON 0 FROM [Sales]";

    [Fact]
    public async Task OverHttpItIsABadRequestNamingThePosition()
    {
        var (served, _) = SmallCube.Start();
        using var _ = served;
        using var response = await served.PostMdxAsync("/api/mdx", s_chain);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var diagnostic = problem.GetProperty("diagnostics")[0];
        Assert.Equal("MDX0017", diagnostic.GetProperty("code").GetString());
        Assert.Equal(1, diagnostic.GetProperty("line").GetInt32());
        Assert.Equal(s_chain.IndexOf("1+1", StringComparison.Ordinal) + 1 + 2 * 255 + 1, diagnostic.GetProperty("column").GetInt32());   // the 256th '+'

        using var next = await served.PostMdxAsync("/api/mdx", SmallCube.QuantityByShop);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task OverTheLiveSocketItIsAnErrorMessageAndTheSocketGoesOn()
    {
        var (served, _) = SmallCube.Start();
        using var _ = served;
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(served.WebSocketUri("/api/live"), TestContext.Current.CancellationToken);
        await SendAsync(socket, new { type = "register", id = "deep", mdx = s_chain });
        var error = await ReceiveAsync(socket);
        Assert.Equal("error", error.GetProperty("type").GetString());
        Assert.Equal("MDX0017", error.GetProperty("diagnostics")[0].GetProperty("code").GetString());

        await SendAsync(socket, new { type = "register", id = "fine", mdx = SmallCube.QuantityByShop });
        var result = await ReceiveAsync(socket);
        Assert.Equal("result", result.GetProperty("type").GetString());
        Assert.Equal("fine", result.GetProperty("id").GetString());
    }
}
