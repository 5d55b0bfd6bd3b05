using Spectre.Console;
using SpectreTable = Spectre.Console.Table;

namespace Cuboid.Cli.Rendering;

/// <summary>Renders a <see cref="QueryResult"/> as a Spectre.Console table.</summary>
internal static class ResultTable
{
    /// <summary>
    /// A table of <paramref name="result"/>'s rows (all of them in result order unless <paramref name="rows"/>
    /// picks and orders some): formatted cells, measures right-aligned, and "Total" in the first empty level
    /// cell of total rows, which are bold.
    /// </summary>
    public static SpectreTable Create(QueryResult result, string? title = null, string? caption = null, IEnumerable<int>? rows = null)
    {
        var table = new SpectreTable().Border(TableBorder.Rounded);
        if (title is not null) table.Title = new TableTitle(title, new Style(decoration: Decoration.Bold));
        if (caption is not null) table.Caption = new TableTitle(caption, new Style(Color.Grey));
        foreach (var column in result.Columns)
        {
            var header = new TableColumn(new Text(column.Name, new Style(decoration: Decoration.Bold)));
            if (IsRightAligned(column)) header.RightAligned();
            table.AddColumn(header);
        }
        foreach (var row in rows ?? Enumerable.Range(0, result.RowCount))
        {
            table.AddRow(Cells(result, row));
        }
        return table;
    }

    private static IEnumerable<Text> Cells(QueryResult result, int row)
    {
        var total = result.IsTotal(row);
        var style = total ? new Style(decoration: Decoration.Bold) : Style.Plain;
        var labelled = false;
        foreach (var column in result.Columns)
        {
            var text = column.Format(row);
            if (total && !labelled && column.Role == ColumnRole.Level && column[row] is null)
            {
                text = "Total";
                labelled = true;
            }
            yield return new Text(text, style);
        }
    }

    /// <summary>Measures and numeric table columns; levels stay left-aligned, so "Total" lines up with their members.</summary>
    private static bool IsRightAligned(ResultColumn column) =>
        column.Role == ColumnRole.Measure
        || (column.Role == ColumnRole.Column && (column.ClrType == typeof(int) || column.ClrType == typeof(long)
            || column.ClrType == typeof(double) || column.ClrType == typeof(float)));
}
