using System.Runtime.CompilerServices;
using Cuboid.Expressions;

namespace Cuboid.Aggregation.Primitives;

/// <summary>A primitive whose state is one double per cell, by the rules of <typeparamref name="TOp"/> (sum, sum of squares, product, min, max).</summary>
/// <param name="columnKeys">Whether a bare column input is read as its keys (dates as day numbers, times as ticks): for orderings, not sums.</param>
internal sealed class ScalarPrimitive<TOp>(bool columnKeys = false) : Primitive where TOp : struct, IScalarOp
{
    public override bool Subtractable => TOp.Subtractable;

    public override bool HasValues => true;

    public override double Identity => TOp.Identity;

    public override double Merge(double a, double b) => TOp.Merge(a, b);

    public override double Subtract(double state, double part) => TOp.Subtract(state, part);

    public override RowCalc? CompileInput(ColumnExpression input, Func<Column, Storage.TableStore> tableOf) =>
        columnKeys && input is Column c ? new ColumnCalc(tableOf(c), c.Schema, keysOnly: true) : base.CompileInput(input, tableOf);

    public override LeafState NewState(ScanPlan plan, int leaf, int capacity) => new ScalarState<TOp>(plan.Calcs[leaf], capacity);
}

/// <summary>One double per slot, folded by <typeparamref name="TOp"/>; nulls counted as for a count.</summary>
internal class ScalarState<TOp> : NonNullCountState where TOp : struct, IScalarOp
{
    public ScalarState(RowCalc? calc, int capacity) : base(calc, capacity)
    {
        Values = new double[capacity];
        if (TOp.Identity != 0) Array.Fill(Values, TOp.Identity);
    }

    protected double[] Values { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Add(in ScanBatch batch)
    {
        var slots = batch.Slots;
        var values = batch.Values;
        var acc = Values;
        if (!Calc!.Eval(batch.View, values, batch.Valid))
        {
            if (batch.OneCell)
            {
                // One cell: folded in a register, in row order as below (the same bits), without a store and reload a row.
                var folded = acc[0];
                foreach (var value in values[..slots.Length]) folded = TOp.Add(folded, value);
                acc[0] = folded;
                return;
            }
            for (var r = 0; r < slots.Length; r++)
            {
                var s = slots[r];
                if (s >= 0) acc[s] = TOp.Add(acc[s], values[r]);
            }
            return;
        }
        var valid = batch.Valid;
        var nulls = NullCounts();
        for (var r = 0; r < slots.Length; r++)
        {
            var s = slots[r];
            if (s < 0) continue;
            if (valid[r]) acc[s] = TOp.Add(acc[s], values[r]);
            else nulls[s]++;
        }
    }

    public override bool TakesPairs => true;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void AddPairs(in ScanBatch batch, ReadOnlySpan<int> rows)
    {
        var slots = batch.Slots;
        var values = batch.Values;
        var acc = Values;
        if (!Calc!.Eval(batch.View, values, batch.Valid))
        {
            for (var p = 0; p < slots.Length; p++) acc[slots[p]] = TOp.Add(acc[slots[p]], values[rows[p]]);
            return;
        }
        var valid = batch.Valid;
        var nulls = NullCounts();
        for (var p = 0; p < slots.Length; p++)
        {
            var r = rows[p];
            if (valid[r]) acc[slots[p]] = TOp.Add(acc[slots[p]], values[r]);
            else nulls[slots[p]]++;
        }
    }

    public override void Grow(int capacity)
    {
        var old = Values.Length;
        var values = Values;
        Array.Resize(ref values, capacity);
        Array.Fill(values, TOp.Identity, old, capacity - old);
        Values = values;
        base.Grow(capacity);
    }

    public override void MergeFrom(LeafState other, ReadOnlySpan<int> target)
    {
        base.MergeFrom(other, target);
        var from = ((ScalarState<TOp>)other).Values;
        for (var s = 0; s < target.Length; s++)
        {
            var t = target[s];
            if (t >= 0) Values[t] = TOp.Merge(Values[t], from[s]);
        }
    }

    public override LeafValues ToLeaf(AggregateSpec spec, int[] slots, long[] rows) => new(spec, [.. slots.Select(s => Values[s])], NonNull(slots, rows));
}
