namespace Cuboid.Mdx.Execution;

internal sealed partial class Evaluator
{
    /// <summary>The query's slicer set as a condition on levels; null when it has none. <c>Expressible</c> is false when it has one that levels cannot express.</summary>
    public (Condition? Condition, bool Expressible) SlicerSet { get; init; } = (null, true);

    /// <summary>
    /// Aggregate(set) of a stored measure that does not add up — a mean, a distinct count, a
    /// minimum or maximum, a quantile — computed as Mondrian does, over the facts of the whole set
    /// at once: one query filtered to the set's members, the cell's other members and the slicer.
    /// Null (the caller adds the members' values) for sums and counts, calculated measures, and
    /// cells that levels cannot describe (calculated or parameter members, another scenario).
    /// </summary>
    public (bool Exact, object? Value) AggregateOver(MdxSet set, Binding.Calc? expression, MdxContext context)
    {
        var target = expression is null ? Effective(context, Catalog.Measures) : MeasureOf(expression, set, context);
        if (target is not { Kind: MemberKind.Measure, Measure: { } measure } || Adds(measure) || !SlicerSet.Expressible) return (false, null);
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
            parts.AddRange(LevelConditions(member));
        }
        var tuples = set.Tuples.Select(t => t.SelectMany(LevelConditions).ToList()).Where(c => c.Count > 0)
            .Select(c => c.Count == 1 ? c[0] : new AndCondition(c)).ToList();
        if (tuples.Count < set.Count) return (false, null);   // a tuple of All members only: the whole cube, not a filter
        parts.Add(tuples.Count == 1 ? tuples[0] : new OrCondition(tuples));
        if (SlicerSet.Condition is { } slicer) parts.Add(slicer);
        var result = Catalog.Cube.Query([measure], [], parts.Count == 1 ? parts[0] : new AndCondition(parts), false, false, Catalog.Scenario, Catalog.Snapshot);
        var value = result.RowCount == 0 ? null : result.Columns[^1].Values.Cast<object?>().First();
        return (true, value is long or int or float ? Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture) : value);   // MDX cells hold numbers as doubles
    }

    /// <summary>Measures whose value over a set is the sum of its members' values.</summary>
    private static bool Adds(Measure measure) => measure.Definition switch
    {
        AggregatedMeasure { Function: AggregationFunction.Sum or AggregationFunction.Count } => true,
        ContributorsCountMeasure => true,
        _ => false,
    };

    /// <summary>A member levels can filter on: of a level, not of a parameter hierarchy or the scenarios.</summary>
    private static bool Describable(MdxMember member) =>
        member.Kind == MemberKind.All
        || (member.Kind == MemberKind.Regular && !member.Hierarchy.Index!.IsParameter && member.Hierarchy.Model != member.Hierarchy.Model!.Cube.EpochHierarchy);

    /// <summary>A member as conditions on its level and its ancestors' levels (none for an All member).</summary>
    private static IEnumerable<Condition> LevelConditions(MdxMember member)
    {
        if (member.Kind != MemberKind.Regular) yield break;
        var (model, index) = (member.Hierarchy.Model!, member.Hierarchy.Index!);
        for (var d = 0; d <= member.Depth; d++)
        {
            yield return model.Levels[d] == model.Levels[d].Source.ValueOf(index.Members.Key(d, index.Members.Ancestor(member.Depth, member.Code, d)));
        }
    }
}
