using System.Globalization;
using System.Net;
using System.Text;

namespace Cuboid.Notebooks;

/// <summary>The HTML a notebook shows for a session, a query's table, a cell set and a widget (see <see cref="TypeFormatterSourceAttribute"/>).</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Instance members: .NET Interactive reads them by reflection on instances.")]
internal sealed class NotebookFormatters
{
    /// <summary>The most rows a table shows (the rest are counted): a notebook output is read, not scrolled through.</summary>
    public const int MaxRows = 500;

    public IEnumerable<object> CreateTypeFormatters() =>
    [
        new HtmlFormatter<Session>(SessionHtml),
        new HtmlFormatter<QueryResult>(TableHtml),
        new HtmlFormatter<CellSet>(CellSetHtml),
        new HtmlFormatter<SessionWidget>(w => w.ToHtml()),
    ];

    /// <summary>One type's HTML, in the shape .NET Interactive reads (members by name).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Instance members: .NET Interactive reads them by reflection on instances.")]
    public sealed class HtmlFormatter<T>(Func<T, string> html)
    {
        public string MimeType => "text/html";

        public Type Type => typeof(T);

        public bool Format(object instance, TextWriter writer)
        {
            if (instance is not T value) return false;
            writer.Write(html(value));
            return true;
        }
    }

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    private const string Style = "<style>.cuboid-table{border-collapse:collapse;font:13px system-ui,sans-serif}.cuboid-table th,.cuboid-table td{border:1px solid #e2e5ea;padding:2px 8px}.cuboid-table td.num{text-align:right;font-variant-numeric:tabular-nums}.cuboid-table th{background:#f5f6f8;text-align:left}</style>";

    public static string SessionHtml(Session session)
    {
        var html = new StringBuilder("<div class=\"cuboid-session\">");
        html.Append(CultureInfo.InvariantCulture, $"<strong>Session {E(session.Name ?? "(unnamed)")}</strong>");
        html.Append(session.Link is { } link ? $" — <a href=\"{E(link)}\" target=\"_blank\">{E(link)}</a>" : " (headless)");
        html.Append("<ul>");
        foreach (var cube in session.Cubes.Values.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            var structure = cube.Describe();
            html.Append(CultureInfo.InvariantCulture, $"<li>{E(cube.Name)}: {structure.Measures.Count(m => m.Visible)} measures, {structure.Hierarchies.Count} hierarchies</li>");
        }
        return html.Append("</ul></div>").ToString();
    }

    public static string TableHtml(QueryResult result)
    {
        var html = new StringBuilder(Style).Append("<table class=\"cuboid-table\"><thead><tr>");
        foreach (var column in result.Columns) html.Append(CultureInfo.InvariantCulture, $"<th>{E(column.Name)}</th>");
        html.Append("</tr></thead><tbody>");
        var rows = Math.Min(result.RowCount, MaxRows);
        for (var r = 0; r < rows; r++)
        {
            html.Append("<tr>");
            foreach (var column in result.Columns)
            {
                var numeric = column[r] is double or long or int or float or decimal;
                html.Append(numeric ? "<td class=\"num\">" : "<td>").Append(E(column.Format(r))).Append("</td>");
            }
            html.Append("</tr>");
        }
        html.Append("</tbody></table>");
        if (result.RowCount > rows) html.Append(CultureInfo.InvariantCulture, $"<div>… {result.RowCount - rows:N0} more rows</div>");
        return html.ToString();
    }

    /// <summary>Columns (axis 0) across, rows (axis 1) down, each cell's formatted value (its measure's format); the slicer below.</summary>
    public static string CellSetHtml(CellSet cells)
    {
        static string Caption(Position position) => string.Join(" / ", position.Members.Select(m => m.Caption));
        var columns = cells.Axes.Count > 0 ? cells.Axes[0].Positions : [];
        var rows = cells.Axes.Count > 1 ? cells.Axes[1].Positions : [];
        var html = new StringBuilder(Style).Append("<table class=\"cuboid-table\"><thead><tr>");
        if (rows.Count > 0) html.Append("<th></th>");
        foreach (var column in columns) html.Append(CultureInfo.InvariantCulture, $"<th>{E(Caption(column))}</th>");
        html.Append("</tr></thead><tbody>");
        var width = Math.Max(1, columns.Count);
        var shown = Math.Min(Math.Max(1, rows.Count), MaxRows);
        for (var r = 0; r < shown; r++)
        {
            html.Append("<tr>");
            if (rows.Count > 0) html.Append(CultureInfo.InvariantCulture, $"<th>{E(Caption(rows[r]))}</th>");
            for (var c = 0; c < columns.Count; c++)
            {
                var cell = cells.Cells[r * width + c];
                html.Append(cell.Value is double or long or int or float or decimal ? "<td class=\"num\">" : "<td>").Append(E(cell.FormattedValue)).Append("</td>");
            }
            html.Append("</tr>");
        }
        html.Append("</tbody></table>");
        if (rows.Count > shown) html.Append(CultureInfo.InvariantCulture, $"<div>… {rows.Count - shown:N0} more rows</div>");
        return html.ToString();
    }
}
