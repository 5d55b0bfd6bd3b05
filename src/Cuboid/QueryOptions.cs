namespace Cuboid;

/// <summary>
/// Limits for one MDX query (<see cref="Session.QueryMdx(string, QueryOptions?)"/>): a time
/// limit after which the query is cancelled, and a largest result size it may produce. A limit
/// left null does not apply.
/// </summary>
public sealed record QueryOptions
{
    /// <summary>No limits.</summary>
    public static QueryOptions Default { get; } = new();

    /// <summary>
    /// How long the query may run before it is cancelled with an <see cref="MdxException"/>
    /// (code <c>MDX0300</c>). Checked between rounds of cell loading, between batches of axis
    /// tuples and of cells, and by scans between fact chunks.
    /// </summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>
    /// The largest number of cells (the product of the axes' sizes, before NON EMPTY removes
    /// any) a SELECT may have; a larger one fails with code <c>MDX0301</c> before any cell is computed.
    /// </summary>
    public int? MaxResultCells { get; init; }
}
