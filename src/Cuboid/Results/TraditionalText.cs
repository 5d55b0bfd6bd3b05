using System.Text;

namespace Cuboid.Results;

/// <summary>
/// The classic text layout of Mondrian's and olap4j's Result.print: "Axis #0:" with the slicer
/// tuples, one "Axis #n:" block per axis listing its positions, then one "Row #r: value" line per
/// cell (columns of a row on successive lines); a query without axes prints its one cell alone.
/// </summary>
internal static class TraditionalText
{
    public static string Render(CellSet cells)
    {
        var text = new StringBuilder();
        text.Append("Axis #0:\n");
        foreach (var position in cells.Slicer.Positions) text.Append(Tuple(position)).Append('\n');
        for (var a = 0; a < cells.Axes.Count; a++)
        {
            text.Append("Axis #").Append(a + 1).Append(":\n");
            foreach (var position in cells.Axes[a].Positions) text.Append(Tuple(position)).Append('\n');
        }
        if (cells.Axes.Count == 0)
        {
            text.Append(cells.Cells[0].FormattedValue).Append('\n');
            return text.ToString();
        }
        var columns = cells.Axes[0].Positions.Count;
        var rows = cells.Axes.Count > 1 ? cells.Cells.Count / Math.Max(1, columns) : 1;
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                text.Append("Row #").Append(r).Append(": ").Append(cells.Cells[r * columns + c].FormattedValue).Append('\n');
            }
        }
        return text.ToString();
    }

    private static string Tuple(Position position) => "{" + string.Join(", ", position.Members.Select(m => m.UniqueName)) + "}";
}
