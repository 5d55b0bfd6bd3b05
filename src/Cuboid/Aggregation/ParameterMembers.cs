using Cuboid.Expressions;
using Cuboid.Model;

namespace Cuboid.Aggregation;

/// <summary>
/// Parameter hierarchies in aggregate results. No fact row refers to their members, so a scan
/// leaves them out and its result is repeated for each member the query's parameter filter
/// keeps: the same values, one cell per member (the Cartesian product with the members).
/// </summary>
internal static class ParameterMembers
{
    public static AggregateResult Expand(AggregateResult inner, LevelRef[] levels, Cube cube, CubeSnapshot snapshot, Condition? filter)
    {
        var parameters = levels.Where(l => l.Hierarchy.IsParameter).ToArray();
        cube.Prepare(snapshot, parameters.Select(p => p.Hierarchy.Hierarchy));
        var members = parameters.Select(p => Kept(p, filter)).ToArray();
        var combinations = members.Aggregate(1, (product, m) => product * m.Length);
        var n = inner.CellCount * combinations;
        var codes = levels.Select(_ => new int[n]).ToArray();
        var sources = levels.Select(l => Array.FindIndex(inner.Levels, i => i.Hierarchy == l.Hierarchy)).ToArray();
        var origin = new int[n];
        for (var cell = 0; cell < inner.CellCount; cell++)
        {
            for (var k = 0; k < combinations; k++)
            {
                var target = cell * combinations + k;
                origin[target] = cell;
                var rest = k;
                for (var l = levels.Length - 1; l >= 0; l--)
                {
                    if (sources[l] >= 0)
                    {
                        codes[l][target] = inner.Codes[sources[l]][cell];
                        continue;
                    }
                    var list = members[Array.IndexOf(parameters, levels[l])];
                    codes[l][target] = list[rest % list.Length];
                    rest /= list.Length;
                }
            }
        }
        var leaves = inner.Leaves.Select(leaf => new LeafValues(leaf.Spec,
            leaf.Values.Length == 0 ? [] : [.. origin.Select(c => leaf.Values[c])],
            [.. origin.Select(c => leaf.Counts[c])],
            leaf.Vectors.Length == 0 ? null : [.. origin.Select(c => leaf.Vectors[c])])).ToArray();
        return new AggregateResult(levels, codes, leaves, inner.Elapsed, inner.Source);
    }

    /// <summary>Whether a condition is only about parameter hierarchies' levels (so it keeps members, not rows).</summary>
    public static bool Concerns(Condition condition) =>
        condition.Subjects().All(s => s is Level l && l.Hierarchy.Cube.IsParameterTable(l.Column.Table));

    /// <summary>Splits a query filter: the top-level AND's parts on parameter hierarchies, and the rest (on fact rows).</summary>
    public static (Condition? Rows, Condition? Parameters) Split(Condition? filter)
    {
        if (filter is null) return (null, null);
        var parts = filter is AndCondition and ? and.Operands : [filter];
        var parameters = parts.Where(Concerns).ToList();
        var rows = parts.Where(p => !Concerns(p)).ToList();
        foreach (var part in rows.Where(p => p.Subjects().Any(s => s is Level l && l.Hierarchy.Cube.IsParameterTable(l.Column.Table))))
        {
            throw new ArgumentException($"The filter '{part}' mixes a parameter hierarchy's levels with other conditions in one OR or NOT; filter parameter hierarchies on their own.");
        }
        return (Combine(rows), Combine(parameters));
    }

    private static Condition? Combine(List<Condition> parts) => parts.Count switch
    {
        0 => null,
        1 => parts[0],
        _ => new AndCondition(parts),
    };

    /// <summary>The member codes of a parameter level the filter keeps, in code order.</summary>
    public static int[] Kept(LevelRef level, Condition? filter)
    {
        var count = level.Hierarchy.Members.Count(level.Depth);
        return [.. Enumerable.Range(0, count).Where(code => filter is null || Accepts(filter, level.Hierarchy, level.Depth, code))];
    }

    /// <summary>Whether the member satisfies the condition; parts about other hierarchies do not restrict it.</summary>
    private static bool Accepts(Condition condition, HierarchyIndex index, int depth, int code)
    {
        object? ValueAt(Level l) => l.Source.ValueOf(index.Members.Key(l.Depth, index.Members.Ancestor(depth, code, l.Depth)));
        bool Mine(Level l) => l.Hierarchy == index.Hierarchy && l.Depth <= depth;
        return condition switch
        {
            AndCondition and => and.Operands.All(o => Accepts(o, index, depth, code)),
            OrCondition or => or.Operands.Any(o => Accepts(o, index, depth, code)),
            NotCondition not => !Accepts(not.Operand, index, depth, code),
            ComparisonCondition { Subject: Level l } c when Mine(l) => RowCondition.Compare(ValueAt(l), c.Operator, c.Value),
            IsInCondition { Subject: Level l } i when Mine(l) => i.Values.Any(v => RowCondition.Compare(ValueAt(l), ComparisonOperator.Equal, v)) != i.Negated,
            IsNullCondition { Subject: Level l } n when Mine(l) => (ValueAt(l) is null) != n.Negated,
            MembersCondition m when Mine(m.Level) => m.Holds(index, depth, code),
            _ => true,
        };
    }
}
