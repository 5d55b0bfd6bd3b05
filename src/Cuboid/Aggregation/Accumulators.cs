using System.Runtime.CompilerServices;
using Cuboid.Expressions;
using Cuboid.Storage;

namespace Cuboid.Aggregation;

/// <summary>
/// One worker's running aggregates, indexed by cell slot. In dense mode a slot is the cell
/// index and the arrays cover the whole cell space; in hash mode slots are handed out as new
/// cell keys appear and the arrays grow. Each aggregation has a value array (sum, min, max or
/// last update) and a count array (non-null values, rows, or distinct values at the end).
/// </summary>
internal sealed class Accumulators
{
    private readonly ScanPlan _plan;
    private readonly double[][] _values;
    private readonly long[][] _counts;
    private readonly HashSet<long>?[]?[] _distinct;
    private readonly List<double>?[]?[] _kept;   // per Quantile leaf: per slot, the values seen
    private readonly double[]?[]?[] _vectors;   // per VectorSum leaf: per slot, the element-wise sum
    private readonly ulong[]?[]?[] _bitmaps;   // per CountDistinct leaf with a bitmap range: per slot, bits over the key range
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
        var leaves = plan.Leaves;
        _values = new double[leaves.Length][];
        _counts = new long[leaves.Length][];
        _distinct = new HashSet<long>?[]?[leaves.Length];
        _bitmaps = new ulong[]?[]?[leaves.Length];
        _kept = new List<double>?[]?[leaves.Length];
        _vectors = new double[]?[]?[leaves.Length];
        for (var i = 0; i < leaves.Length; i++)
        {
            // Only the contributors need counts from the start; the other leaves count nulls, made on the first null.
            _counts[i] = i == Contributors ? new long[_capacity] : [];
            if (leaves[i].Kind is LeafKind.Sum or LeafKind.Min or LeafKind.Max or LeafKind.LastUpdate or LeafKind.SquareSum or LeafKind.Prod)
            {
                _values[i] = new double[_capacity];
                if (leaves[i].Kind == LeafKind.Prod) Array.Fill(_values[i], 1d);
                if (leaves[i].Kind == LeafKind.Min) Array.Fill(_values[i], double.PositiveInfinity);
                if (leaves[i].Kind is LeafKind.Max or LeafKind.LastUpdate) Array.Fill(_values[i], double.NegativeInfinity);
            }
            else
            {
                _values[i] = [];
            }
            if (leaves[i].Kind == LeafKind.Quantile) _kept[i] = new List<double>?[_capacity];
            if (leaves[i].Kind == LeafKind.VectorSum) _vectors[i] = new double[]?[_capacity];
            if (leaves[i].Kind != LeafKind.CountDistinct) continue;
            if (plan.DistinctRanges[i] is null) _distinct[i] = new HashSet<long>?[_capacity];
            else _bitmaps[i] = new ulong[]?[_capacity];
        }
    }

    /// <summary>Where the contributors leaf is: plans always put it first.</summary>
    private const int Contributors = 0;

    /// <summary>Each worker reads through its own scope (its own cache of composed join maps).</summary>
    public RowScope Scope { get; }

    private int SlotCount => _plan.Dense ? _capacity : _keys!.Count;

    /// <summary>Hash mode: the slot of each row's cell key, adding slots for new keys (-1 where <paramref name="include"/> is false; empty: all).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void SlotsOf(ReadOnlySpan<long> keys, ReadOnlySpan<bool> include, Span<int> slots)
    {
        var map = _slotOfKey!;
        for (var r = 0; r < keys.Length; r++)
        {
            if (!include.IsEmpty && !include[r]) { slots[r] = -1; continue; }
            var key = keys[r];
            if (!map.TryGetValue(key, out var slot))
            {
                slot = _keys!.Count;
                map.Add(key, slot);
                _keys.Add(key);
                if (slot == _capacity) Grow();
            }
            slots[r] = slot;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void CountRows(int leaf, ReadOnlySpan<int> slots)
    {
        var counts = _counts[leaf];
        foreach (var s in slots)
        {
            if (s >= 0) counts[s]++;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Stamp(int leaf, ReadOnlySpan<int> slots, long timestamp)
    {
        var values = _values[leaf];
        foreach (var s in slots)
        {
            if (s >= 0 && values[s] < timestamp) values[s] = timestamp;
        }
    }

    /// <summary>
    /// Accumulates values by slot; an empty <paramref name="valid"/> means no value is null.
    /// The count kept for these leaves is of nulls (non-null values = contributors − nulls), so a
    /// vector without nulls costs one scattered update per row, not two.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(int leaf, LeafKind kind, ReadOnlySpan<int> slots, ReadOnlySpan<double> values, ReadOnlySpan<bool> valid)
    {
        if (!valid.IsEmpty)
        {
            AddNullable(leaf, kind, slots, values, valid);
            return;
        }
        var acc = _values[leaf];
        var n = slots.Length;
        switch (kind)
        {
            case LeafKind.Sum:
                for (var r = 0; r < n; r++)
                {
                    var s = slots[r];
                    if (s >= 0) acc[s] += values[r];
                }
                break;
            case LeafKind.Count:
                break;   // no null: nothing to count beyond the contributors
            case LeafKind.SquareSum:
                for (var r = 0; r < n; r++)
                {
                    var s = slots[r];
                    if (s >= 0) acc[s] += values[r] * values[r];
                }
                break;
            case LeafKind.Prod:
                for (var r = 0; r < n; r++)
                {
                    var s = slots[r];
                    if (s >= 0) acc[s] *= values[r];
                }
                break;
            case LeafKind.Min:
                for (var r = 0; r < n; r++)
                {
                    var s = slots[r];
                    if (s >= 0 && values[r] < acc[s]) acc[s] = values[r];
                }
                break;
            case LeafKind.Max:
                for (var r = 0; r < n; r++)
                {
                    var s = slots[r];
                    if (s >= 0 && values[r] > acc[s]) acc[s] = values[r];
                }
                break;
            default:
                throw new InvalidOperationException(kind.ToString());
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddNullable(int leaf, LeafKind kind, ReadOnlySpan<int> slots, ReadOnlySpan<double> values, ReadOnlySpan<bool> valid)
    {
        if (_counts[leaf].Length == 0) _counts[leaf] = new long[_capacity];
        var nulls = _counts[leaf];
        var acc = _values[leaf];
        for (var r = 0; r < slots.Length; r++)
        {
            var s = slots[r];
            if (s < 0) continue;
            if (!valid[r])
            {
                nulls[s]++;
                continue;
            }
            switch (kind)
            {
                case LeafKind.Sum: acc[s] += values[r]; break;
                case LeafKind.Min: if (values[r] < acc[s]) acc[s] = values[r]; break;
                case LeafKind.Max: if (values[r] > acc[s]) acc[s] = values[r]; break;
                case LeafKind.SquareSum: acc[s] += values[r] * values[r]; break;
                case LeafKind.Prod: acc[s] *= values[r]; break;
            }
        }
    }

    /// <summary>Keeps each row's non-null value with its cell, for holistic aggregates (quantiles).</summary>
    public void Keep(int leaf, ReadOnlySpan<int> slots, ReadOnlySpan<double> values, ReadOnlySpan<bool> valid)
    {
        var lists = _kept[leaf]!;
        for (var r = 0; r < slots.Length; r++)
        {
            var s = slots[r];
            if (s < 0 || (!valid.IsEmpty && !valid[r])) continue;
            (lists[s] ??= []).Add(values[r]);
        }
    }

    /// <summary>
    /// Adds each row's array into its cell's vector, element by element. A null array (or an
    /// unmatched join) is counted as a null; arrays of another length than the cell's are an error.
    /// </summary>
    public void AddVectors(int leaf, ReadOnlySpan<int> slots, in ChunkView view)
    {
        var (table, column) = _plan.Calcs[leaf]!.AsColumn!.Value;
        var (source, rows) = view.Source(table);
        var n = slots.Length;
        using var idLease = BufferPool.Ints(n, out var idBuffer);
        ReadOnlySpan<int> ids;
        if (rows is not null)
        {
            ids = view.Map(rows, idBuffer);
        }
        else
        {
            var chunkBase = view.Index << Chunk.Shift;
            for (var r = 0; r < n; r++) idBuffer[r] = chunkBase | (view.Selection is { } sel ? sel[r] : view.Offset + r);
            ids = idBuffer[..n];
        }
        var sums = _vectors[leaf]!;
        for (var r = 0; r < n; r++)
        {
            var s = slots[r];
            if (s < 0) continue;
            var id = ids[r];
            var array = id < 0 ? null : source.Chunks[id >>> Chunk.Shift].Columns[column.Index].GetValue(id & Chunk.OffsetMask) as Array;
            if (array is null)
            {
                if (_counts[leaf].Length == 0) _counts[leaf] = new long[_capacity];
                _counts[leaf][s]++;
                continue;
            }
            var sum = sums[s] ??= new double[array.Length];
            if (sum.Length != array.Length)
            {
                throw new InvalidOperationException($"Column '{column.Name}' of table '{table.Name}' holds arrays of {sum.Length} and of {array.Length} elements in one cell: only arrays of one length add up element-wise.");
            }
            VectorMath.AddInto(sum, array);
        }
    }

    /// <summary>
    /// Distinct values: the column's key encoding when the input is a column (set as bits over the
    /// column's key range when that fits, hashed otherwise), the value's bits for expressions.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddDistinct(int leaf, ReadOnlySpan<int> slots, in ChunkView view)
    {
        var n = slots.Length;
        var calc = _plan.Calcs[leaf]!;
        using var keyLease = BufferPool.Longs(n, out var keys);
        if (calc.AsColumn is { } column)
        {
            ColumnGather.Keys(view, column.Table, column.Column, keys);
        }
        else
        {
            using var valueLease = BufferPool.Doubles(n, out var values);
            using var validLease = BufferPool.Bools(n, out var valid);
            calc.EvalWithValidity(view, values, valid);
            for (var r = 0; r < n; r++) keys[r] = valid[r] ? BitConverter.DoubleToInt64Bits(values[r]) : KeyEncoding.Null;
        }
        if (_plan.DistinctRanges[leaf] is var (min, width))
        {
            var bitmaps = _bitmaps[leaf]!;
            var words = (int)((width + 63) >> 6);
            for (var r = 0; r < n; r++)
            {
                var s = slots[r];
                var k = keys[r];
                if (s < 0 || k == KeyEncoding.Null) continue;
                var bit = (ulong)(k - min);
                if (bit >= (ulong)width) continue;   // a value added after the range was taken cannot be here: defensive
                (bitmaps[s] ??= new ulong[words])[bit >> 6] |= 1UL << (int)bit;
            }
            return;
        }
        var sets = _distinct[leaf]!;
        for (var r = 0; r < n; r++)
        {
            var s = slots[r];
            if (s < 0 || keys[r] == KeyEncoding.Null) continue;
            (sets[s] ??= []).Add(keys[r]);
        }
    }

    /// <summary>Adds <paramref name="other"/>'s aggregates into this one.</summary>
    public Accumulators Merge(Accumulators other)
    {
        var map = other._plan.Dense ? null : new int[other.SlotCount];
        for (var s = 0; map is not null && s < map.Length; s++)
        {
            var key = other._keys![s];
            if (!_slotOfKey!.TryGetValue(key, out var slot))
            {
                slot = _keys!.Count;
                _slotOfKey.Add(key, slot);
                _keys.Add(key);
                if (slot == _capacity) Grow();
            }
            map[s] = slot;
        }
        var contributors = other._counts[Contributors];
        for (var leaf = 0; leaf < _plan.Leaves.Length; leaf++)
        {
            var kind = _plan.Leaves[leaf].Kind;
            for (var s = 0; s < other.SlotCount; s++)
            {
                if (contributors[s] == 0) continue;
                var t = map is null ? s : map[s];
                if (other._counts[leaf].Length > 0 && other._counts[leaf][s] != 0)
                {
                    if (_counts[leaf].Length == 0) _counts[leaf] = new long[_capacity];
                    _counts[leaf][t] += other._counts[leaf][s];
                }
                switch (kind)
                {
                    case LeafKind.Sum or LeafKind.SquareSum: _values[leaf][t] += other._values[leaf][s]; break;
                    case LeafKind.Prod: _values[leaf][t] *= other._values[leaf][s]; break;
                    case LeafKind.Min: _values[leaf][t] = Math.Min(_values[leaf][t], other._values[leaf][s]); break;
                    case LeafKind.Max or LeafKind.LastUpdate: _values[leaf][t] = Math.Max(_values[leaf][t], other._values[leaf][s]); break;
                    case LeafKind.CountDistinct:
                        MergeDistinct(leaf, other, s, t);
                        break;
                    case LeafKind.Quantile:
                        if (other._kept[leaf]![s] is { } kept) (_kept[leaf]![t] ??= []).AddRange(kept);
                        break;
                    case LeafKind.VectorSum:
                        if (other._vectors[leaf]![s] is { } vector) _vectors[leaf]![t] = VectorMath.Merge(_vectors[leaf]![t], vector, _plan.Calcs[leaf]!.AsColumn!.Value.Column.Name);
                        break;
                }
            }
        }
        return this;
    }

    private void MergeDistinct(int leaf, Accumulators other, int from, int to)
    {
        if (other._bitmaps[leaf] is { } otherBitmaps)
        {
            if (otherBitmaps[from] is not { } bits) return;
            var mine = _bitmaps[leaf]![to];
            if (mine is null)
            {
                _bitmaps[leaf]![to] = bits;
                return;
            }
            for (var w = 0; w < bits.Length; w++) mine[w] |= bits[w];
        }
        else if (other._distinct[leaf]![from] is { } set)
        {
            (_distinct[leaf]![to] ??= []).UnionWith(set);
        }
    }

    /// <summary>The non-empty cells (at least one contributing row) with their member codes.</summary>
    public AggregateResult ToResult(TimeSpan elapsed)
    {
        var rows = _counts[Contributors];
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
        var leaves = new LeafValues[_plan.Leaves.Length];
        for (var leaf = 0; leaf < leaves.Length; leaf++)
        {
            var values = _values[leaf].Length == 0 ? [] : slots.Select(s => _values[leaf][s]).ToArray();
            if (_kept[leaf] is { } kept)
            {
                leaves[leaf] = QuantileLeaf(_plan.Leaves[leaf], slots.Select(s => kept[s]).ToArray());
                continue;
            }
            var counts = _plan.Leaves[leaf].Kind is LeafKind.Sum or LeafKind.Min or LeafKind.Max or LeafKind.Count or LeafKind.SquareSum or LeafKind.Prod or LeafKind.VectorSum
                ? slots.Select(s => rows[s] - (_counts[leaf].Length == 0 ? 0 : _counts[leaf][s])).ToArray()   // non-null values
                : _plan.Leaves[leaf].Kind != LeafKind.CountDistinct ? slots.Select(s => rows[s]).ToArray()
                : _bitmaps[leaf] is { } bitmaps ? slots.Select(s => (long)(bitmaps[s] is { } b ? Bits.Count(b) : 0)).ToArray()
                : slots.Select(s => (long)(_distinct[leaf]![s]?.Count ?? 0)).ToArray();
            leaves[leaf] = new LeafValues(_plan.Leaves[leaf], values, counts, _vectors[leaf] is { } vectors ? [.. slots.Select(s => vectors[s])] : null);
        }
        return new AggregateResult(_plan.Levels, codes, leaves, elapsed, "scan");
    }

    /// <summary>Each cell's quantile over its kept values (sorted here, once), and how many there were.</summary>
    private static LeafValues QuantileLeaf(AggregateSpec spec, List<double>?[] kept)
    {
        var values = new double[kept.Length];
        var counts = new long[kept.Length];
        Parallel.For(0, kept.Length, cell =>
        {
            if (kept[cell] is not { Count: > 0 } list) return;
            var sorted = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list);
            sorted.Sort();
            values[cell] = spec.Quantile!.Of(sorted);
            counts[cell] = sorted.Length;
        });
        return new LeafValues(spec, values, counts);
    }

    private void Grow()
    {
        var capacity = _capacity * 2;
        for (var i = 0; i < _counts.Length; i++)
        {
            if (_counts[i].Length > 0) Array.Resize(ref _counts[i], capacity);
            if (_values[i].Length > 0)
            {
                var old = _values[i].Length;
                Array.Resize(ref _values[i], capacity);
                var fill = _plan.Leaves[i].Kind switch
                {
                    LeafKind.Min => double.PositiveInfinity,
                    LeafKind.Sum or LeafKind.SquareSum => 0,
                    LeafKind.Prod => 1,
                    _ => double.NegativeInfinity,
                };
                Array.Fill(_values[i], fill, old, capacity - old);
            }
            if (_distinct[i] is not null) Array.Resize(ref _distinct[i], capacity);
            if (_bitmaps[i] is not null) Array.Resize(ref _bitmaps[i], capacity);
            if (_kept[i] is not null) Array.Resize(ref _kept[i], capacity);
            if (_vectors[i] is not null) Array.Resize(ref _vectors[i], capacity);
        }
        _capacity = capacity;
    }
}
