using Cuboid.Aggregation;

namespace Cuboid.Measures;

/// <summary>
/// Measures compiled for one aggregation request, C# or MDX alike: each measure's calc, and the
/// primitive aggregations they need, each once, the contributors count first (a scan's plan wants it there).
/// </summary>
internal sealed class MeasureSet
{
    private MeasureSet(MeasureCalc[] calcs, AggregateSpec[] leaves) => (Calcs, Leaves) = (calcs, leaves);

    public MeasureCalc[] Calcs { get; }

    public AggregateSpec[] Leaves { get; }

    public static MeasureSet Compile(IEnumerable<Measure> measures)
    {
        MeasureCalc[] calcs = [.. measures.Select(m => MeasureCalc.Compile(m))];
        return new MeasureSet(calcs, [AggregateSpec.Contributors, .. calcs.SelectMany(c => c.Leaves).Distinct().Where(l => l != AggregateSpec.Contributors)]);
    }
}
