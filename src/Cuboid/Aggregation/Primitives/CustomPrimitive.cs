using System.Runtime.CompilerServices;

namespace Cuboid.Aggregation.Primitives;

/// <summary>
/// A plug-in's <see cref="IAggregationFunction"/> as a primitive: one double of state per cell, folded with its Add, combined
/// with its Merge — the rules of the built-in <see cref="ScalarPrimitive{TOp}"/>, through an interface call a value.
/// </summary>
internal sealed class CustomPrimitive(IAggregationFunction function) : Primitive
{
    public IAggregationFunction Function { get; } = function;

    public override bool HasValues => true;

    public override double Identity => Function.Identity;

    public override double Merge(double a, double b) => Function.Merge(a, b);

    public override LeafState NewState(ScanPlan plan, int leaf, int capacity) => new CustomState(Function, plan.Calcs[leaf], capacity);
}

/// <summary>A worker's states of one custom aggregation, one double a slot; nulls counted as for a count.</summary>
internal sealed class CustomState : NonNullCountState
{
    private readonly IAggregationFunction _function;
    private double[] _values;

    public CustomState(IAggregationFunction function, Expressions.RowCalc? calc, int capacity) : base(calc, capacity)
    {
        _function = function;
        _values = new double[capacity];
        Array.Fill(_values, function.Identity);
    }

    public override bool TakesPairs => false;   // its own Add: pairs go through a selection

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Add(in ScanBatch batch)
    {
        var slots = batch.Slots;
        var values = batch.Values;
        var valid = batch.Valid;
        var anyNull = Calc!.Eval(batch.View, values, valid);
        var nulls = anyNull ? NullCounts() : null;
        var state = _values;
        for (var r = 0; r < slots.Length; r++)
        {
            var s = slots[r];
            if (s < 0) continue;
            if (!anyNull || valid[r]) state[s] = _function.Add(state[s], values[r]);
            else nulls![s]++;
        }
    }

    public override void Grow(int capacity)
    {
        var old = _values.Length;
        Array.Resize(ref _values, capacity);
        Array.Fill(_values, _function.Identity, old, capacity - old);
        base.Grow(capacity);
    }

    public override void MergeFrom(LeafState other, ReadOnlySpan<int> target)
    {
        base.MergeFrom(other, target);
        var from = ((CustomState)other)._values;
        for (var s = 0; s < target.Length; s++)
        {
            var t = target[s];
            if (t >= 0) _values[t] = _function.Merge(_values[t], from[s]);
        }
    }

    public override LeafValues ToLeaf(AggregateSpec spec, int[] slots, long[] rows) => new(spec, [.. slots.Select(s => _values[s])], NonNull(slots, rows));
}
