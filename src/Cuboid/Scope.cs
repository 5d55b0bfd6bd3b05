namespace Cuboid;

/// <summary>
/// Where an aggregation of a measure (<c>Agg.Sum(m["Price"] * m["Qty"], Scope.Origin(l["Product"]))</c>)
/// takes the values it aggregates, as Atoti's scopes.
/// </summary>
public abstract class Scope
{
    private protected Scope()
    {
    }

    /// <summary>
    /// Running aggregation along <paramref name="level"/> (in level order): each cell aggregates the
    /// cells from <paramref name="windowStart"/> members before it (all before when null) to
    /// <paramref name="windowEnd"/> members after it; it restarts at each member of <paramref name="partitioning"/>.
    /// </summary>
    /// <remarks>With <paramref name="dense"/>, every member of the level counts, those without facts too: the running value continues over them (a month with no sale shows the total so far).</remarks>
    public static Scope Cumulative(Level level, int? windowStart = null, int windowEnd = 0, Level? partitioning = null, bool dense = false) =>
        new CumulativeScope(level, windowStart, windowEnd, partitioning, period: null) { Dense = dense };

    /// <summary>
    /// Running aggregation along a date level over a window of ISO-8601 periods: each cell aggregates the
    /// cells whose dates lie from its date moved by <paramref name="windowStart"/> (<c>"-P3M"</c>; null: from
    /// the first) to its date moved by <paramref name="windowEnd"/> (default: the date itself), ends included.
    /// </summary>
    public static Scope Cumulative(Level level, string? windowStart, string windowEnd = "P0D", Level? partitioning = null, bool dense = false)
        => new CumulativeScope(level.RequireDates("A cumulative window in periods"), null, 0, partitioning,
            new DateWindow(windowStart is null ? null : DatePeriod.Parse(windowStart), DatePeriod.Parse(windowEnd)))
        { Dense = dense };

    /// <summary>The measure is computed at the granularity of <paramref name="levels"/> (and the query's), then aggregated up to the cell.</summary>
    public static Scope Origin(params Level[] levels) => new OriginScope(levels);

    /// <summary>Each cell aggregates its siblings on <paramref name="hierarchy"/> (the members with the same parent), itself included unless <paramref name="excludeSelf"/>.</summary>
    public static Scope Siblings(Hierarchy hierarchy, bool excludeSelf = false) => new SiblingsScope(hierarchy, excludeSelf);
}

/// <summary>See <see cref="Scope.Cumulative(Level, int?, int, Level?, bool)"/>.</summary>
public sealed class CumulativeScope : Scope
{
    internal CumulativeScope(Level level, int? windowStart, int windowEnd, Level? partitioning, DateWindow? period)
    {
        Period = period;
        Level = level;
        WindowStart = windowStart;
        WindowEnd = windowEnd;
        Partitioning = partitioning;
    }

    /// <summary>The level the aggregation runs along.</summary>
    public Level Level { get; }

    /// <summary>Members before the cell's (negative or zero; null: from the first).</summary>
    public int? WindowStart { get; }

    /// <summary>Members after the cell's (0: up to the cell).</summary>
    public int WindowEnd { get; }

    /// <summary>A level (of the same hierarchy, above <see cref="Level"/>) where the aggregation restarts.</summary>
    public Level? Partitioning { get; }

    /// <summary>The window in date periods, instead of members, when given.</summary>
    public DateWindow? Period { get; }

    /// <summary>Whether members without facts count too (and get a value).</summary>
    public bool Dense { get; init; }
}

/// <summary>See <see cref="Scope.Origin"/>.</summary>
public sealed class OriginScope : Scope
{
    internal OriginScope(IReadOnlyList<Level> levels) => Levels = levels;

    /// <summary>The levels the measure is computed at.</summary>
    public IReadOnlyList<Level> Levels { get; }
}

/// <summary>See <see cref="Scope.Siblings"/>.</summary>
public sealed class SiblingsScope : Scope
{
    internal SiblingsScope(Hierarchy hierarchy, bool excludeSelf)
    {
        Hierarchy = hierarchy;
        ExcludeSelf = excludeSelf;
    }

    /// <summary>The hierarchy whose siblings are aggregated.</summary>
    public Hierarchy Hierarchy { get; }

    /// <summary>Whether the cell's own member is left out.</summary>
    public bool ExcludeSelf { get; }
}

/// <summary>An aggregation of a measure's values over a <see cref="Scope"/>.</summary>
internal sealed class ScopedAggregation : MeasureDefinition
{
    internal ScopedAggregation(AggregationFunction function, MeasureDefinition measure, Scope scope, QuantileOptions? quantile = null)
    {
        Function = function;
        Measure = measure;
        Scope = scope;
        Quantile = quantile;
    }

    /// <summary>Which quantile, for <see cref="AggregationFunction.Quantile"/>.</summary>
    public QuantileOptions? Quantile { get; }

    /// <summary>The aggregation function.</summary>
    public AggregationFunction Function { get; }

    /// <summary>The measure aggregated.</summary>
    public MeasureDefinition Measure { get; }

    /// <summary>Where the values come from.</summary>
    public Scope Scope { get; }

    internal override IEnumerable<MeasureDefinition> Operands => [Measure];

    /// <inheritdoc/>
    public override string ToString() => $"{Function}({Measure}, {Scope.GetType().Name})";
}

/// <summary>A cumulative window in date periods: from the cell's date moved by <paramref name="Start"/> (null: from the first) to its date moved by <paramref name="End"/>.</summary>
public sealed record DateWindow(DatePeriod? Start, DatePeriod End);
