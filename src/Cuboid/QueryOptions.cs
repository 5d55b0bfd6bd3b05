namespace Cuboid;

/// <summary>
/// Options of one MDX query (<see cref="Session.QueryMdx(string, QueryOptions?, CancellationToken)"/>): a time
/// limit after which the query is cancelled, a largest result size, and how the result table
/// shows totals and values. A limit left null does not apply.
/// </summary>
public sealed record QueryOptions
{
    /// <summary>No time or result limit; sets of at most <see cref="MaxSetTuples"/> tuples.</summary>
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

    /// <summary>
    /// The most tuples any set of the query may hold — an axis, or one computed on the way
    /// (<c>CrossJoin</c>, <c>*</c>, <c>Generate</c>, <c>Union</c>…): a larger one fails with code
    /// <c>MDX0302</c> before it is built, so a crossjoin of large levels cannot exhaust the memory.
    /// 10 million by default (a set of that size holds about a gigabyte); null: no limit.
    /// </summary>
    public int? MaxSetTuples { get; init; } = 10_000_000;

    /// <summary>The most rows a DRILLTHROUGH returns, whatever its MAXROWS says; null: MAXROWS alone (or every row).</summary>
    public int? MaxDrillthroughRows { get; init; }

    /// <summary>
    /// The rows a DRILLTHROUGH skips before those it returns (a page of a long drillthrough: MAXROWS rows from this
    /// one); the result's <see cref="QueryResult.TotalRows"/> counts them all.
    /// </summary>
    public int DrillthroughOffset { get; init; }

    /// <summary>
    /// Whether the table keeps the rows of totals (rows whose members include an All member), as
    /// Atoti's <c>keep_totals</c>; false by default. The cell set always has them.
    /// </summary>
    public bool KeepTotals { get; init; }

    /// <summary>Whether calculated measures whose formulas allow it are computed in bulk as measures (true) or cell by cell (tests compare the two).</summary>
    internal bool CompileCalculatedMeasures { get; init; } = true;

    /// <summary>Pretty (default): measure cells format with the cells' format strings; Raw: plain values.</summary>
    public QueryMode Mode { get; init; } = QueryMode.Pretty;

    /// <summary>The scenario whose data the query reads (<see cref="Session.BaseScenario"/> by default).</summary>
    public string Scenario { get; init; } = Session.BaseScenario;

    /// <summary>The user the query runs as: only the facts their roles' restrictions allow are read (<see cref="SessionSecurity.Restrictions"/>); everything when null.</summary>
    public string? User { get; init; }

    /// <summary>Whether the members on the axes carry <see cref="Member.ChildCount"/> (XMLA clients show an expand button from it); false by default, since counting children indexes the level below.</summary>
    public bool MemberChildCounts { get; init; }

    /// <summary>
    /// The locale the result speaks (a locale or an <c>Accept-Language</c> value: the session's best offer, see
    /// <see cref="I18nConfig"/>): members' captions translated, cells formatted with its numbers and dates. Null: captions
    /// as named, values formatted invariantly.
    /// </summary>
    public string? Locale { get; init; }

    /// <summary>The roles of <see cref="User"/> for this query (a server passes those of the login, directory groups included); <see cref="SessionSecurity.RolesOf"/> when null.</summary>
    public IReadOnlyList<string>? Roles { get; init; }
}

/// <summary>How a query's table presents its values, as Atoti's query modes.</summary>
public enum QueryMode
{
    /// <summary>Members by caption; measure values formatted by their format strings when printed.</summary>
    Pretty,
    /// <summary>Members by unique name; values printed as they are.</summary>
    Raw,
}
