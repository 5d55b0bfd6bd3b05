using System.Globalization;
namespace Cuboid.Results;

/// <summary>Renders a <see cref="QueryResult"/> as an aligned text table (what printing a result shows).</summary>
internal static class TextTable
{
    public static string Render(QueryResult result, int maxRows = 100)
    {
        var columns = result.Columns;
        var shown = Math.Min(result.RowCount, maxRows);
        var cells = new string[shown + 1][];
        cells[0] = [.. columns.Select(c => c.Name)];
        for (var r = 0; r < shown; r++)
        {
            cells[r + 1] = new string[columns.Count];
            var totalLabelled = false;
            for (var c = 0; c < columns.Count; c++)
            {
                var cell = columns[c].Format(r);
                if (result.IsTotal(r) && columns[c].Role == ColumnRole.Level && columns[c][r] is null && !totalLabelled)
                {
                    cell = "Total";
                    totalLabelled = true;
                }
                cells[r + 1][c] = cell;
            }
        }
        var widths = Enumerable.Range(0, columns.Count).Select(c => cells.Max(row => row[c].Length)).ToArray();
        var text = new System.Text.StringBuilder();
        for (var r = 0; r < cells.Length; r++)
        {
            for (var c = 0; c < columns.Count; c++)
            {
                if (c > 0) text.Append("  ");
                var rightAlign = columns[c].Role == ColumnRole.Measure || IsNumeric(columns[c].ClrType);
                text.Append(rightAlign ? cells[r][c].PadLeft(widths[c]) : cells[r][c].PadRight(widths[c]));
            }
            text.Append('\n');
            if (r == 0) text.Append(string.Join("  ", widths.Select(w => new string('-', w)))).Append('\n');
        }
        if (result.RowCount > shown) text.Append(CultureInfo.InvariantCulture, $"... {result.RowCount - shown} more rows\n");
        return text.ToString();
    }

    private static bool IsNumeric(Type t) => t == typeof(int) || t == typeof(long) || t == typeof(double) || t == typeof(float);
}
