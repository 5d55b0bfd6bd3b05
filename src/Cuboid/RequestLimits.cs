namespace Cuboid;

/// <summary>
/// The ceilings of every query a client sends to the session's server (the HTTP API and live
/// queries): a request may ask for less, never for more, and one that asks for nothing gets the
/// ceiling. The session's own C# callers are not bound by them (they pass <see cref="QueryOptions"/>).
/// </summary>
public sealed record RequestLimits
{
    /// <summary>How long a client's query may run (30 s by default).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The most cells a client's query may have (1 million by default).</summary>
    public int MaxResultCells { get; init; } = 1_000_000;

    /// <summary>The most tuples any set of a client's query may hold (10 million by default).</summary>
    public int MaxSetTuples { get; init; } = 10_000_000;

    /// <summary>The most rows a client's DRILLTHROUGH returns, whatever its MAXROWS (10,000 by default, as SSAS).</summary>
    public int MaxDrillthroughRows { get; init; } = 10_000;

    /// <summary>
    /// The options of a request that asks for <paramref name="timeout"/> and <paramref name="maxCells"/>
    /// (null: the ceiling), kept within the ceilings; a limit that is not positive is refused.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A requested limit is zero or negative.</exception>
    public QueryOptions Options(TimeSpan? timeout = null, int? maxCells = null, string? scenario = null)
    {
        if (timeout is { } t) ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(t, TimeSpan.Zero, nameof(timeout));
        if (maxCells is { } c) ArgumentOutOfRangeException.ThrowIfNegativeOrZero(c, nameof(maxCells));
        return new QueryOptions
        {
            Timeout = timeout is { } asked && asked < Timeout ? asked : Timeout,
            MaxResultCells = Math.Min(maxCells ?? MaxResultCells, MaxResultCells),
            MaxSetTuples = MaxSetTuples,
            MaxDrillthroughRows = MaxDrillthroughRows,
            Scenario = string.IsNullOrEmpty(scenario) ? Session.BaseScenario : scenario,
        };
    }
}
