using System.Runtime.InteropServices;

namespace Cuboid.Aggregation.Primitives;

/// <summary>A quantile of the values under each cell. Holistic: each cell's values are kept until the end of the scan.</summary>
internal sealed class QuantilePrimitive : Primitive
{
    public override bool Rollable => false;

    public override LeafState NewState(ScanPlan plan, int leaf, int capacity) => new KeptValues(plan, leaf, capacity);

    private sealed class KeptValues(ScanPlan plan, int leaf, int capacity) : LeafState
    {
        private List<double>?[] _kept = new List<double>?[capacity];

        public override void Add(in ScanBatch batch)
        {
            var hasNulls = plan.Calcs[leaf]!.Eval(batch.View, batch.Values, batch.Valid);
            var slots = batch.Slots;
            var values = batch.Values;
            var valid = batch.Valid;
            for (var r = 0; r < slots.Length; r++)
            {
                var s = slots[r];
                if (s < 0 || (hasNulls && !valid[r])) continue;
                (_kept[s] ??= []).Add(values[r]);
            }
        }

        public override void Grow(int capacity) => Array.Resize(ref _kept, capacity);

        public override void MergeFrom(LeafState other, ReadOnlySpan<int> target)
        {
            var from = ((KeptValues)other)._kept;
            for (var s = 0; s < target.Length; s++)
            {
                if (target[s] >= 0 && from[s] is { } kept) (_kept[target[s]] ??= []).AddRange(kept);
            }
        }

        /// <summary>Each cell's quantile over its kept values (sorted here, once), and how many there were.</summary>
        public override LeafValues ToLeaf(AggregateSpec spec, int[] slots, long[] rows)
        {
            var values = new double[slots.Length];
            var counts = new long[slots.Length];
            Parallel.For(0, slots.Length, cell =>
            {
                if (_kept[slots[cell]] is not { Count: > 0 } list) return;
                var sorted = CollectionsMarshal.AsSpan(list);
                sorted.Sort();
                values[cell] = spec.Quantile!.Of(sorted);
                counts[cell] = sorted.Length;
            });
            return new LeafValues(spec, values, counts);
        }
    }
}
