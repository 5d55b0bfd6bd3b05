namespace Cuboid.Results;

/// <summary>
/// A cell set as a table, the way Atoti's query_mdx returns one: the members of the rows axis
/// as leading columns (one per hierarchy), then one value column per position of the columns axis.
/// </summary>
internal static class CellSetTable
{
    public static QueryResult ToQueryResult(CellSet cells, QueryOptions? options = null)
    {
        options ??= QueryOptions.Default;
        var columns = new List<ResultColumn>();
        var columnPositions = cells.Axes.Count > 0 ? cells.Axes[0].Positions : [];
        var allRows = cells.Axes.Count > 1 ? cells.Axes[1].Positions : [new Position(0, [])];
        // Without KeepTotals, rows standing for a total (an All member on the rows) leave the table.
        var rowPositions = options.KeepTotals ? allRows : allRows.Where(p => !p.Members.Any(IsAll)).ToList();
        var width = Math.Max(1, columnPositions.Count);
        var raw = options.Mode == QueryMode.Raw;
        var hierarchies = allRows.Count > 0 ? allRows[0].Members.Count : 0;
        for (var h = 0; h < hierarchies; h++)
        {
            var name = allRows[0].Members[h].HierarchyUniqueName.Trim('[', ']').Replace("].[", " ", StringComparison.Ordinal);
            var h1 = h;
            columns.Add(new ResultColumn(name, ColumnRole.Level, typeof(string), TypedArrays.Create(typeof(string), rowPositions.Count,
                r => raw ? rowPositions[r].Members[h1].UniqueName : Caption(rowPositions[r].Members[h1]))));
        }
        for (var c = 0; c < (cells.Axes.Count == 0 ? 1 : columnPositions.Count); c++)
        {
            var name = cells.Axes.Count == 0 ? "Value" : string.Join(" / ", columnPositions[c].Members.Select(Caption));
            var c1 = c;
            var values = new object?[rowPositions.Count];
            var formatted = new string[rowPositions.Count];
            for (var r = 0; r < rowPositions.Count; r++)
            {
                var cell = cells.Cells.Count == 0 ? null : cells.Cells[rowPositions[r].Ordinal * width + c1];
                values[r] = cell?.Value;
                formatted[r] = cell?.FormattedValue ?? "";
            }
            var numeric = values.All(v => v is null or double);
            Array array = numeric ? values.Select(v => (double?)v).ToArray() : values;
            columns.Add(new ResultColumn(name, ColumnRole.Measure, numeric ? typeof(double) : typeof(object), array, formattedValues: raw ? null : formatted));
        }
        return new QueryResult(columns) { CellSet = cells };
    }

    /// <summary>A member as a table shows it: an All member (AllMember, All Stores…) as "Total", as the pivot does.</summary>
    private static string Caption(Member member) => IsAll(member) ? "Total" : member.Caption;

    /// <summary>An All member: a level depth of 0 in a hierarchy that has one (its unique name has no member path).</summary>
    private static bool IsAll(Member member) => member.LevelUniqueName.EndsWith(".[(All)]", StringComparison.Ordinal);
}
