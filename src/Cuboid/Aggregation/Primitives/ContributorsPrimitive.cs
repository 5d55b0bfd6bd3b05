using System.Runtime.CompilerServices;

namespace Cuboid.Aggregation.Primitives;

/// <summary>Fact rows under each cell: whether the cell exists, and the contributors.COUNT measure.</summary>
internal sealed class ContributorsPrimitive : Primitive
{
    public override bool Subtractable => true;

    public override LeafState NewState(ScanPlan plan, int leaf, int capacity) => new ContributorsState(capacity);
}

internal sealed class ContributorsState(int capacity) : LeafState
{
    /// <summary>Rows per slot: the accumulators read it to know which slots are cells.</summary>
    public long[] Counts { get; private set; } = new long[capacity];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Add(in ScanBatch batch)
    {
        var counts = Counts;
        if (batch.OneCell)
        {
            counts[0] += batch.Slots.Length;
            return;
        }
        foreach (var s in batch.Slots)
        {
            if (s >= 0) counts[s]++;
        }
    }

    public override bool TakesPairs => true;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void AddPairs(in ScanBatch batch, ReadOnlySpan<int> rows)
    {
        var counts = Counts;
        foreach (var s in batch.Slots) counts[s]++;
    }

    public override void Grow(int capacity) => Counts = Grown(Counts, capacity);

    public override void MergeFrom(LeafState other, ReadOnlySpan<int> target)
    {
        var from = ((ContributorsState)other).Counts;
        for (var s = 0; s < target.Length; s++)
        {
            if (target[s] >= 0) Counts[target[s]] += from[s];
        }
    }

    public override LeafValues ToLeaf(AggregateSpec spec, int[] slots, long[] rows) => new(spec, [], [.. slots.Select(s => rows[s])]);
}
