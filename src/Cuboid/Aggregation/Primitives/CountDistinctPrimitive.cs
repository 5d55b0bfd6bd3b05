using System.Runtime.CompilerServices;
using Cuboid.Expressions;
using Cuboid.Storage;

namespace Cuboid.Aggregation.Primitives;

/// <summary>
/// Distinct values of an input under each cell: the column's key encoding when the input is a
/// column (bits over the column's key range when they fit the budget, hashed otherwise), the
/// value's bits for expressions. Holistic: a coarser cell cannot be made of finer ones.
/// </summary>
internal sealed class CountDistinctPrimitive : Primitive
{
    public override bool Rollable => false;

    public override RowCalc? CompileInput(ColumnExpression input, Func<Column, TableStore> tableOf) => RowCalc.CompileDistinct(input, tableOf);

    /// <summary>The key range bitmaps cover, when they fit the budget (else hash sets are used).</summary>
    public override object? Prepare(ScanPlan plan, int leaf)
    {
        if (plan.Calcs[leaf]!.AsColumn is not { } source) return null;
        // A fact row the joins do not match reads the column's default, which no row may hold: the
        // range must include its key (and a default string must have its code before the range is taken).
        var fallback = KeyEncoding.Null;
        if (source.Table != plan.Snapshot.Graph.Fact.Store) KeyEncoding.TryEncodeValue(source.Column, source.Column.DefaultValue, addToDictionary: true, out fallback);
        if (KeyRange.Of(plan.Snapshot.Data[source.Table], source.Column) is not { } range) return null;
        if (fallback != KeyEncoding.Null) range = (Math.Min(range.Min, fallback), Math.Max(range.Max, fallback));
        var width = range.Max - range.Min + 1;
        var cells = plan.Dense ? plan.CellSpace : 1L << 16;
        return width <= (1L << 31) && cells * ((width + 63) / 64) * 8 <= ScanPlan.DenseBudgetBytes ? new BitmapRange(range.Min, width) : null;
    }

    public override LeafState NewState(ScanPlan plan, int leaf, int capacity) => new DistinctState(plan.Calcs[leaf]!, plan.Prepared[leaf] as BitmapRange, capacity);

    private sealed record BitmapRange(long Min, long Width);

    private sealed class DistinctState(RowCalc calc, BitmapRange? range, int capacity) : LeafState
    {
        private HashSet<long>?[] _sets = range is null ? new HashSet<long>?[capacity] : [];
        private ulong[]?[] _bitmaps = range is null ? [] : new ulong[]?[capacity];

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override void Add(in ScanBatch batch)
        {
            var slots = batch.Slots;
            var n = slots.Length;
            using var keyLease = BufferPool.Longs(n, out var keys);
            if (calc.AsColumn is { } column)
            {
                ColumnGather.Keys(batch.View, column.Table, column.Column, keys);
            }
            else
            {
                calc.EvalWithValidity(batch.View, batch.Values, batch.Valid);
                for (var r = 0; r < n; r++) keys[r] = batch.Valid[r] ? BitConverter.DoubleToInt64Bits(batch.Values[r]) : KeyEncoding.Null;
            }
            if (range is var (min, width))
            {
                var words = (int)((width + 63) >> 6);
                for (var r = 0; r < n; r++)
                {
                    var s = slots[r];
                    var k = keys[r];
                    if (s < 0 || k == KeyEncoding.Null) continue;
                    var bit = (ulong)(k - min);
                    if (bit >= (ulong)width) continue;   // a value added after the range was taken cannot be here: defensive
                    (_bitmaps[s] ??= new ulong[words])[bit >> 6] |= 1UL << (int)bit;
                }
                return;
            }
            for (var r = 0; r < n; r++)
            {
                var s = slots[r];
                if (s < 0 || keys[r] == KeyEncoding.Null) continue;
                (_sets[s] ??= []).Add(keys[r]);
            }
        }

        public override void Grow(int capacity)
        {
            if (_sets.Length > 0) Array.Resize(ref _sets, capacity);
            if (_bitmaps.Length > 0) Array.Resize(ref _bitmaps, capacity);
        }

        public override void MergeFrom(LeafState other, ReadOnlySpan<int> target)
        {
            var from = (DistinctState)other;
            for (var s = 0; s < target.Length; s++)
            {
                var t = target[s];
                if (t < 0) continue;
                if (range is not null)
                {
                    if (from._bitmaps[s] is not { } bits) continue;
                    if (_bitmaps[t] is not { } mine) _bitmaps[t] = bits;
                    else for (var w = 0; w < bits.Length; w++) mine[w] |= bits[w];
                }
                else if (from._sets[s] is { } set)
                {
                    (_sets[t] ??= []).UnionWith(set);
                }
            }
        }

        public override LeafValues ToLeaf(AggregateSpec spec, int[] slots, long[] rows) => new(spec, [], range is not null
            ? [.. slots.Select(s => (long)(_bitmaps[s] is { } b ? Bits.Count(b) : 0))]
            : [.. slots.Select(s => (long)(_sets[s]?.Count ?? 0))]);
    }
}
