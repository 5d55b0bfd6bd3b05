using Cuboid.Aggregation;

namespace Cuboid.Measures;

/// <summary>
/// A measure computed on the facts a condition on levels keeps: the inner measure is evaluated on
/// an aggregate at the query's granularity with the condition added to the filter (cached under its
/// own key), and each query cell reads its counterpart there; cells with no kept fact are empty.
/// </summary>
internal sealed class FilterCalc(MeasureCalc inner, Condition condition) : MeasureCalc
{
    public override DataType ResultType => inner.ResultType;

    public override IEnumerable<AggregateSpec> Leaves => [AggregateSpec.Contributors];

    public override (double[] Values, bool[] Valid) Eval(MeasureInput input)
    {
        var result = input.Result;
        var narrowed = input.Aggregator.Narrowed(condition);
        var filtered = narrowed.Get(result.Levels, [AggregateSpec.Contributors, .. inner.Leaves.Distinct().Where(l => l != AggregateSpec.Contributors)]);
        var (values, valid) = inner.Eval(new MeasureInput(filtered, narrowed));
        // Both results have the same levels: their cells' keys are comparable.
        var interned = new Dictionary<string, long>(StringComparer.Ordinal);
        var filteredKeys = CellGroups.Keys(filtered, skip: -1, interned: interned);
        var cellOf = new Dictionary<long, int>(filtered.CellCount);
        for (var cell = 0; cell < filteredKeys.Length; cell++) cellOf[filteredKeys[cell]] = cell;
        var keys = CellGroups.Keys(result, skip: -1, interned: interned);
        var n = result.CellCount;
        var output = new double[n];
        var ok = new bool[n];
        for (var cell = 0; cell < n; cell++)
        {
            if (cellOf.TryGetValue(keys[cell], out var at) && valid[at]) (output[cell], ok[cell]) = (values[at], true);
        }
        return (output, ok);
    }
}
