using System.Globalization;
using nietras.SeparatedValues;

namespace Cuboid.Results;

/// <summary>
/// A result table as CSV (Sep's writer, RFC 4180 quoting): a header of column names, then invariant values — raw for
/// other tools to read (the CLI), or as the user saw them (the web app's export): each number rounded to the decimals
/// its formatted value shows, so a sum's last-bit noise (1705146.9000000008) does not leave the cell.
/// </summary>
internal static class ResultCsv
{
    /// <param name="result">The table.</param>
    /// <param name="asShown">Numbers rounded as their formatted values show them (a file for people); raw otherwise.</param>
    /// <param name="newline">"\n" for a terminal or a pipe; "\r\n" (RFC 4180) for a downloaded file.</param>
    public static string Render(QueryResult result, bool asShown = false, string newline = "\n")
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        // No header from Sep: two columns may share a name (two positions with the same caption), which Sep's named columns forbid.
        using (var writer = Sep.New(',').Writer(o => o with { WriteHeader = false, Escape = true }).To(text))
        {
            using (var header = writer.NewRow())
            {
                for (var c = 0; c < result.Columns.Count; c++) header[c].Set(result.Columns[c].Name);
            }
            for (var r = 0; r < result.RowCount; r++)
            {
                using var row = writer.NewRow();
                for (var c = 0; c < result.Columns.Count; c++) row[c].Set(Value(result.Columns[c], r, asShown));
            }
        }
        return text.ToString().ReplaceLineEndings(newline);
    }

    private static string Value(ResultColumn column, int row, bool asShown) => column[row] switch
    {
        null => "",
        double d when asShown && ShownDecimals(column.Format(row)) is { } decimals => Math.Round(d, decimals).ToString("R", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f when column.Role == ColumnRole.Measure => f.ToString(null, CultureInfo.InvariantCulture),
        _ => column.Format(row),
    };

    /// <summary>
    /// How many decimals of the value a formatted number shows (a percentage two more: 35.0% is 0.350); null when the
    /// text is not a plain number (a date, a currency word, scientific notation): the value is then written whole.
    /// </summary>
    internal static int? ShownDecimals(string formatted)
    {
        var text = formatted.Trim();
        var percent = text.EndsWith('%');
        var digits = text.TrimEnd('%', ' ').TrimStart('-', '(', '$', '€', '£', ' ').TrimEnd(')');
        if (digits.Length == 0 || digits.Any(c => !char.IsAsciiDigit(c) && c is not (',' or '.'))) return null;
        var point = digits.LastIndexOf('.');
        var decimals = point < 0 ? 0 : digits.Length - point - 1;
        return Math.Min(15, decimals + (percent ? 2 : 0));
    }
}
