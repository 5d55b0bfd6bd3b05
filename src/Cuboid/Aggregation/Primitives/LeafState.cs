using Cuboid.Expressions;

namespace Cuboid.Aggregation.Primitives;

/// <summary>
/// The rows of one slice of a fact chunk, as a scan hands them to each aggregation: each row's
/// cell slot (−1: the row does not count), the slice itself, the chunk's commit time, and buffers
/// an aggregation may evaluate its input into.
/// </summary>
internal readonly ref struct ScanBatch(ReadOnlySpan<int> slots, ChunkView view, long timestamp, Span<double> values, Span<bool> valid, bool oneCell = false)
{
    public ReadOnlySpan<int> Slots { get; } = slots;

    /// <summary>Every row goes to slot 0 (a query without levels, no row left out): states may fold the batch in a register.</summary>
    public bool OneCell { get; } = oneCell;
    public ChunkView View { get; } = view;
    public long Timestamp { get; } = timestamp;
    public Span<double> Values { get; } = values;
    public Span<bool> Valid { get; } = valid;
}

/// <summary>One worker's running state of one aggregation, indexed by cell slot.</summary>
internal abstract class LeafState
{
    /// <summary>Accumulates a batch of rows.</summary>
    public abstract void Add(in ScanBatch batch);

    /// <summary>Whether <see cref="AddPairs"/> is implemented: a many-to-many scan then evaluates a slice's input once for all of a row's cells.</summary>
    public virtual bool TakesPairs => false;

    /// <summary>
    /// Accumulates (row, cell) pairs: the input evaluated once over the batch's view (Values and Valid as long as it),
    /// then row <paramref name="rows"/>[p] of the view added to slot <c>batch.Slots[p]</c>, for each pair p.
    /// </summary>
    public virtual void AddPairs(in ScanBatch batch, ReadOnlySpan<int> rows) => throw new NotSupportedException($"{GetType().Name} takes no pairs.");

    /// <summary>Makes room for <paramref name="capacity"/> slots (hash mode, as new cells appear).</summary>
    public abstract void Grow(int capacity);

    /// <summary>Adds <paramref name="other"/>'s slots into this state's: slot s goes to <paramref name="target"/>[s], or nowhere when it is −1.</summary>
    public abstract void MergeFrom(LeafState other, ReadOnlySpan<int> target);

    /// <summary>The values of the given slots (the non-empty cells), with <paramref name="rows"/> fact rows per slot.</summary>
    public abstract LeafValues ToLeaf(AggregateSpec spec, int[] slots, long[] rows);

    protected static long[] Grown(long[] array, int capacity)
    {
        if (array.Length > 0) Array.Resize(ref array, capacity);
        return array;
    }
}
