using System.Text;

namespace Cuboid.Cli.Query;

/// <summary>
/// An MDX result as an aligned text table. Unlike <see cref="QueryResult.ToString"/>, value cells show
/// the cell set's formatted values (the measures' format strings: "266,773", "$1,234.00").
/// </summary>
internal static class FormattedTable
{
    public static string Render(QueryResult result)
    {
        var columns = result.Columns;
        var levels = columns.Count(c => c.Role == ColumnRole.Level);
        var width = Math.Max(1, columns.Count - levels);
        var grid = new string[result.RowCount + 1][];
        grid[0] = [.. columns.Select(c => c.Name)];
        for (var r = 0; r < result.RowCount; r++)
        {
            grid[r + 1] = new string[columns.Count];
            for (var c = 0; c < columns.Count; c++) grid[r + 1][c] = c < levels ? columns[c].Format(r) : Formatted(result, r * width + c - levels) ?? columns[c].Format(r);
        }
        var widths = Enumerable.Range(0, columns.Count).Select(c => grid.Max(row => row[c].Length)).ToArray();
        var text = new StringBuilder();
        for (var r = 0; r < grid.Length; r++)
        {
            for (var c = 0; c < columns.Count; c++)
            {
                if (c > 0) text.Append("  ");
                text.Append(c < levels ? grid[r][c].PadRight(widths[c]) : grid[r][c].PadLeft(widths[c]));
            }
            text.Append('\n');
            if (r == 0) text.Append(string.Join("  ", widths.Select(w => new string('-', w)))).Append('\n');
        }
        return text.ToString();
    }

    // The table's value columns are the cell set's cells, row-major (see CellSetTable).
    private static string? Formatted(QueryResult result, int ordinal) =>
        result.CellSet is { } cells && ordinal < cells.Cells.Count ? cells.Cells[ordinal].FormattedValue : null;
}
