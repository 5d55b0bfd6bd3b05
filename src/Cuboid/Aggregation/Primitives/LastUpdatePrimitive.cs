using System.Runtime.CompilerServices;

namespace Cuboid.Aggregation.Primitives;

/// <summary>The latest commit time of the chunks holding a cell's rows (update.TIMESTAMP).</summary>
internal sealed class LastUpdatePrimitive : Primitive
{
    public override bool HasValues => true;

    public override double Identity => MaxOp.Identity;

    public override double Merge(double a, double b) => MaxOp.Merge(a, b);

    public override LeafState NewState(ScanPlan plan, int leaf, int capacity) => new LastUpdateState(capacity);

    /// <summary>A maximum of the chunk's commit time, stamped on every row: no input, no null.</summary>
    private sealed class LastUpdateState(int capacity) : ScalarState<MaxOp>(null, capacity)
    {
        public override bool TakesPairs => false;   // its own Add: pairs go through a selection

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override void Add(in ScanBatch batch)
        {
            var values = Values;
            var stamp = (double)batch.Timestamp;
            foreach (var s in batch.Slots)
            {
                if (s >= 0 && values[s] < stamp) values[s] = stamp;
            }
        }
    }
}
