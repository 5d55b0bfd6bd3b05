using Microsoft.AspNetCore.Http;

namespace Cuboid.Server.Http;

/// <summary>
/// Every API response that is not a success is a problem: 503 while the session is not ready,
/// 400/404 for MDX errors escaping an endpoint, 413 for an oversized body, 500 otherwise (with an
/// error id, never the exception's message: see <see cref="ServerErrors"/>).
/// </summary>
internal sealed class ErrorMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, Session session)
    {
        var api = context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/proxy");
        // /api/health stays open so the web app can poll it until the session is ready.
        if (api && !session.Ready && !context.Request.Path.StartsWithSegments("/api/health"))
        {
            context.Response.Headers.RetryAfter = "1";
            await Problems.Result(StatusCodes.Status503ServiceUnavailable, "Session not ready", "The session is being set up; try again shortly.").ExecuteAsync(context);
            return;
        }
        try
        {
            await next(context);
        }
        catch (MdxException error) when (!context.Response.HasStarted)
        {
            await Problems.Mdx(error).ExecuteAsync(context);
        }
        catch (KeyNotFoundException error) when (!context.Response.HasStarted)
        {
            await Problems.NotFound(error.Message).ExecuteAsync(context);   // an unknown scenario, cube or measure, named in the message
        }
        catch (Security.DirectoryUnavailableException error) when (!context.Response.HasStarted)
        {
            session.Warn(error.Message);
            await Problems.Result(StatusCodes.Status503ServiceUnavailable, "Directory unavailable", error.Message).ExecuteAsync(context);
        }
        catch (Security.TooManyLoginsException error) when (!context.Response.HasStarted)
        {
            context.Response.Headers.RetryAfter = ((int)error.RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await Problems.Result(StatusCodes.Status429TooManyRequests, "Too many failed logins",
                $"Too many failed logins for this user or from this address; try again in {error.RetryAfter.TotalSeconds:N0} seconds.").ExecuteAsync(context);
        }
        catch (BodyTooLargeException) when (!context.Response.HasStarted)
        {
            await Problems.TooLarge().ExecuteAsync(context);
        }
        catch (BadHttpRequestException error) when (!context.Response.HasStarted)
        {
            var result = error.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? Problems.TooLarge()
                : Problems.Result(error.StatusCode, "Bad request", error.Message);
            await result.ExecuteAsync(context);
        }
        catch (Exception error) when (!context.Response.HasStarted && error is not OperationCanceledException)
        {
            var id = ServerErrors.Record(session, error, $"{context.Request.Method} {context.Request.Path}");
            await Problems.Result(StatusCodes.Status500InternalServerError, "Server error", ServerErrors.Message(id)).ExecuteAsync(context);
        }
    }
}
