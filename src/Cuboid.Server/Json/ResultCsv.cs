using System.Globalization;
using System.Text;

namespace Cuboid.Server.Json;

/// <summary>A result table as CSV (RFC 4180): a header of column names, then raw invariant values.</summary>
internal static class ResultCsv
{
    public static string Render(QueryResult result)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', result.Columns.Select(c => Escape(c.Name))).Append("\r\n");
        for (var r = 0; r < result.RowCount; r++)
        {
            text.AppendJoin(',', result.Columns.Select(c => Escape(Raw(c, r)))).Append("\r\n");
        }
        return text.ToString();
    }

    private static string Raw(ResultColumn column, int row) => column[row] switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f when column.Role == ColumnRole.Measure => f.ToString(null, CultureInfo.InvariantCulture),
        _ => column.Format(row),
    };

    private static string Escape(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
