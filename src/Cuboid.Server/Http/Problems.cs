using Microsoft.AspNetCore.Http;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace Cuboid.Server.Http;

/// <summary>An MDX diagnostic as the API shows it.</summary>
internal sealed record DiagnosticJson(string Code, string Message, int Line, int Column, int Offset, int Length, string Severity)
{
    public static DiagnosticJson Of(MdxDiagnostic d) => new(d.Code, d.Message, d.Line, d.Column, d.Offset, d.Length, d.Severity.ToString().ToLowerInvariant());
}

/// <summary>An RFC 7807 problem, with the MDX diagnostics when there are some.</summary>
internal sealed record ProblemJson(string Type, string Title, int Status, string? Detail, IReadOnlyList<DiagnosticJson> Diagnostics);

/// <summary>Builds the API's error responses (application/problem+json).</summary>
internal static class Problems
{
    /// <summary>The MDX code for a FROM naming no cube of the session: that is a 404, not a 400.</summary>
    private const string UnknownCubeCode = MdxErrorCodes.UnknownCube;

    public static IResult Result(int status, string title, string? detail = null, IReadOnlyList<DiagnosticJson>? diagnostics = null) =>
        HttpResults.Json(Body(status, title, detail, diagnostics), ServerJson.Options, "application/problem+json", status);

    public static ProblemJson Body(int status, string title, string? detail = null, IReadOnlyList<DiagnosticJson>? diagnostics = null) =>
        new($"https://httpstatuses.io/{status}", title, status, detail, diagnostics ?? []);

    public static IResult Mdx(MdxException error)
    {
        var status = error.Diagnostics.Any(d => d.Code == UnknownCubeCode) ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest;
        var title = status == StatusCodes.Status404NotFound ? "Unknown cube" : "Invalid MDX query";
        return Result(status, title, (error.Diagnostics.Count > 0 ? error.Diagnostics[0].ToString() : null), [.. error.Diagnostics.Select(DiagnosticJson.Of)]);
    }

    public static IResult UnknownCube(Session session, string cube) =>
        Result(StatusCodes.Status404NotFound, "Unknown cube", $"The session has no cube named '{cube}'. Its cubes: {string.Join(", ", session.Cubes.Keys)}.");

    public static IResult BadRequest(string detail) => Result(StatusCodes.Status400BadRequest, "Bad request", detail);

    public static IResult NotFound(string detail) => Result(StatusCodes.Status404NotFound, "Not found", detail);

    public static IResult TooLarge() =>
        Result(StatusCodes.Status413PayloadTooLarge, "Request body too large", $"Request bodies are limited to {SessionServer.MaxBodyBytes:N0} bytes.");
}
