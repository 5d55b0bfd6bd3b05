using Cuboid.Mdx.Execution;
using Cuboid.Mdx.Syntax;
using Cuboid.Results;

namespace Cuboid;

public sealed partial class Session
{
    /// <summary>
    /// Runs an MDX SELECT on one of the session's cubes (the one named in FROM), or a DRILLTHROUGH
    /// (see <see cref="DrillthroughMdx(string)"/>). Errors are an <see cref="MdxException"/> whose
    /// diagnostics carry a code, a message and a line:column.
    /// </summary>
    public QueryResult QueryMdx(string mdx) => QueryMdx(mdx, null);

    /// <summary>
    /// <see cref="QueryMdx(string)"/> within limits: a query running longer than
    /// <see cref="QueryOptions.Timeout"/> is cancelled (<c>MDX0300</c>), one whose axes make more
    /// cells than <see cref="QueryOptions.MaxResultCells"/> fails before computing any (<c>MDX0301</c>).
    /// </summary>
    /// <remarks>
    /// <paramref name="cancellationToken"/> stops the query where the time limit would (a server passes its
    /// client's disconnection): it then throws <see cref="OperationCanceledException"/>.
    /// </remarks>
    public QueryResult QueryMdx(string mdx, QueryOptions? options, CancellationToken cancellationToken = default)
    {
        using var query = Start(mdx, options, cancellationToken);
        return Run(query, drillthroughOnly: false);
    }

    /// <summary>
    /// Runs <c>DRILLTHROUGH [MAXROWS n] SELECT … [RETURN column, …]</c>: the fact rows under the
    /// one cell the SELECT addresses (its slicer and one position per axis), with the fact
    /// table's columns or the RETURN columns — <c>[table].[column]</c>, a level (<c>[Store].[Store City]</c>:
    /// the member's caption, or key) or a measure (<c>[Measures].[Unit Sales]</c>: the value it aggregates).
    /// </summary>
    public QueryResult DrillthroughMdx(string mdx) => DrillthroughMdx(mdx, null);

    /// <summary><see cref="DrillthroughMdx(string)"/> within the limits of <paramref name="options"/>, until <paramref name="cancellationToken"/> stops it.</summary>
    public QueryResult DrillthroughMdx(string mdx, QueryOptions? options, CancellationToken cancellationToken = default)
    {
        using var query = Start(mdx, options, cancellationToken);
        return Run(query, drillthroughOnly: true);
    }

    /// <summary>
    /// Runs an MDX query and returns how it ran: timings, and the aggregation requests its cells
    /// needed (granularity, measures, filter, from cache / roll-up / scan) round by round.
    /// </summary>
    public QueryPlan ExplainMdxQuery(string mdx) => ExplainMdxQuery(mdx, null);

    /// <summary><see cref="ExplainMdxQuery(string)"/> within the limits of <paramref name="options"/>, until <paramref name="cancellationToken"/> stops it.</summary>
    public QueryPlan ExplainMdxQuery(string mdx, QueryOptions? options, CancellationToken cancellationToken = default)
    {
        using var query = Start(mdx, options, cancellationToken);
        var result = Run(query, drillthroughOnly: false);
        return query.Plan(result, drillthrough: result.CellSet is null);
    }

    private int _runningQueries;

    /// <summary>MDX queries running now (for the server's monitoring and for tests that a cancelled query stopped).</summary>
    internal int RunningQueries => Volatile.Read(ref _runningQueries);

    private QueryContext Start(string mdx, QueryOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mdx);
        ThrowIfClosed();
        cancellationToken.ThrowIfCancellationRequested();
        var query = new QueryContext(mdx, options, () => Interlocked.Decrement(ref _runningQueries), cancellationToken);
        Interlocked.Increment(ref _runningQueries);
        return query;
    }

    private QueryResult Run(QueryContext query, bool drillthroughOnly)
    {
        using var telemetry = QueryTelemetry.Start(this, "mdx");
        try
        {
            MdxParseResult parsed;
            using (CuboidTelemetry.Source.StartActivity("cuboid.mdx.parse")) parsed = query.Parse();
            QueryResult result;
            using (var evaluate = CuboidTelemetry.Source.StartActivity("cuboid.mdx.evaluate"))
            {
                result = parsed.Statement switch
                {
                    DrillthroughStatement drillthrough => Drillthrough.Execute(this, parsed.Source, drillthrough, query),
                    SelectStatement select when !drillthroughOnly => CellSetTable.ToQueryResult(QueryExecutor.Execute(this, parsed.Source, select, query), query.Options),
                    _ => throw query.Error(MdxErrorCodes.NotADrillthrough, "DrillthroughMdx runs DRILLTHROUGH statements; use QueryMdx for a SELECT."),
                };
                evaluate?.SetTag("cuboid.rows", result.RowCount);
            }
            telemetry.Cube = query.Cube;
            telemetry.Succeeded(query.Options.User, result.RowCount);
            return result;
        }
        catch (Exception e) when (telemetry.Failed(e, query.Cube))
        {
            throw;   // never reached: the filter notes the failure and lets it go on
        }
    }
}
