using System.Runtime.CompilerServices;
using Cuboid.Expressions;
using Cuboid.Model;
using Cuboid.Storage;

namespace Cuboid.Aggregation;

/// <summary>
/// A condition on the columns of one joined table (<c>stores["region"].IsIn(…)</c>, a user's restriction most often),
/// evaluated once per row of that table — and once for a fact row the join did not match, which reads the columns'
/// defaults — so that a fact row costs one lookup through its join map, as a level's condition does, instead of
/// gathering the joined columns' values for every fact row.
/// </summary>
internal sealed class JoinedTableCondition : RowCondition
{
    private readonly CubeSnapshot _snapshot;
    private readonly Table _table;
    private readonly bool[] _byRow;

    public JoinedTableCondition(RowCondition inner, CubeSnapshot snapshot, Table table)
    {
        (_snapshot, _table) = (snapshot, table);
        _byRow = ByRow(inner, snapshot, table, new TableScope(table.Store, snapshot.Data));
    }

    /// <summary>
    /// <paramref name="condition"/> on each row of <paramref name="table"/>, read through <paramref name="scope"/> (based on
    /// that table), by row id; in the last slot, on a fact row that reaches no row of it (the joined columns read their defaults).
    /// </summary>
    public static bool[] ByRow(RowCondition condition, CubeSnapshot snapshot, Table table, RowScope scope)
    {
        var version = snapshot.Data[table.Store];
        var byRow = new bool[version.RowIdLimit + 1];
        for (var c = 0; c < version.Chunks.Length; c++)
        {
            var count = version.Chunks[c].Count;
            using var lease = BufferPool.Bools(count, out var result);
            condition.Eval(new ChunkView(scope, c, 0, count), result);
            result.CopyTo(byRow.AsSpan(Chunk.RowId(c, 0), count));
        }
        Span<bool> unmatched = stackalloc bool[1];
        condition.Eval(new ChunkView(new NoRowScope(snapshot.Graph.Fact.Store, snapshot.Data), 0, 0, 1), unmatched);
        byRow[^1] = unmatched[0];
        return byRow;
    }

    /// <summary>The one joined table (not the fact table) whose columns <paramref name="condition"/> alone reads; null for any other condition.</summary>
    public static Table? TableOf(Condition condition, CubeSnapshot snapshot)
    {
        Table? table = null;
        foreach (var column in Columns(condition))
        {
            if (column is null || (table is not null && column.Table != table)) return null;
            table = column.Table;
        }
        return table is null || table == snapshot.Graph.Fact || snapshot.Graph.PathTo(table).Length == 0 ? null : table;
    }

    /// <summary>The columns a condition reads; a null for a leaf on anything else (a level, a measure).</summary>
    private static IEnumerable<Column?> Columns(Condition condition) => condition switch
    {
        CompositeCondition composite => composite.Operands.SelectMany(Columns),
        NotCondition not => Columns(not.Operand),
        ComparisonCondition { Value: ColumnExpression and not Column } => [null],   // an expression compared with another: the generic path
        ComparisonCondition { Subject: ColumnExpression } or IsInCondition { Subject: ColumnExpression } or IsNullCondition { Subject: ColumnExpression } =>
            WhereExpression.ConditionColumns(condition),
        _ => [null],
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Eval(in ChunkView view, Span<bool> result)
    {
        using var lease = BufferPool.Ints(view.Count, out var buffer);
        var rows = view.Map(_snapshot.FactRowsOf(_table, view.Index)!, buffer);
        var byRow = _byRow;
        var unmatched = (uint)(byRow.Length - 1);
        for (var r = 0; r < rows.Length; r++)
        {
            var id = (uint)rows[r];
            result[r] = byRow[id < unmatched ? id : unmatched];
        }
    }

    /// <summary>One fact row that reaches no row of the joined tables: every joined column reads its default.</summary>
    private sealed class NoRowScope(TableStore fact, DataVersion data) : RowScope(fact, data)
    {
        private static readonly int[] s_none = [-1];

        public override int[]? RowsOf(TableStore table, int chunk) => table == Base ? null : s_none;
    }
}
