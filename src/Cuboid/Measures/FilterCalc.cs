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
        var cellOf = new Dictionary<string, int>(filtered.CellCount, StringComparer.Ordinal);
        for (var cell = 0; cell < filtered.CellCount; cell++) cellOf[CellGroups.CodesExcept(filtered, cell, -1)] = cell;
        var n = result.CellCount;
        var output = new double[n];
        var ok = new bool[n];
        for (var cell = 0; cell < n; cell++)
        {
            if (cellOf.TryGetValue(CellGroups.CodesExcept(result, cell, -1), out var at) && valid[at]) (output[cell], ok[cell]) = (values[at], true);
        }
        return (output, ok);
    }
}
