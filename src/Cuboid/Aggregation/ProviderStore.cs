using System.Diagnostics;
using Cuboid.Expressions;
using Cuboid.Measures;
using Cuboid.Model;

namespace Cuboid.Aggregation;

/// <summary>
/// One aggregate provider's cells: the result of its levels and aggregations over the facts its
/// filter keeps, for one snapshot of the base scenario. A commit brings it to the next snapshot
/// (<see cref="Advance"/>) before queries see that one, so a query on the newest data finds it
/// current; a query on an older snapshot (an MDX query pinned to its version) scans instead.
/// </summary>
internal sealed class ProviderStore
{
    /// <summary>The cells at one snapshot, with the granularity they were built at (hierarchy indexes change with the model).</summary>
    private sealed record State(CubeSnapshot Snapshot, LevelRef[] Levels, AggregateResult Result);

    private readonly Cube _cube;
    private readonly Lock _buildLock = new();
    private readonly HashSet<string> _leafKeys;
    private volatile State? _state;

    private ProviderStore(Cube cube, string name, AggregateProvider definition)
    {
        (_cube, Name, Definition) = (cube, name, definition);
        Leaves = MeasureSet.Compile(definition.Measures).Leaves;
        _leafKeys = [.. Leaves.Select(l => l.Key)];
    }

    public string Name { get; }

    public AggregateProvider Definition { get; }

    /// <summary>The aggregations it keeps: those of its measures, contributors first.</summary>
    public AggregateSpec[] Leaves { get; }

    public int CellCount => _state?.Result.CellCount ?? 0;

    public long Bytes => _state?.Result.EstimatedBytes ?? 0;

    /// <summary>How the last commit brought the cells up to date: "update", "partitions", "build" or "failed" (for tests).</summary>
    public string? LastRefresh { get; private set; }

    /// <summary>Checks the definition against the cube and builds the cells on its newest data.</summary>
    public static ProviderStore Create(Cube cube, string name, AggregateProvider definition)
    {
        if (cube.FactTable.Store.External is not null)
        {
            // Its cells would be a scan of facts that are not in memory; the database answers those queries.
            throw new NotSupportedException($"Cube '{cube.Name}' reads its facts from a database (DirectQuery): aggregate providers keep aggregates of facts in memory only.");
        }
        foreach (var level in definition.Levels.Where(l => l.Hierarchy?.Cube != cube || !cube.Hierarchies.Contains(l.Hierarchy)))
        {
            throw new ArgumentException($"Level {level.UniqueName} is not a level of cube '{cube.Name}'.", nameof(definition));
        }
        if (definition.Levels.FirstOrDefault(l => cube.IndexOf(l.Hierarchy).IsParameter || l.Hierarchy == cube.EpochHierarchy) is { } parameter)
        {
            throw new ArgumentException($"Level {parameter.UniqueName} belongs to a parameter hierarchy, which has no facts to pre-aggregate.", nameof(definition));
        }
        foreach (var measure in definition.Measures.Where(m => m.Cube != cube))
        {
            throw new ArgumentException($"Measure '{measure}' is not a measure of cube '{cube.Name}'.", nameof(definition));
        }
        var store = new ProviderStore(cube, name, definition);
        store._state = store.Build(cube.Snapshot);
        return store;
    }

    public void Invalidate() => (_state, _failedOn) = (null, null);

    /// <summary>
    /// Brings the cells to a commit's snapshot: updated with the changed chunks when the aggregations
    /// allow, else rebuilt. A provider that fails to follow (out of memory, say) never fails the
    /// commit: it is dropped until its next use rebuilds it, and the log says so.
    /// </summary>
    public void Advance(CubeSnapshot next)
    {
        lock (_buildLock)
        {
            if (_state is not { } state || state.Snapshot == next) return;
            try
            {
                _state = Update(state, next);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _state = null;
                LastRefresh = "failed";
                _cube.Session.Log.Write($"aggregate provider '{Name}' of cube '{_cube.Name}' could not follow commit {next.Epoch} ({e.GetType().Name}); it is rebuilt when next used");
            }
        }
    }

    private State Update(State state, CubeSnapshot next)
    {
        if (state.Snapshot.Graph != next.Graph) return Build(next);
        _cube.Prepare(next, state.Levels.Select(l => l.Hierarchy.Hierarchy));
        var plan = new ScanPlan(next, state.Levels, FilterOn(next), Leaves, _cube.TableOf);
        var updated = IncrementalAggregation.Update(state.Snapshot, state.Result, plan, FilterOn, CancellationToken.None)
            ?? ProviderPartitions.Rebuild(_cube, Definition.Partitioning, state.Snapshot, state.Result, plan, FilterOn);
        LastRefresh = updated?.Source ?? "build";
        return updated is null ? Build(next) : new State(next, state.Levels, updated);
    }

    private State Build(CubeSnapshot snapshot)
    {
        var hierarchies = Definition.Levels.Select(l => l.Hierarchy).Distinct().ToList();
        _cube.Prepare(snapshot, hierarchies);
        LevelRef[] levels = [.. hierarchies.Select(h => new LevelRef(_cube.IndexOf(h), Definition.Levels.Where(l => l.Hierarchy == h).Max(l => l.Depth)))];
        var plan = new ScanPlan(snapshot, levels, FilterOn(snapshot), Leaves, _cube.TableOf);
        return new State(snapshot, levels, ScanKernel.Run(plan));
    }

    private RowCondition? FilterOn(CubeSnapshot snapshot) =>
        Definition.Filter is null ? null : _cube.CompileLevelFilter(snapshot, Definition.Filter).Filter;

    /// <summary>
    /// The request answered from the cells when they cover it: its aggregations among the kept
    /// ones, each of its levels one of the provider's or coarser in the same hierarchy, and its
    /// filter the provider's (if any) and conditions on covered levels. Null otherwise.
    /// </summary>
    public AggregateResult? Answer(AggregationScope scope, LevelRef[] levels, AggregateSpec[] leaves)
    {
        if (!leaves.All(l => _leafKeys.Contains(l.Key))) return null;   // before building: a request the cells cannot answer never builds them
        var state = _state ?? Rebuilt(scope.Snapshot);
        if (state is null || state.Snapshot != scope.Snapshot) return null;
        var sources = levels.Select(l => Array.FindIndex(state.Levels, p => p.Hierarchy == l.Hierarchy && p.Depth >= l.Depth)).ToArray();
        if (sources.Any(s => s < 0) || !Aggregator.KeepsManyLevels(state.Snapshot, state.Levels, levels)) return null;
        var exact = levels.Length == state.Levels.Length && levels.Select((l, i) => state.Levels[sources[i]].Depth == l.Depth).All(x => x);
        if (!exact && !leaves.All(l => l.Rollable)) return null;
        if (!CellFilter(state, scope.Filter, out var keep)) return null;
        var watch = Stopwatch.StartNew();
        var kept = keep is null ? state.Result : state.Result.Subset([.. Enumerable.Range(0, keep.Length).Where(c => keep[c])]);
        var answer = exact
            ? new AggregateResult(levels, [.. sources.Select(s => kept.Codes[s])], [.. leaves.Select(kept.Leaf)], TimeSpan.Zero, "provider")
            : Aggregator.RollUp(kept, levels, leaves);
        return new AggregateResult(answer.Levels, answer.Codes, answer.Leaves, watch.Elapsed, "provider") { Provider = Name };
    }

    /// <summary>
    /// After a change of model the cells are built again for the newest data, by the first query that could use them.
    /// Cells that cannot be built (a measure that reads through a join that became many-to-many) are not tried again
    /// on the same data: the request is answered without them, and fails or not on its own.
    /// </summary>
    private State? Rebuilt(CubeSnapshot snapshot)
    {
        if (snapshot != _cube.Snapshot || snapshot == _failedOn) return null;
        lock (_buildLock)
        {
            if (_state is not null || snapshot == _failedOn || !Definition.Levels.All(l => l.Hierarchy.Cube == _cube && _cube.Hierarchies.Contains(l.Hierarchy))) return _state;
            try
            {
                return _state = Build(snapshot);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _failedOn = snapshot;
                LastRefresh = "failed";
                _cube.Session.Log.Write($"aggregate provider '{Name}' of cube '{_cube.Name}' could not be built on commit {snapshot.Epoch} ({e.GetType().Name}); requests are answered without it");
                return null;
            }
        }
    }

    /// <summary>The data the cells last failed to build on.</summary>
    private CubeSnapshot? _failedOn;

    /// <summary>
    /// Which cells the request's filter keeps (null: all), or false when the filter needs more than
    /// the cells know: each of the provider's own conditions must be among the request's top-level
    /// ones, and the others must be conditions on the provider's levels or coarser ones.
    /// </summary>
    private bool CellFilter(State state, Condition? filter, out bool[]? keep)
    {
        keep = null;
        var operands = filter is null ? [] : filter is AndCondition and ? and.Operands.ToList() : [filter];
        var own = Definition.Filter is null ? [] : Definition.Filter is AndCondition pa ? pa.Operands : [Definition.Filter];
        foreach (var condition in own)
        {
            var key = ExpressionKey.Of(condition);
            var at = operands.FindIndex(o => ExpressionKey.Of(o) == key);
            if (at < 0) return false;
            operands.RemoveAt(at);
        }
        foreach (var operand in operands)
        {
            var accepted = Accepts(state, operand);
            if (accepted is null) return false;
            if (keep is null) keep = accepted;
            else for (var c = 0; c < keep.Length; c++) keep[c] &= accepted[c];
        }
        return true;
    }

    /// <summary>Each cell's answer to a condition on covered levels (AND, OR and NOT of them), or null.</summary>
    private bool[]? Accepts(State state, Condition condition)
    {
        var n = state.Result.CellCount;
        switch (condition)
        {
            case AndCondition or OrCondition:
                var parts = (condition is AndCondition a ? a.Operands : ((OrCondition)condition).Operands).Select(o => Accepts(state, o)).ToList();
                if (parts.Any(p => p is null)) return null;
                var all = condition is AndCondition;
                return [.. Enumerable.Range(0, n).Select(c => all ? parts.All(p => p![c]) : parts.Any(p => p![c]))];
            case NotCondition not:
                return Accepts(state, not.Operand) is { } inner ? [.. inner.Select(x => !x)] : null;
        }
        if (LevelFilter.LevelOf(condition) is not { } level) return null;
        var position = Array.FindIndex(state.Levels, p => p.Hierarchy.Hierarchy == level.Hierarchy && p.Depth >= level.Depth);
        if (position < 0) return null;
        var members = LevelFilter.AcceptedMembers(condition, _cube.IndexOf)!;
        var (index, depth) = (state.Levels[position].Hierarchy, state.Levels[position].Depth);
        var codes = state.Result.Codes[position];
        var result = new bool[n];
        for (var c = 0; c < n; c++)
        {
            var member = index.Members.Ancestor(depth, codes[c], level.Depth);
            result[c] = (uint)member < (uint)members.Length && members[member];
        }
        return result;
    }
}
