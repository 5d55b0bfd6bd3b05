using Cuboid.Aggregation;
using Cuboid.Expressions;
using Cuboid.Measures;
using Cuboid.Model;
using Cuboid.Results;

namespace Cuboid;

public sealed partial class Cube
{
    /// <summary>
    /// Measures by levels: one row per combination of members with data (all combinations with
    /// <paramref name="includeEmptyRows"/>), levels then measures as columns, rows in member
    /// order. <paramref name="filter"/> restricts the fact rows by level (or column) conditions;
    /// <paramref name="includeTotals"/> adds the grand total and a subtotal row above each group.
    /// <paramref name="scenario"/> reads that scenario's data (the base scenario's by default). With <paramref name="user"/>, the
    /// query runs as that user: only the facts their roles' restrictions allow (<see cref="SessionSecurity.Restrictions"/>)
    /// are read, so every total, subtotal and post-processed measure is over what they may see; the measures and
    /// hierarchies hidden from them are unknown names. <paramref name="roles"/> are the user's for this query (a login's,
    /// directory groups included: a custom endpoint passes <see cref="EndpointUser.Roles"/>); their session roles when null.
    /// </summary>
    public QueryResult Query(IEnumerable<Measure> measures, IEnumerable<Level>? levels = null, Condition? filter = null,
        bool includeTotals = false, bool includeEmptyRows = false, string? scenario = null, string? user = null, IEnumerable<string>? roles = null)
    {
        ArgumentNullException.ThrowIfNull(measures);
        var access = Session.Security.AccessOf(user, roles);
        var measureList = measures.ToList();
        var levelList = (levels ?? []).ToList();
        if (!access.IsEverything) CheckVisible(access, measureList, levelList, filter);
        var restricted = access.Restriction is not { } restriction ? filter : filter is null ? restriction : restriction & filter;
        using var telemetry = QueryTelemetry.Start(Session, "csharp");
        telemetry.Cube = Name;
        try
        {
            var result = Query(measureList, levelList, restricted, includeTotals, includeEmptyRows, scenario, at: null, access.Restriction);
            telemetry.Succeeded(user, result.RowCount);
            return result;
        }
        catch (Exception e) when (telemetry.Failed(e))
        {
            throw;   // never reached: the filter notes the failure and lets it go on
        }
    }

    /// <summary>A hidden measure or hierarchy does not exist for the user: refused as an unknown name is, telling nothing more.</summary>
    private void CheckVisible(DataAccess access, List<Measure> measures, List<Level> levels, Condition? filter)
    {
        if (measures.FirstOrDefault(m => !access.Sees(m)) is { } measure) throw new KeyNotFoundException($"Cube '{Name}' has no measure '{measure.Name}'.");
        var named = levels.Select(l => l.Hierarchy).Concat(FilterHierarchies(filter));
        if (named.FirstOrDefault(h => !access.Sees(h)) is { } hierarchy) throw new KeyNotFoundException($"Cube '{Name}' has no hierarchy '{hierarchy.Name}'.");
    }

    /// <summary>The query on a given snapshot of the scenario's data (an MDX query's own version), or on the newest when <paramref name="at"/> is null.</summary>
    /// <remarks><paramref name="restriction"/>, a user's (already part of <paramref name="filter"/>), also hides the members without facts they may see.</remarks>
    internal QueryResult Query(IEnumerable<Measure> measures, IEnumerable<Level>? levels, Condition? filter,
        bool includeTotals, bool includeEmptyRows, string? scenario, CubeSnapshot? at, Condition? restriction = null)
    {
        ArgumentNullException.ThrowIfNull(measures);
        var measureList = measures.ToList();
        var levelList = (levels ?? []).ToList();
        foreach (var m in measureList.Where(m => m.Cube != this)) throw new ArgumentException($"Measure '{m}' is not a measure of cube '{Name}'; assign it to cube.Measures first.", nameof(measures));
        foreach (var l in levelList.Where(l => l.Hierarchy.Cube != this || !Hierarchies.Contains(l.Hierarchy)))
        {
            throw new ArgumentException($"Level {l.UniqueName} is not a level of cube '{Name}'.", nameof(levels));
        }
        var snapshot = at ?? (scenario is null ? Snapshot : SnapshotOf(scenario));
        filter = WithSlicingDefaults(snapshot, filter, levelList);
        Prepare(snapshot, levelList.Select(l => l.Hierarchy).Concat(FilterHierarchies(filter)));
        // Conditions on parameter hierarchies keep their members; the others keep fact rows.
        var (rows, parameters) = ParameterMembers.Split(filter);
        var measureSet = MeasureSet.Compile(measureList);
        var aggregator = new Aggregator(this, new AggregationScope(snapshot, scenario ?? Session.BaseScenario, rows, parameters,
            restriction is null ? null : new VisibleMembers(this, snapshot, restriction, scenario ?? Session.BaseScenario)));
        // Dense measures need the members without facts as cells too.
        var dense = DenseCells.Of(measureList);
        AggregateResult Complete(AggregateResult r) => dense.Count == 0 ? r : DenseCells.Complete(r, dense, aggregator.Scope.Conditions);
        if (includeTotals) aggregator.Prefetch([.. Enumerable.Range(0, levelList.Count + 1).Select(k => Granularity(levelList[..k]))], measureSet.Leaves);
        var full = Complete(aggregator.Get(Granularity(levelList), measureSet.Leaves));
        var parts = new List<(AggregateResult Result, int Depth)> { (full, levelList.Count) };
        for (var k = includeTotals ? levelList.Count - 1 : -1; k >= 0; k--)
        {
            parts.Add((Complete(aggregator.Get(Granularity(levelList[..k]), measureSet.Leaves, full)), k));
        }
        var builder = new ResultBuilder(snapshot, levelList, measureList, measureSet.Calcs, IndexOf, aggregator);
        return builder.Build(parts, includeEmptyRows ? full : null);
    }

    /// <summary>
    /// A slicing hierarchy has no All member: a query that neither shows it nor filters on it sees
    /// its default member, the first one (as FoodMart's Time shows 1997 unless asked otherwise).
    /// </summary>
    private Condition? WithSlicingDefaults(CubeSnapshot snapshot, Condition? filter, List<Level> levels)
    {
        var mentioned = levels.Select(l => l.Hierarchy).Concat(FilterHierarchies(filter)).ToHashSet();
        // Epoch is not sliced by a filter: a query reads its own scenario's data unless it names branches.
        foreach (var hierarchy in Hierarchies.Where(h => h.Slicing && !mentioned.Contains(h) && h != EpochHierarchy))
        {
            var index = IndexOf(hierarchy);
            Prepare(snapshot, [hierarchy]);
            var ranks = MemberOrder.Ranks(index, snapshot, 0);
            var first = Array.IndexOf(ranks, 0);
            if (first < 0) continue;
            var top = hierarchy.Levels[0];
            Condition slice = top == top.Source.ValueOf(index.Members.Key(0, first));
            filter = filter is null ? slice : filter & slice;
        }
        return filter;
    }

    /// <summary>One group level per hierarchy: the deepest level asked of it.</summary>
    private LevelRef[] Granularity(IReadOnlyList<Level> levels) =>
        [.. levels.Select(l => l.Hierarchy).Distinct().Select(h => new LevelRef(IndexOf(h), levels.Where(l => l.Hierarchy == h).Max(l => l.Depth)))];

    /// <summary>Computes every hierarchy's members (MDX navigates them all).</summary>
    internal void PrepareAll(CubeSnapshot snapshot) => Prepare(snapshot, Hierarchies);

    /// <summary>A condition on levels as a row filter, with its cache key (for measures that filter their own aggregation).</summary>
    internal (RowCondition Filter, string Key) CompileLevelFilter(CubeSnapshot snapshot, Condition condition)
    {
        Prepare(snapshot, FilterHierarchies(condition));
        return (LevelFilter.Compile(condition, snapshot, IndexOf, TableOf), ExpressionKey.Of(condition));
    }

    /// <summary>Computes the member codes a query will read before it starts, so member counts are final.</summary>
    /// <remarks>Scans size their cell space from the member counts, so every level a scan groups by must be prepared first.</remarks>
    internal void Prepare(CubeSnapshot snapshot, IEnumerable<Hierarchy> hierarchies)
    {
        foreach (var hierarchy in hierarchies.Distinct())
        {
            var index = IndexOf(hierarchy);
            if (index.FactAnchored(snapshot.Graph) && FactTable.Store.External is { } external) external.PrepareMembers(this, snapshot, index);
            else if (index.FactAnchored(snapshot.Graph)) Parallel.For(0, snapshot.Fact.Chunks.Length, c => index.FactChunkCodes(snapshot, c));
            else index.AnchorCodes(hierarchy == EpochHierarchy ? Snapshot : snapshot);   // the scenarios are listed in the base's data
        }
    }

    private static IEnumerable<Hierarchy> FilterHierarchies(Condition? condition) => condition switch
    {
        null => [],
        ComparisonCondition { Subject: Level l } => [l.Hierarchy],
        IsInCondition { Subject: Level l } => [l.Hierarchy],
        IsNullCondition { Subject: Level l } => [l.Hierarchy],
        MembersCondition m => [m.Level.Hierarchy],
        CompositeCondition c => c.Operands.SelectMany(FilterHierarchies),
        NotCondition n => FilterHierarchies(n.Operand),
        _ => [],
    };
}
