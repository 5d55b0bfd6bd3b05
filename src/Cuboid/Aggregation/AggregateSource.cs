using Cuboid.Expressions;

namespace Cuboid.Aggregation;

/// <summary>
/// One aggregation the cache and roll-ups could not answer: these aggregations of the facts the
/// scope keeps, grouped by these levels. <see cref="Filter"/> is the scope's filter compiled for its
/// snapshot; <see cref="CacheKey"/> identifies the request apart from the data's version.
/// </summary>
internal sealed record AggregateQuery(Cube Cube, AggregationScope Scope, LevelRef[] Levels, AggregateSpec[] Leaves, RowCondition? Filter, string CacheKey, CancellationToken Cancellation);

/// <summary>
/// Where a cube's aggregates come from at the aggregator's scan branch: the facts in memory
/// (<see cref="InMemoryAggregates"/>), or — DirectQuery — a database that runs the aggregation as
/// SQL. Everything above it (the cache, roll-ups, measures, MDX) is the same for every source.
/// </summary>
internal interface IAggregateSource
{
    AggregateResult Aggregate(AggregateQuery query);

    /// <summary>Whether several groupings of one request are cheaper asked together (<see cref="AggregateMany"/>): a database's GROUPING SETS.</summary>
    bool Batches => false;

    /// <summary>Several groupings of the same aggregations over the same scope, in the order asked.</summary>
    IReadOnlyList<AggregateResult> AggregateMany(IReadOnlyList<AggregateQuery> queries) => [.. queries.Select(Aggregate)];
}

/// <summary>
/// The in-memory source: a scan of the fact chunks (<see cref="ScanKernel"/>), or, after a commit,
/// the last result of the same request updated with the chunks that changed (<see cref="IncrementalAggregation"/>).
/// </summary>
internal sealed class InMemoryAggregates : IAggregateSource
{
    public static readonly InMemoryAggregates Instance = new();

    public AggregateResult Aggregate(AggregateQuery query)
    {
        var (cube, scope) = (query.Cube, query.Scope);
        // Measures may ask for levels the query did not name (origin scopes): their members must be known before the plan sizes its cells.
        cube.Prepare(scope.Snapshot, query.Levels.Select(l => l.Hierarchy.Hierarchy));
        var plan = new ScanPlan(scope.Snapshot, query.Levels, query.Filter, query.Leaves, cube.TableOf);
        var latestKey = $"{scope.Scenario}|{query.CacheKey}";
        RowCondition? FilterOn(Model.CubeSnapshot old) => scope.Filter is null ? null : LevelFilter.Compile(scope.Filter, old, cube.IndexOf, cube.TableOf);
        var result = (cube.Cache.Latest(latestKey) is { } prior ? IncrementalAggregation.Update(prior.Snapshot, prior.Result, plan, FilterOn, query.Cancellation) : null)
            ?? ScanKernel.Run(plan, cancellation: query.Cancellation);
        cube.Cache.PutLatest(latestKey, scope.Snapshot, result);
        return result;
    }
}
