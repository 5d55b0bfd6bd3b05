using System.Runtime.CompilerServices;
using Cuboid.Aggregation.Primitives;
using Cuboid.Expressions;

namespace Cuboid.Aggregation;

/// <summary>
/// One worker's running aggregates, indexed by cell slot: one <see cref="LeafState"/> per
/// aggregation of the plan, the contributors count first. In dense mode a slot is the cell index
/// and the states cover the whole cell space; in hash mode slots are handed out as new cell keys
/// appear and the states grow.
/// </summary>
internal sealed class Accumulators
{
    private readonly ScanPlan _plan;
    private readonly LeafState[] _states;
    private readonly ContributorsState _contributors;
    private readonly Dictionary<long, int>? _slotOfKey;
    private readonly List<long>? _keys;
    private int _capacity;

    public Accumulators(ScanPlan plan)
    {
        _plan = plan;
        Scope = plan.Snapshot.Scope;
        _capacity = plan.Dense ? (int)plan.CellSpace : 1024;
        if (!plan.Dense)
        {
            _slotOfKey = [];
            _keys = [];
        }
        _states = [.. plan.Leaves.Select((spec, leaf) => spec.Primitive.NewState(plan, leaf, _capacity))];
        _contributors = (ContributorsState)_states[0];   // plans always put the contributors first
    }

    /// <summary>Each worker reads through its own scope (its own cache of composed join maps).</summary>
    public RowScope Scope { get; }

    private int SlotCount => _plan.Dense ? _capacity : _keys!.Count;

    /// <summary>Hash mode: the slot of each row's cell key, adding slots for new keys (-1 where <paramref name="include"/> is false; empty: all).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void SlotsOf(ReadOnlySpan<long> keys, ReadOnlySpan<bool> include, Span<int> slots)
    {
        for (var r = 0; r < keys.Length; r++)
        {
            slots[r] = !include.IsEmpty && !include[r] ? -1 : SlotOf(keys[r]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int SlotOf(long key)
    {
        if (_slotOfKey!.TryGetValue(key, out var slot)) return slot;
        slot = _keys!.Count;
        _slotOfKey.Add(key, slot);
        _keys.Add(key);
        if (slot == _capacity) Grow();
        return slot;
    }

    /// <summary>Accumulates a batch of rows into every aggregation.</summary>
    public void Add(in ScanBatch batch)
    {
        foreach (var state in _states) state.Add(batch);
    }

    /// <summary>Whether every aggregation takes (row, cell) pairs over a slice evaluated once (<see cref="LeafState.AddPairs"/>).</summary>
    public bool TakesPairs => _states.All(s => s.TakesPairs);

    /// <summary>Accumulates pairs: row <paramref name="rows"/>[p] of the batch's view into slot <c>batch.Slots[p]</c>.</summary>
    public void AddPairs(in ScanBatch batch, ReadOnlySpan<int> rows)
    {
        foreach (var state in _states) state.AddPairs(batch, rows);
    }

    /// <summary>Adds <paramref name="other"/>'s aggregates into this one.</summary>
    public Accumulators Merge(Accumulators other)
    {
        // Where each of the other's slots goes: its cell's slot here, or nowhere when it holds no row.
        var target = new int[other.SlotCount];
        var rows = other._contributors.Counts;
        for (var s = 0; s < target.Length; s++)
        {
            target[s] = rows[s] == 0 ? -1 : _plan.Dense ? s : SlotOf(other._keys![s]);
        }
        for (var leaf = 0; leaf < _states.Length; leaf++) _states[leaf].MergeFrom(other._states[leaf], target);
        return this;
    }

    /// <summary>The non-empty cells (at least one contributing row) with their member codes; <paramref name="rowsScanned"/> the fact rows read for them.</summary>
    public AggregateResult ToResult(TimeSpan elapsed, long rowsScanned)
    {
        var rows = _contributors.Counts;
        var slots = new List<int>();
        for (var s = 0; s < SlotCount; s++)
        {
            if (rows[s] > 0) slots.Add(s);
        }
        var levels = _plan.Levels.Length;
        var codes = new int[levels][];
        for (var l = 0; l < levels; l++) codes[l] = new int[slots.Count];
        for (var i = 0; i < slots.Count; i++)
        {
            var key = _plan.Dense ? slots[i] : _keys![slots[i]];
            for (var l = 0; l < levels; l++) codes[l][i] = (int)(key / _plan.Strides[l] % _plan.Cardinalities[l]);
        }
        int[] cells = [.. slots];
        LeafValues[] leaves = [.. _states.Select((state, leaf) => state.ToLeaf(_plan.Leaves[leaf], cells, rows))];
        return new AggregateResult(_plan.Levels, codes, leaves, elapsed, "scan") { RowsScanned = rowsScanned };
    }

    private void Grow()
    {
        _capacity *= 2;
        foreach (var state in _states) state.Grow(_capacity);
    }
}
