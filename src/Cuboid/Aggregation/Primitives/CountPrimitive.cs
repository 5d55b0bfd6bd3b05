using System.Runtime.CompilerServices;
using Cuboid.Expressions;

namespace Cuboid.Aggregation.Primitives;

/// <summary>Non-null values of an input under each cell.</summary>
internal sealed class CountPrimitive : Primitive
{
    public override bool Subtractable => true;

    // A bare date, time or text column is counted as it is.
    public override RowCalc? CompileInput(ColumnExpression input, Func<Column, Storage.TableStore> tableOf) =>
        input is Column c ? new ColumnCalc(tableOf(c), c.Schema, keysOnly: true) : base.CompileInput(input, tableOf);

    public override LeafState NewState(ScanPlan plan, int leaf, int capacity) => new NonNullCountState(plan.Calcs[leaf]!, capacity);
}

/// <summary>
/// Counts the nulls of an input per slot; non-null values are the contributors minus the nulls,
/// so a vector without nulls costs nothing here (and one scattered update per row for the kinds that add values).
/// </summary>
internal class NonNullCountState(RowCalc? calc, int capacity) : LeafState
{
    /// <summary>Nulls per slot, made on the first null.</summary>
    protected long[] Nulls { get; private set; } = [];

    protected int Capacity { get; private set; } = capacity;

    protected RowCalc? Calc => calc;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Add(in ScanBatch batch)
    {
        if (calc!.Eval(batch.View, batch.Values, batch.Valid)) CountNulls(batch.Slots, batch.Valid);
    }

    public override bool TakesPairs => true;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void AddPairs(in ScanBatch batch, ReadOnlySpan<int> rows)
    {
        if (calc!.Eval(batch.View, batch.Values, batch.Valid)) CountNulls(batch.Slots, batch.Valid, rows);
    }

    /// <summary>The nulls of pairs: row <paramref name="rows"/>[p]'s validity counted in slot <paramref name="slots"/>[p].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected void CountNulls(ReadOnlySpan<int> slots, ReadOnlySpan<bool> valid, ReadOnlySpan<int> rows)
    {
        var nulls = NullCounts();
        for (var p = 0; p < slots.Length; p++)
        {
            if (!valid[rows[p]]) nulls[slots[p]]++;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected void CountNulls(ReadOnlySpan<int> slots, ReadOnlySpan<bool> valid)
    {
        var nulls = NullCounts();
        for (var r = 0; r < slots.Length; r++)
        {
            var s = slots[r];
            if (s >= 0 && !valid[r]) nulls[s]++;
        }
    }

    protected long[] NullCounts() => Nulls.Length > 0 ? Nulls : Nulls = new long[Capacity];

    public override void Grow(int capacity)
    {
        Nulls = Grown(Nulls, capacity);
        Capacity = capacity;
    }

    public override void MergeFrom(LeafState other, ReadOnlySpan<int> target)
    {
        var from = ((NonNullCountState)other).Nulls;
        if (from.Length == 0) return;
        var nulls = NullCounts();
        for (var s = 0; s < target.Length; s++)
        {
            if (target[s] >= 0) nulls[target[s]] += from[s];
        }
    }

    public override LeafValues ToLeaf(AggregateSpec spec, int[] slots, long[] rows) => new(spec, [], NonNull(slots, rows));

    protected long[] NonNull(int[] slots, long[] rows) => [.. slots.Select(s => rows[s] - (Nulls.Length == 0 ? 0 : Nulls[s]))];
}
