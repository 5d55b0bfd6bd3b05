using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Cuboid.Server.Tests;

public sealed class ProxyTests
{
    [Fact]
    public async Task CustomEndpointBindsRouteValuesQueryAndBody()
    {
        var (served, sales) = SmallCube.Start();
        using var _ = served;
        // Registered after the server started: endpoints are matched at request time.
        served.Session.Endpoint("shops/{shop}/quantity", "GET", request => new
        {
            shop = request.RouteValues["shop"],
            unit = request.Query.GetValueOrDefault("unit"),
            quantity = served.Session.QueryMdx($"SELECT [Measures].[Quantity.SUM] ON 0 FROM [Sales] WHERE [Sales].[Shop].[{request.RouteValues["shop"]}]").CellSet!.Cells[0].Value,
        });
        served.Session.Endpoint("/echo/", "post", request => new { body = request.Body });

        var json = await served.GetJsonAsync("/proxy/shops/Lyon/quantity?unit=boxes");
        Assert.Equal("Lyon", json.GetProperty("shop").GetString());
        Assert.Equal("boxes", json.GetProperty("unit").GetString());
        Assert.Equal(5, json.GetProperty("quantity").GetDouble());

        using var echo = await served.Client.PostAsync(new Uri("/proxy/echo", UriKind.Relative), ServedSession.Json(new { a = 1 }), TestContext.Current.CancellationToken);
        Assert.Equal("{\"a\":1}", (await echo.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("body").GetString());

        using var wrongMethod = await served.Client.DeleteAsync(new Uri("/proxy/echo", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        using var missing = await served.Client.GetAsync(new Uri("/proxy/nothing/here", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        GC.KeepAlive(sales);
    }
}
