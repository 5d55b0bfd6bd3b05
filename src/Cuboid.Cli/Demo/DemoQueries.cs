using System.Diagnostics;
using System.Globalization;
using Cuboid.Cli.Rendering;
using Spectre.Console;

namespace Cuboid.Cli.Demo;

/// <summary>One query of the demo: its title, its result and how long it took.</summary>
internal sealed record DemoQuery(string Title, QueryResult Result, TimeSpan Elapsed);

/// <summary>The queries the demo runs on the retail cube, printed as tables.</summary>
internal static class DemoQueries
{
    public static IReadOnlyList<DemoQuery> Run(IAnsiConsole console, Cube cube)
    {
        var m = cube.Measures;
        var l = cube.Levels;
        var done = new List<DemoQuery>();

        Show(console, done, "Revenue, margin and margin % by region",
            () => cube.Query([m["Revenue"], m["Margin"], m["Margin %"]], [l["region"]], includeTotals: true));

        Show(console, done, "Europe: quantity and revenue by quarter",
            () => cube.Query([m["Quantity"], m["Revenue"]], [l["Year"], l["Quarter"]], filter: l["region"] == "Europe", includeTotals: true));

        Show(console, done, "Top 10 countries by revenue",
            () => cube.Query([m["Revenue"], m["Margin %"], m["contributors.COUNT"]], [l["country"]]),
            result => TopRows(result, "Revenue", 10));

        Show(console, done, "Distinct customers by segment",
            () => cube.Query([m["Customers"], m["contributors.COUNT"], m["Revenue"]], [l["segment"]], includeTotals: true));

        Show(console, done, "France, Germany, Japan in 2025",
            () => cube.Query([m["Revenue"], m["Quantity"], m["Margin %"]], [l["category"]],
                filter: l["country"].IsIn("France", "Germany", "Japan") & l["Year"] == 2025));

        return done;
    }

    private static void Show(IAnsiConsole console, List<DemoQuery> done, string title, Func<QueryResult> query,
        Func<QueryResult, IEnumerable<int>>? rows = null)
    {
        var watch = Stopwatch.StartNew();
        var result = query();
        var elapsed = watch.Elapsed;
        done.Add(new DemoQuery(title, result, elapsed));
        var caption = string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalMilliseconds:0.0} ms, {result.RowCount} rows");
        console.WriteLine();
        console.Write(ResultTable.Create(result, title, caption, rows?.Invoke(result)));
    }

    /// <summary>The indices of the <paramref name="count"/> rows with the largest <paramref name="measure"/>, largest first.</summary>
    private static IEnumerable<int> TopRows(QueryResult result, string measure, int count)
    {
        var column = result.Column(measure);
        return Enumerable.Range(0, result.RowCount)
            .Where(r => !result.IsTotal(r))
            .OrderByDescending(r => column.GetDouble(r) ?? double.NegativeInfinity)
            .Take(count);
    }
}
