using Cuboid.Measures;

namespace Cuboid.Mdx.Execution;

internal sealed partial class Evaluator
{
    /// <summary>
    /// Aggregate(set) of a stored measure that does not add up — a mean, a distinct count, a
    /// minimum or maximum, a quantile — computed as Mondrian does, over the facts of the whole set
    /// at once: one aggregation under the query's filter narrowed to the set's members and the cell's other members.
    /// Sums and counts too when the set has members of a many-to-many join's target (<see cref="ThroughMany"/>).
    /// Null (the caller adds the members' values) for other sums and counts, calculated measures, and
    /// cells that levels cannot describe (calculated or parameter members, another scenario).
    /// </summary>
    public (bool Exact, object? Value) AggregateOver(MdxSet set, Binding.Calc? expression, MdxContext context)
    {
        var target = expression is null ? Effective(context, Catalog.Measures) : MeasureOf(expression, set, context);
        if (target is not { Kind: MemberKind.Measure, Measure: { } measure } || Reader.Aggregator is not { } aggregator) return (false, null);
        if (Adds(measure) && !ThroughMany(set, aggregator.Snapshot)) return (false, null);
        if (set.Count == 0 || set.Tuples.Any(t => t.Any(m => !Describable(m)))) return (false, null);
        var inSet = set.Tuples.SelectMany(t => t).Select(m => m.Hierarchy).ToHashSet();
        var parts = new List<Condition>();
        for (var h = 1; h < Catalog.Hierarchies.Count; h++)
        {
            var hierarchy = Catalog.Hierarchies[h];
            if (inSet.Contains(hierarchy)) continue;
            var member = context[hierarchy];
            if (member.Kind == MemberKind.Calculated && !context.Expanding.Contains(member)) return (false, null);
            member = Effective(context, hierarchy)!;
            if (member.Kind != MemberKind.Regular) continue;
            if (!Describable(member)) return (false, null);
            parts.Add(MemberConditions.Of(member)!);
        }
        if (MemberConditions.OfSet(set.Tuples) is not { } members) return (false, null);   // a tuple of All members only: the whole cube, not a filter
        parts.Add(members);
        var measures = MeasureSet.Compile([measure]);
        var narrowed = aggregator.Narrowed(parts.Count == 1 ? parts[0] : new AndCondition(parts));
        var result = narrowed.Get([], measures.Leaves);
        if (result.CellCount == 0) return (true, null);
        var cell = Results.CellValues.Of(measures.Calcs[0], new MeasureInput(result, narrowed));
        return (true, !cell.Valid[0] ? null : cell.Objects is { } objects ? objects[0] : cell.Values[0]);
    }

    /// <summary>Measures whose value over a set is the sum of its members' values.</summary>
    private static bool Adds(Measure measure) => measure.Definition switch
    {
        AggregatedMeasure { Function: AggregationFunction.Sum or AggregationFunction.Count } => true,
        ContributorsCountMeasure => true,
        _ => false,
    };

    /// <summary>
    /// Whether the set has members of a many-to-many join's target (Tags): a fact tagged with two of them is in both
    /// members' values, so even a sum over the set is computed over its facts, each once (SSAS does the same).
    /// </summary>
    private static bool ThroughMany(MdxSet set, Model.CubeSnapshot snapshot) =>
        snapshot.HasMany && set.Tuples.Any(t => t.Any(m => m.Hierarchy.Index is { } index && index.ManyOf(snapshot) is not null));

    /// <summary>A member levels can filter on: of a level, not of a parameter hierarchy or the scenarios.</summary>
    private static bool Describable(MdxMember member) =>
        member.Kind == MemberKind.All
        || (member.Kind == MemberKind.Regular && !member.Hierarchy.Index!.IsParameter && member.Hierarchy.Model != member.Hierarchy.Model!.Cube.EpochHierarchy);
}
