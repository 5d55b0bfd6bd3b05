using Cuboid.Expressions;
using Cuboid.Storage;

namespace Cuboid;

public sealed partial class Table
{
    /// <summary>The first <paramref name="n"/> rows.</summary>
    public QueryResult Head(int n = 5) => Query(maxRows: n);

    /// <summary>Rows of the table: the given columns (all by default), the rows matching <paramref name="filter"/>, at most <paramref name="maxRows"/>.</summary>
    public QueryResult Query(IEnumerable<Column>? columns = null, Condition? filter = null, int maxRows = int.MaxValue)
    {
        var selected = (columns ?? _columns).ToArray();
        foreach (var c in selected) OwnTable(c);
        var data = Session.Current;
        var version = data[Store];
        var condition = filter is null ? null : RowCondition.Compile(filter, OwnTable);
        var scope = new TableScope(Store, data);
        var rows = new List<int>();
        var mask = new bool[Chunk.Size];
        for (var c = 0; c < version.Chunks.Length && rows.Count < maxRows; c++)
        {
            var chunk = version.Chunks[c];
            condition?.Eval(new ChunkView(scope, c), mask);
            for (var r = 0; r < chunk.Count && rows.Count < maxRows; r++)
            {
                if (!chunk.IsDeleted(r) && (condition is null || mask[r])) rows.Add(Chunk.RowId(c, r));
            }
        }
        var result = selected.Select(column =>
        {
            var clr = column.DataType.ClrType();
            var values = Results.TypedArrays.Create(clr, rows.Count, i => version.GetValue(column.Schema.Index, rows[i]));
            return new ResultColumn(column.Name, ColumnRole.Column, clr, values);
        }).ToArray();
        return new QueryResult(result);
    }
}
