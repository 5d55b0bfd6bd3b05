using System.Runtime.CompilerServices;
using Cuboid.Expressions;
using Cuboid.Model;
using Cuboid.Storage;

namespace Cuboid.Aggregation;

/// <summary>
/// Compiles a query filter into a condition on fact rows. A condition on a level becomes a
/// table of accepted member codes (each member's value is tested once), looked up with the
/// row's member code; AND, OR and NOT combine masks. Conditions on columns are allowed too; those
/// on one joined table's columns are evaluated once per row of that table (JoinedTableCondition).
/// </summary>
internal static class LevelFilter
{
    public static RowCondition Compile(Condition condition, CubeSnapshot snapshot, Func<Hierarchy, HierarchyIndex> indexOf, Func<Column, TableStore> tableOf) =>
        snapshot.HasMany && ManyFilter.Reads(condition, snapshot, indexOf)
            ? ManyFilter.Compile(condition, snapshot, indexOf, tableOf)
            : CompileRows(condition, snapshot, indexOf, tableOf);

    /// <summary>A condition on fact rows that reads no many-to-many join.</summary>
    public static RowCondition CompileRows(Condition condition, CubeSnapshot snapshot, Func<Hierarchy, HierarchyIndex> indexOf, Func<Column, TableStore> tableOf) => condition switch
    {
        _ when JoinedTableCondition.TableOf(condition, snapshot) is { } joined => new JoinedTableCondition(RowCondition.Compile(condition, tableOf), snapshot, joined),
        AndCondition and => And(and, snapshot, indexOf, tableOf),
        OrCondition or => new OrRowCondition([.. or.Operands.Select(o => CompileRows(o, snapshot, indexOf, tableOf))]),
        NotCondition not => new NotRowCondition(CompileRows(not.Operand, snapshot, indexOf, tableOf)),
        _ when LevelOf(condition) is { } level => new LevelCondition(snapshot, indexOf(level.Hierarchy), level.Depth, AcceptedMembers(condition, indexOf)!),
        _ => RowCondition.Compile(condition, tableOf),
    };

    /// <summary>
    /// An AND's operands, nested ANDs flattened, cheapest first (<see cref="Cost"/>); the numeric
    /// bounds on one fact column (<c>x &gt;= 4</c>, <c>x &lt;= 6</c>) merged into one range test.
    /// </summary>
    private static AndRowCondition And(AndCondition and, CubeSnapshot snapshot, Func<Hierarchy, HierarchyIndex> indexOf, Func<Column, TableStore> tableOf)
    {
        var operands = Flatten(and).ToList();
        var bounds = operands.OfType<ComparisonCondition>()
            .Where(c => RowCondition.IsNumberBound(c) && c.Operator != ComparisonOperator.NotEqual && ((Column)c.Subject).Table == snapshot.Graph.Fact)
            .GroupBy(c => ((Column)c.Subject).Schema).Where(g => g.Count() > 1).ToList();
        var compiled = new List<(int Cost, RowCondition Condition)>();
        foreach (var group in bounds)
        {
            compiled.Add((1, RowCondition.Bounds((Column)group.First().Subject, [.. group], tableOf)));
            operands.RemoveAll(o => group.Contains(o));
        }
        compiled.AddRange(operands.Select(o => (Cost(o, snapshot, indexOf), CompileRows(o, snapshot, indexOf, tableOf))));
        // Among conditions of one cost, a level's that accepts fewer of its members first: it leaves fewer rows to the next.
        return new AndRowCondition([.. compiled.OrderBy(c => c.Cost).ThenBy(c => c.Condition is LevelCondition level ? level.Selectivity : 0.5).Select(c => c.Condition)]);
    }

    /// <summary>The operands of nested ANDs as one list.</summary>
    public static IEnumerable<Condition> Flatten(AndCondition and) => and.Operands.SelectMany(o => o is AndCondition inner ? Flatten(inner) : [o]);

    /// <summary>
    /// What a condition costs a row, roughly, to order an AND's operands (OrderBy is stable): the
    /// fact's own columns compared in the scan's vectors (1) first, then a level's member codes or a
    /// joined table's rows through the join map (2), then values gathered through joins (3). An AND
    /// evaluates its later operands only on the rows the earlier ones left, so the cheap ones
    /// filter for the dear ones; the result is the same in any order.
    /// </summary>
    private static int Cost(Condition condition, CubeSnapshot snapshot, Func<Hierarchy, HierarchyIndex> indexOf)
    {
        if (JoinedTableCondition.TableOf(condition, snapshot) is not null) return 2;
        if (LevelOf(condition) is { } level) return indexOf(level.Hierarchy).FactAnchored(snapshot.Graph) ? 1 : 2;
        return condition switch
        {
            CompositeCondition composite => composite.Operands.Select(o => Cost(o, snapshot, indexOf)).DefaultIfEmpty(1).Max(),
            NotCondition not => Cost(not.Operand, snapshot, indexOf),
            _ => WhereExpression.ConditionColumns(condition).All(c => c.Table == snapshot.Graph.Fact) ? 1 : 3,
        };
    }

    /// <summary>The level a condition on one level's members is about (null for other conditions).</summary>
    public static Level? LevelOf(Condition condition) => condition switch
    {
        ComparisonCondition { Subject: Level level } => level,
        IsInCondition { Subject: Level level } => level,
        IsNullCondition { Subject: Level level } => level,
        MembersCondition m => m.Level,
        _ => null,
    };

    /// <summary>Which members of its level (by code) a condition on one level accepts, each member's value tested once; null for other conditions.</summary>
    public static bool[]? AcceptedMembers(Condition condition, Func<Hierarchy, HierarchyIndex> indexOf) => condition switch
    {
        ComparisonCondition { Subject: Level level } c => Members(indexOf(level.Hierarchy), level, v => RowCondition.Compare(v, c.Operator, c.Value)),
        IsInCondition { Subject: Level level } i => Members(indexOf(level.Hierarchy), level, v => i.Values.Any(x => RowCondition.Compare(v, ComparisonOperator.Equal, x)) != i.Negated),
        IsNullCondition { Subject: Level level } n => Members(indexOf(level.Hierarchy), level, v => (v is null) != n.Negated),
        MembersCondition m => m.Accepted(indexOf(m.Level.Hierarchy)),
        _ => null,
    };

    private static bool[] Members(HierarchyIndex index, Level level, Func<object?, bool> accept)
    {
        var depth = level.Depth;
        var count = index.Members.Count(depth);
        var table = new bool[count];
        for (var code = 0; code < count; code++) table[code] = accept(level.Source.ValueOf(index.Members.Key(depth, code)));
        return table;
    }
}
