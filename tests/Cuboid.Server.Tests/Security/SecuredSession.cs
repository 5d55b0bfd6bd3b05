using System.Net.Http.Headers;
using System.Text;

namespace Cuboid.Server.Tests.Security;

/// <summary>A small served cube behind Basic authentication, with the users alice (secret-a) and bob (secret-b).</summary>
internal static class SecuredSession
{
    public static (ServedSession Served, Table Sales) Start(SessionConfig? config = null)
    {
        var (served, sales) = SmallCube.Start((config ?? new SessionConfig()) with { Authentication = new BasicAuthenticationConfig() });
        served.Session.Security.BasicAuthentication.Add("alice", "secret-a");
        served.Session.Security.BasicAuthentication.Add("bob", "secret-b");
        return (served, sales);
    }

    public static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    public static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);

    public static async Task<HttpResponseMessage> SendAsync(this ServedSession served, HttpMethod method, string path, AuthenticationHeaderValue? authorization = null, HttpContent? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = body };
        request.Headers.Authorization = authorization;
        return await served.Client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
