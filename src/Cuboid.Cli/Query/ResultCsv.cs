using System.Globalization;
using nietras.SeparatedValues;

namespace Cuboid.Cli.Query;

/// <summary>A result table as CSV (Sep's writer): a header of column names, then raw invariant values, for other tools to read.</summary>
internal static class ResultCsv
{
    public static string Render(QueryResult result)
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
                for (var c = 0; c < result.Columns.Count; c++) row[c].Set(Raw(result.Columns[c], r));
            }
        }
        return text.ToString().ReplaceLineEndings("\n");
    }

    private static string Raw(ResultColumn column, int row) => column[row] switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f when column.Role == ColumnRole.Measure => f.ToString(null, CultureInfo.InvariantCulture),
        _ => column.Format(row),
    };
}
