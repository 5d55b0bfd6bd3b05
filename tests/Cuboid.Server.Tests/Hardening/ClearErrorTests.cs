using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Cuboid.Server.Tests.Hardening;

/// <summary>Every refusal of the API is a problem that says what is wrong: a parameter that does not bind, a method a path does not answer.</summary>
public sealed class ClearErrorTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<(HttpResponseMessage Response, JsonElement Problem)> SendAsync(ServedSession served, HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        var response = await served.Client.SendAsync(request, Token);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (response, await response.Content.ReadFromJsonAsync<JsonElement>(Token));
    }

    [Fact]
    public async Task AParameterThatDoesNotBindIsNamed()
    {
        var (served, _) = SmallCube.Start();
        using var _ = served;
        var (response, problem) = await SendAsync(served, HttpMethod.Get, "/api/cubes/Sales/members?level=[Sales].[Shop].[Shop]&limit=abc");
        using (response)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("limit", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Contains("abc", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("POST", "/api/cubes", "GET")]
    [InlineData("DELETE", "/api/mdx", "POST")]
    [InlineData("PUT", "/api/cubes/Sales/cache", "DELETE, GET")]
    [InlineData("POST", "/api/content/d1", "DELETE, GET, PUT")]
    public async Task AMethodAPathDoesNotAnswerIs405WithWhatItAnswers(string method, string path, string allowed)
    {
        var (served, _) = SmallCube.Start();
        using var _ = served;
        var (response, problem) = await SendAsync(served, new HttpMethod(method), path);
        using (response)
        {
            Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
            Assert.Equal(allowed, string.Join(", ", response.Content.Headers.Allow));
            Assert.Equal($"{path} answers {allowed}, not {method}.", problem.GetProperty("detail").GetString());
        }
        var (missing, notFound) = await SendAsync(served, HttpMethod.Get, "/api/nothing/here");
        using (missing) Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("No API endpoint at /api/nothing/here.", notFound.GetProperty("detail").GetString());
    }
}
