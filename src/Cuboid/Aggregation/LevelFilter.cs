using System.Runtime.CompilerServices;
using Cuboid.Expressions;
using Cuboid.Model;
using Cuboid.Storage;

namespace Cuboid.Aggregation;

/// <summary>
/// Compiles a query filter into a condition on fact rows. A condition on a level becomes a
/// table of accepted member codes (each member's value is tested once), looked up with the
/// row's member code; AND, OR and NOT combine masks. Conditions on columns are allowed too.
/// </summary>
internal static class LevelFilter
{
    public static RowCondition Compile(Condition condition, CubeSnapshot snapshot, Func<Hierarchy, HierarchyIndex> indexOf, Func<Column, TableStore> tableOf) => condition switch
    {
        AndCondition and => new AndRowCondition([.. and.Operands.Select(o => Compile(o, snapshot, indexOf, tableOf))]),
        OrCondition or => new OrRowCondition([.. or.Operands.Select(o => Compile(o, snapshot, indexOf, tableOf))]),
        NotCondition not => new NotRowCondition(Compile(not.Operand, snapshot, indexOf, tableOf)),
        ComparisonCondition { Subject: Level level } c => Members(snapshot, indexOf(level.Hierarchy), level, v => RowCondition.Compare(v, c.Operator, c.Value)),
        IsInCondition { Subject: Level level } i => Members(snapshot, indexOf(level.Hierarchy), level,
            v => i.Values.Any(x => RowCondition.Compare(v, ComparisonOperator.Equal, x)) != i.Negated),
        IsNullCondition { Subject: Level level } n => Members(snapshot, indexOf(level.Hierarchy), level, v => (v is null) != n.Negated),
        _ => RowCondition.Compile(condition, tableOf),
    };

    private static LevelCondition Members(CubeSnapshot snapshot, HierarchyIndex index, Level level, Func<object?, bool> accept)
    {
        var depth = level.Depth;
        var count = index.Members.Count(depth);
        var table = new bool[count];
        for (var code = 0; code < count; code++) table[code] = accept(level.Source.ValueOf(index.Members.Key(depth, code)));
        return new LevelCondition(snapshot, index, depth, table);
    }
}

/// <summary>Rows whose member at one level is in a table of accepted codes.</summary>
internal sealed class LevelCondition(CubeSnapshot snapshot, HierarchyIndex index, int depth, bool[] accepted) : RowCondition
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Eval(in ChunkView view, Span<bool> result)
    {
        var n = view.Count;
        using var lease = BufferPool.Ints(n, out var codes);
        ScanPlan.LevelCodes(snapshot, index, depth, view, codes);
        for (var r = 0; r < n; r++) result[r] = (uint)codes[r] < (uint)accepted.Length && accepted[codes[r]];
    }
}
