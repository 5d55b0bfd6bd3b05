namespace Cuboid.Results;

/// <summary>
/// A cell set as a table, the way Atoti's query_mdx returns one: the members of the rows axis
/// as leading columns (one per hierarchy), then one value column per position of the columns axis.
/// </summary>
internal static class CellSetTable
{
    public static QueryResult ToQueryResult(CellSet cells)
    {
        var columns = new List<ResultColumn>();
        var columnPositions = cells.Axes.Count > 0 ? cells.Axes[0].Positions : [];
        var rowPositions = cells.Axes.Count > 1 ? cells.Axes[1].Positions : [new Position(0, [])];
        var width = Math.Max(1, columnPositions.Count);
        var hierarchies = rowPositions.Count > 0 ? rowPositions[0].Members.Count : 0;
        for (var h = 0; h < hierarchies; h++)
        {
            var name = rowPositions[0].Members[h].HierarchyUniqueName.Trim('[', ']').Replace("].[", " ", StringComparison.Ordinal);
            var h1 = h;
            columns.Add(new ResultColumn(name, ColumnRole.Level, typeof(string), TypedArrays.Create(typeof(string), rowPositions.Count, r => rowPositions[r].Members[h1].Caption)));
        }
        for (var c = 0; c < (cells.Axes.Count == 0 ? 1 : columnPositions.Count); c++)
        {
            var name = cells.Axes.Count == 0 ? "Value" : string.Join(" / ", columnPositions[c].Members.Select(m => m.Caption));
            var c1 = c;
            var values = new object?[rowPositions.Count];
            for (var r = 0; r < rowPositions.Count; r++) values[r] = cells.Cells.Count == 0 ? null : cells.Cells[r * width + c1].Value;
            var numeric = values.All(v => v is null or double);
            columns.Add(numeric
                ? new ResultColumn(name, ColumnRole.Measure, typeof(double), values.Select(v => (double?)v).ToArray())
                : new ResultColumn(name, ColumnRole.Measure, typeof(object), values));
        }
        return new QueryResult(columns) { CellSet = cells };
    }
}
