using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Cuboid.Server.Http;

/// <summary>A request body over <see cref="SessionServer.MaxBodyBytes"/>.</summary>
internal sealed class BodyTooLargeException() : Exception("The request body is too large.");

/// <summary>
/// Reads request bodies within the 1 MB limit. Kestrel enforces it too, but checking here gives
/// the same 413 problem whatever the transport, and for bodies without a Content-Length.
/// </summary>
internal static class RequestBody
{
    public static async Task<string> ReadTextAsync(HttpRequest request)
    {
        if (request.ContentLength > SessionServer.MaxBodyBytes) throw new BodyTooLargeException();
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > SessionServer.MaxBodyBytes) throw new BodyTooLargeException();
            buffer.Write(chunk, 0, read);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>The body as <typeparamref name="T"/>; a missing or malformed body is a 400.</summary>
    public static async Task<T> ReadJsonAsync<T>(HttpRequest request) where T : class
    {
        var text = await ReadTextAsync(request);
        try
        {
            return JsonSerializer.Deserialize<T>(text, ServerJson.Options) ?? throw new BadHttpRequestException("The request body is empty.");
        }
        catch (JsonException error)
        {
            throw new BadHttpRequestException($"The request body is not valid JSON: {error.Message}");
        }
    }
}
