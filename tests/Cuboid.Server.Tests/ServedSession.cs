using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Cuboid.Tests.Support;

namespace Cuboid.Server.Tests;

/// <summary>A session served by Kestrel on a free port, and an HTTP client pointed at it.</summary>
public sealed class ServedSession : IDisposable
{
    public ServedSession(SessionConfig? config = null)
    {
        Session = Session.Start((config ?? new SessionConfig()) with { Name = null, Port = 0 });
        Client = new HttpClient { BaseAddress = new Uri(Session.Link!) };
    }

    public Session Session { get; }

    public HttpClient Client { get; }

    public Uri WebSocketUri(string path) => new(new Uri(Session.Link!.Replace("http://", "ws://", StringComparison.Ordinal)), path);

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
    }

    public async Task<HttpResponseMessage> PostMdxAsync(string path, string mdx) =>
        await Client.PostAsync(new Uri(path, UriKind.Relative), Json(new { mdx }), TestContext.Current.CancellationToken);

    public static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    public void Dispose()
    {
        Client.Dispose();
        Session.Close();
    }
}

/// <summary>One served session with the FoodMart "Sales" cube, shared by the read-only tests of a class.</summary>
public sealed class FoodMartServer : IDisposable
{
    public FoodMartServer()
    {
        Served = new ServedSession();
        Cube = FoodMart.Build(Served.Session);
    }

    public ServedSession Served { get; }

    public Cube Cube { get; }

    public void Dispose() => Served.Dispose();
}
