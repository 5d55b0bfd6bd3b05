using System.Diagnostics;
using Cuboid.Expressions;
using Cuboid.Model;

namespace Cuboid.Aggregation;

/// <summary>
/// What an aggregation request reads, the same for C# queries, MDX and measures: one snapshot of
/// one scenario's data, the fact rows <see cref="Filter"/> keeps (conditions on levels and columns,
/// a user's restriction included), the members of parameter hierarchies <see cref="ParameterFilter"/>
/// keeps, and the members a restricted user may see.
/// </summary>
internal sealed record AggregationScope(CubeSnapshot Snapshot, string Scenario, Condition? Filter = null, Condition? ParameterFilter = null, VisibleMembers? Visible = null)
{
    /// <summary>Identifies the filters in aggregate cache keys (the snapshot and scenario are keyed apart).</summary>
    /// <summary>Both filters as one condition (which members of a dense level show).</summary>
    public Condition? Conditions => Filter is null ? ParameterFilter : ParameterFilter is null ? Filter : Filter & ParameterFilter;

    public string Key => (Filter is null ? "" : Expressions.ExpressionKey.Of(Filter)) + (ParameterFilter is null ? "" : "&" + Expressions.ExpressionKey.Of(ParameterFilter));
}

/// <summary>
/// Answers "these aggregations at this granularity" for a scope: from the aggregate cache, by
/// rolling up a finer result already at hand, from an aggregate provider that covers it, or from
/// the cube's <see cref="IAggregateSource"/> (a scan in memory).
/// </summary>
internal sealed class Aggregator
{
    private readonly Cube _cube;
    private readonly RowCondition? _filter;
    private readonly string _filterKey;

    public Aggregator(Cube cube, AggregationScope scope) : this(cube, scope, scope.Filter is null ? null : cube.CompileLevelFilter(scope.Snapshot, scope.Filter).Filter)
    {
    }

    /// <summary>With the scope's filter already compiled for its snapshot.</summary>
    private Aggregator(Cube cube, AggregationScope scope, RowCondition? filter)
    {
        _cube = cube;
        Scope = scope;
        _filter = filter;
        _filterKey = scope.Key;
    }

    public AggregationScope Scope { get; }

    /// <summary>The data the aggregator reads.</summary>
    public CubeSnapshot Snapshot => Scope.Snapshot;

    /// <summary>The cube asked.</summary>
    public Cube Cube => _cube;

    /// <summary>Cancels scans between fact chunks (an MDX query's time limit).</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>The conditions on fact rows.</summary>
    public Condition? Filter => Scope.Filter;

    /// <summary>Conditions on parameter hierarchies: they keep members of those hierarchies, not fact rows.</summary>
    public Condition? ParameterFilter => Scope.ParameterFilter;

    /// <summary>The scenario whose data <see cref="Snapshot"/> is.</summary>
    public string Scenario => Scope.Scenario;

    /// <summary>The members a restricted user may see (null: all): measures that walk a level walk only these.</summary>
    public VisibleMembers? Visible => Scope.Visible;

    /// <summary>The ranks of a level's members in display order, a restricted user's visible members first (<see cref="VisibleMembers.Ranks"/>).</summary>
    public int[] Ranks(HierarchyIndex index, int depth) => Visible?.Ranks(index, depth) ?? MemberOrder.Ranks(index, Snapshot, depth);

    /// <summary>The same question on another scenario's data (the filter compiled again for its snapshot).</summary>
    public Aggregator ForScenario(string scenario)
    {
        if (scenario == Scenario) return this;
        var other = _cube.SnapshotOf(scenario);
        return new Aggregator(_cube, Scope with { Snapshot = other, Scenario = scenario, Visible = Visible?.For(other, scenario) }) { Cancellation = Cancellation };
    }

    /// <summary>
    /// The same aggregator without the filter's conditions on <paramref name="hierarchy"/> (the
    /// parts of a top-level AND that only name its levels): for measures that ignore the query's
    /// filters on the hierarchy they walk (ParentValue, Rank with applyFilters false). Itself when nothing is dropped.
    /// </summary>
    public Aggregator Without(Hierarchy hierarchy)
    {
        if (Filter is null) return this;
        var parts = Filter is AndCondition and ? and.Operands : [Filter];
        // A user's restriction is never dropped, even when written on the hierarchy's levels.
        var restriction = Visible?.Restriction is { } r ? (r is AndCondition a ? a.Operands : [r]) : [];
        var kept = parts.Where(p => restriction.Contains(p) || !p.Subjects().All(s => s is Level l && l.Hierarchy == hierarchy)).ToList();
        if (kept.Count == parts.Count) return this;
        return new Aggregator(_cube, Scope with { Filter = kept.Count switch { 0 => null, 1 => kept[0], _ => new AndCondition(kept) } }) { Cancellation = Cancellation };
    }

    /// <summary>The same aggregator with <paramref name="condition"/> (on levels) added to its filter.</summary>
    public Aggregator Narrowed(Condition condition)
    {
        if (ParameterMembers.Concerns(condition))
        {
            return new Aggregator(_cube, Scope with { ParameterFilter = ParameterFilter is null ? condition : new AndCondition([ParameterFilter, condition]) }, _filter) { Cancellation = Cancellation };
        }
        var combined = Filter is null ? condition : new AndCondition([Filter, condition]);
        // Through a many-to-many join the conditions hold for one target row together, not each for some row: compiled as one.
        var filter = _filter is null || Snapshot.HasMany ? _cube.CompileLevelFilter(Snapshot, combined).Filter : new AndRowCondition([_filter, _cube.CompileLevelFilter(Snapshot, condition).Filter]);
        return new Aggregator(_cube, Scope with { Filter = combined }, filter)
        {
            Cancellation = Cancellation,
        };
    }

    private string KeyOf(LevelRef[] levels, AggregateSpec[] leaves) =>
        $"{string.Join(",", levels.Select(l => l.Key))}|{_filterKey}|{string.Join(",", leaves.Select(l => l.Key))}";

    /// <summary>
    /// Asks a source that batches (DirectQuery: GROUPING SETS) for several groupings of aggregations
    /// that do not roll up (a distinct count and its subtotals) in one go; the <see cref="Get"/> calls
    /// that follow are answered with them. Rollable aggregations need only the finest grouping, the
    /// others being rolled up from it.
    /// </summary>
    public void Prefetch(IReadOnlyList<LevelRef[]> granularities, AggregateSpec[] leaves)
    {
        var source = _cube.AggregateSource;
        if (!source.Batches || leaves.All(l => l.Rollable) || ParameterFilter is not null) return;
        var epoch = _cube.EpochHierarchy;
        var missing = granularities
            .Where(levels => !levels.Any(l => l.Hierarchy.IsParameter || l.Hierarchy.Hierarchy == epoch))
            .Select(levels => (Levels: levels, Key: KeyOf(levels, leaves)))
            .DistinctBy(g => g.Key)
            .Where(g => !_cube.Cache.TryGet(Snapshot.Epoch, g.Key, out _))
            .ToList();
        if (missing.Count < 2) return;
        var results = source.AggregateMany([.. missing.Select(g => new AggregateQuery(_cube, Scope, g.Levels, leaves, _filter, g.Key, Cancellation))]);
        lock (_prefetched)
        {
            for (var i = 0; i < missing.Count; i++) _prefetched[missing[i].Key] = results[i];
        }
    }

    /// <summary>Results <see cref="Prefetch"/> got, each handed out (and cached) by the first <see cref="Get"/> asking for it, as the source answered it.</summary>
    private readonly Dictionary<string, AggregateResult> _prefetched = [];

    /// <summary>
    /// The aggregations by these levels over the scope's facts: from the cache, a finer result rolled up, an aggregate
    /// provider, or the cube's source (a scan of the facts, or SQL), cached for the next request. Each request is a
    /// <c>cuboid.aggregate</c> span and counts in <c>cuboid.aggregate.requests</c> by what answered it.
    /// </summary>
    public AggregateResult Get(LevelRef[] levels, AggregateSpec[] leaves, AggregateResult? finer = null)
    {
        using var activity = CuboidTelemetry.Source.StartActivity("cuboid.aggregate");
        activity?.SetTag("cuboid.cube", _cube.Name);
        activity?.SetTag("cuboid.aggregate.levels", levels.Length);
        var key = KeyOf(levels, leaves);
        lock (_prefetched)
        {
            if (_prefetched.Remove(key, out var fetched))
            {
                _cube.Cache.Put(Snapshot.Epoch, key, fetched);
                return Answered(fetched, activity);
            }
        }
        if (_cube.Cache.TryGet(Snapshot.Epoch, key, out var cached))
        {
            return Answered(new AggregateResult(cached.Levels, cached.Codes, cached.Leaves, TimeSpan.Zero, "cache"), activity);
        }
        AggregateResult result;
        var epoch = _cube.EpochHierarchy;
        var branches = Array.FindIndex(levels, l => l.Hierarchy.Hierarchy == epoch);
        if (branches >= 0)
        {
            // Not cached here: each scenario's part is cached under its own data's epoch (and counted as its own request).
            return SideBySide(levels, branches, leaves);
        }
        if (epoch is not null && ParameterFilter is not null && OnlyBranch(epoch) is { } only && only != Scenario)
        {
            return ForScenario(only).Get(levels, leaves);   // the filter keeps one other scenario: its data answers
        }
        else if (levels.Any(l => l.Hierarchy.IsParameter))
        {
            result = ParameterMembers.Expand(Get([.. levels.Where(l => !l.Hierarchy.IsParameter)], leaves), levels, _cube, Snapshot, ParameterFilter);
        }
        else if (finer is not null && leaves.All(l => l.Rollable) && CanRollUp(finer, levels))
        {
            result = Answered(RollUp(finer, levels, leaves), activity);
        }
        else if (_cube.AggregateProviders.Answer(Scope, levels, leaves) is { } provided)
        {
            result = Answered(provided, activity);
        }
        else
        {
            result = Answered(_cube.AggregateSource.Aggregate(new AggregateQuery(_cube, Scope, levels, leaves, _filter, key, Cancellation)), activity);
        }
        _cube.Cache.Put(Snapshot.Epoch, key, result);
        return result;
    }

    /// <summary>Counts a request by what answered it (and the fact rows a scan read) and tags its span; returns <paramref name="result"/>.</summary>
    private AggregateResult Answered(AggregateResult result, System.Diagnostics.Activity? activity)
    {
        if (activity is null && !CuboidTelemetry.AggregateRequests.Enabled) return result;
        var tags = CuboidTelemetry.Tags(_cube.Session, _cube.Name);
        if (result.RowsScanned > 0) CuboidTelemetry.RowsScanned.Add(result.RowsScanned, tags);
        tags.Add("cuboid.aggregate.source", result.Source);
        CuboidTelemetry.AggregateRequests.Add(1, tags);
        activity?.SetTag("cuboid.aggregate.source", result.Source);
        activity?.SetTag("cuboid.cells", result.CellCount);
        return result;
    }

    /// <summary>The Epoch level on a request: each scenario the filter keeps answers from its own data, one result after the other.</summary>
    private AggregateResult SideBySide(LevelRef[] levels, int position, AggregateSpec[] leaves)
    {
        var epoch = levels[position];
        _cube.Prepare(Snapshot, [epoch.Hierarchy.Hierarchy]);
        var level = epoch.Hierarchy.Hierarchy.Levels[0];
        LevelRef[] rest = [.. levels.Where((_, i) => i != position)];
        var scenarios = _cube.Session.Scenarios;
        var parts = ParameterMembers.Kept(epoch, ParameterFilter)
            .Select(code => (Code: code, Name: (string)level.Source.ValueOf(epoch.Hierarchy.Members.Key(0, code))!))
            .Where(b => scenarios.Contains(b.Name))   // a deleted scenario stays a member, without data
            .Select(b => (b.Code, Result: ForScenario(b.Name).Get(rest, leaves)))
            .ToList();
        var n = parts.Sum(p => p.Result.CellCount);
        var codes = levels.Select(_ => new int[n]).ToArray();
        var offset = 0;
        foreach (var (code, part) in parts)
        {
            for (var l = 0; l < levels.Length; l++)
            {
                if (l == position) Array.Fill(codes[l], code, offset, part.CellCount);
                else Array.Copy(part.Codes[l < position ? l : l - 1], 0, codes[l], offset, part.CellCount);
            }
            offset += part.CellCount;
        }
        var merged = leaves.Select(spec =>
        {
            var pieces = parts.Select(p => p.Result.Leaf(spec)).ToList();
            return new LeafValues(spec,
                pieces.All(x => x.Values.Length == 0) ? [] : [.. pieces.SelectMany(x => x.Values)],
                [.. pieces.SelectMany(x => x.Counts)],
                pieces.All(x => x.Vectors.Length == 0) ? null : [.. pieces.SelectMany(x => x.Vectors)]);
        }).ToArray();
        return new AggregateResult(levels, codes, merged, TimeSpan.FromTicks(parts.Sum(p => p.Result.Elapsed.Ticks)), parts.Count == 0 ? "scan" : parts[0].Result.Source);
    }

    /// <summary>The one scenario the parameter filter keeps, if it keeps exactly one.</summary>
    private string? OnlyBranch(Hierarchy epoch)
    {
        var index = _cube.IndexOf(epoch);
        _cube.Prepare(Snapshot, [epoch]);
        var kept = ParameterMembers.Kept(new LevelRef(index, 0), ParameterFilter);
        return kept.Length == 1 ? (string?)epoch.Levels[0].Source.ValueOf(index.Members.Key(0, kept[0])) : null;
    }

    /// <summary>Each coarse level is a level of the same hierarchy at the same or a smaller depth in the finer result.</summary>
    /// <remarks>A finer result repeated over a parameter's members cannot be rolled up across them: each member would count the facts again.</remarks>
    /// <remarks>
    /// Nor across the levels of a many-to-many join's target: a fact counts once in each of its tags' cells, so adding
    /// them up (to the total, or from tags to their groups) would count it again; only the levels around them roll up.
    /// </remarks>
    private bool CanRollUp(AggregateResult finer, LevelRef[] levels) =>
        levels.All(l => finer.Levels.Any(f => f.Hierarchy == l.Hierarchy && f.Depth >= l.Depth))
        && finer.Levels.All(f => !f.Hierarchy.IsParameter)
        && KeepsManyLevels(Snapshot, finer.Levels, levels);

    /// <summary>Whether every level of <paramref name="finer"/> on a many-to-many join's target is in <paramref name="levels"/> at the same depth.</summary>
    internal static bool KeepsManyLevels(CubeSnapshot snapshot, LevelRef[] finer, LevelRef[] levels) =>
        !snapshot.HasMany || finer.All(f => f.Hierarchy.ManyOf(snapshot) is null || levels.Any(l => l.Hierarchy == f.Hierarchy && l.Depth == f.Depth));

    internal static AggregateResult RollUp(AggregateResult finer, LevelRef[] levels, AggregateSpec[] leaves)
    {
        var watch = Stopwatch.StartNew();
        var sources = levels.Select(l => Array.FindIndex(finer.Levels, f => f.Hierarchy == l.Hierarchy)).ToArray();
        var cellOf = new Dictionary<CellKey, int>();
        var codes = levels.Select(_ => new List<int>()).ToArray();
        var map = new int[finer.CellCount];
        for (var i = 0; i < map.Length; i++)
        {
            var key = new CellKey(levels.Length);
            for (var l = 0; l < levels.Length; l++)
            {
                var f = finer.Levels[sources[l]];
                key[l] = f.Hierarchy.Members.Ancestor(f.Depth, finer.Codes[sources[l]][i], levels[l].Depth);
            }
            if (!cellOf.TryGetValue(key, out var cell))
            {
                cell = cellOf.Count;
                cellOf.Add(key, cell);
                for (var l = 0; l < levels.Length; l++) codes[l].Add(key[l]);
            }
            map[i] = cell;
        }
        var n = cellOf.Count;
        var rolled = leaves.Select(spec => spec.Primitive.Combine(spec, n, [(finer.Leaf(spec), map, 1)])).ToArray();
        return new AggregateResult(levels, [.. codes.Select(c => c.ToArray())], rolled, watch.Elapsed, "rollup");
    }

    /// <summary>A small value-type key of member codes.</summary>
    private struct CellKey(int length) : IEquatable<CellKey>
    {
        private readonly int[] _codes = new int[length];

        public int this[int i]
        {
            readonly get => _codes[i];
            set => _codes[i] = value;
        }

        public readonly bool Equals(CellKey other) => _codes.AsSpan().SequenceEqual(other._codes);

        public override readonly bool Equals(object? obj) => obj is CellKey k && Equals(k);

        public override readonly int GetHashCode()
        {
            var hash = new HashCode();
            foreach (var c in _codes) hash.Add(c);
            return hash.ToHashCode();
        }
    }
}
