using Cuboid.Results;
using Cuboid.Server.Http;
using Cuboid.Server.Json;
using Cuboid.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using HttpResults = Microsoft.AspNetCore.Http.Results;
using Microsoft.AspNetCore.Routing;

namespace Cuboid.Server.Endpoints;

/// <summary>The body of the MDX routes: the query, its limits, the scenario it reads and, for a drillthrough, the rows it skips (a page).</summary>
internal sealed record MdxRequest(string? Mdx, int? TimeoutMs, int? MaxCells, string? Scenario, int? Offset = null)
{
    /// <summary>The query's options: what the request asks, within the session's <see cref="RequestLimits"/>.</summary>
    public QueryOptions Options(Session session, HttpRequest request)
    {
        if (TimeoutMs <= 0) throw new BadHttpRequestException($"'timeoutMs' must be a positive number of milliseconds; {TimeoutMs} was given.");
        if (MaxCells <= 0) throw new BadHttpRequestException($"'maxCells' must be a positive number of cells; {MaxCells} was given.");
        // Every query runs as the request's user: the facts their roles allow.
        if (Offset < 0) throw new BadHttpRequestException($"'offset' must not be negative; {Offset} was given.");
        return (session.Config.RequestLimits.Options(TimeoutMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null, MaxCells, Scenario) with
        {
            DrillthroughOffset = Offset ?? 0,
            Locale = request.LocaleOf(session),
        }).RunAs(request.HttpContext.User);
    }
}

/// <summary>POST /api/mdx (cell set), /api/mdx/explain (plan), /api/mdx/drillthrough (rows), /api/mdx/csv (table).</summary>
internal static class Mdx
{
    public static void MapMdx(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/mdx", async (Session session, HttpRequest request) =>
        {
            var query = await ReadAsync(request);
            var result = session.QueryMdx(query.Mdx!, query.Options(session, request), request.HttpContext.RequestAborted);
            return result.CellSet is { } cells
                ? HttpResults.Json(CellSetJson.Of(cells), ServerJson.Options)
                : HttpResults.Json(DrillthroughJson.Of(result), ServerJson.Options);   // a DRILLTHROUGH sent to /api/mdx
        });

        app.MapPost("/api/mdx/explain", async (Session session, HttpRequest request) =>
        {
            var query = await ReadAsync(request);
            return HttpResults.Text(session.ExplainMdxQuery(query.Mdx!, query.Options(session, request), request.HttpContext.RequestAborted).ToJson(), "application/json");
        });

        app.MapPost("/api/mdx/drillthrough", async (Session session, HttpRequest request) =>
        {
            var query = await ReadAsync(request);
            return HttpResults.Json(DrillthroughJson.Of(session.DrillthroughMdx(query.Mdx!, query.Options(session, request), request.HttpContext.RequestAborted)), ServerJson.Options);
        });

        app.MapPost("/api/mdx/csv", async (Session session, HttpRequest request) =>
        {
            var query = await ReadAsync(request);
            // Totals stay: a CSV export is what the grid shows, subtotals included.
            var result = session.QueryMdx(query.Mdx!, query.Options(session, request) with { KeepTotals = true }, request.HttpContext.RequestAborted);
            return HttpResults.Text(Cuboid.Results.ResultCsv.Render(result, asShown: true, newline: "\r\n"), "text/csv; charset=utf-8");
        });
    }

    private static async Task<MdxRequest> ReadAsync(HttpRequest request)
    {
        var query = await RequestBody.ReadJsonAsync<MdxRequest>(request);
        if (string.IsNullOrWhiteSpace(query.Mdx)) throw new BadHttpRequestException("The request body has no 'mdx'.");
        return query;
    }
}
