using System.Diagnostics;
using Cuboid.Samples;

namespace Cuboid.Benchmarks;

/// <summary>
/// MDX over large levels: the top ten of the 1M customers (at 10M rows) by revenue (TopCount, and
/// Head of Order), the customers above a revenue (Filter), the first page of that level, and a NON
/// EMPTY pivot of the 10,000 products — what a web-app user pays on big levels. Cold: the aggregate cache is cleared before each rep (DuckDB has none); warm: the
/// repeat of the same query.
/// </summary>
internal static class LargeLevelBench
{
    private const string TopTen = "SELECT [Measures].[Revenue] ON 0, TopCount([Customer].[Customer].[customer_id].Members, 10, [Measures].[Revenue]) ON 1 FROM [Sales]";
    private const string TopTenSql = "SELECT customer_id, SUM(quantity * unit_price) AS revenue FROM sales GROUP BY customer_id ORDER BY revenue DESC LIMIT 10";
    private const string Ordered = "SELECT [Measures].[Revenue] ON 0, Head(Order([Customer].[Customer].[customer_id].Members, [Measures].[Revenue], DESC), 10) ON 1 FROM [Sales]";
    private const string Filtered = "SELECT [Measures].[Revenue] ON 0, Filter([Customer].[Customer].[customer_id].Members, [Measures].[Revenue] > 20000) ON 1 FROM [Sales]";
    private const string Products = "SELECT NON EMPTY {[Measures].[Quantity], [Measures].[Revenue], [Measures].[Cost]} ON 0, NON EMPTY [Product].[Product].[product_id].Members ON 1 FROM [Sales] WHERE [Time].[Calendar].[2024]";
    private const string ProductsSql = "SELECT s.product_id, SUM(s.quantity), SUM(s.quantity * s.unit_price), SUM(s.cost) FROM sales s WHERE year(s.date) = 2024 GROUP BY s.product_id";
    private const string FirstPage = "SELECT [Measures].[Revenue] ON 0, Head([Customer].[Customer].[customer_id].Members, 20) ON 1 FROM [Sales]";

    public static int Run(RetailDataFiles files, int reps, TextWriter output)
    {
        output.WriteLine($"MDX on a large level: {files.SalesRows:N0} sales rows, median (min–max) of {reps} reps after 1 warm-up");
        string topCold, topWarm, pageCold, duckTop, productsCold, duckProducts, orderWarm, filterWarm;
        using (var session = Session.Start(new SessionConfig { Name = null, Port = null }))
        {
            var cube = RetailCube.Build(session, files);
            var customers = session.QueryMdx(FirstPage).CellSet!.Axes[1].Positions.Count;
            if (customers != 20) throw new InvalidOperationException($"the first page has {customers} customers");
            topCold = Measure(reps, () => cube.ClearCache(), () => session.QueryMdx(TopTen).RowCount);
            topWarm = Measure(reps, () => { }, () => session.QueryMdx(TopTen).RowCount);
            orderWarm = Measure(reps, () => { }, () => session.QueryMdx(Ordered).RowCount);
            filterWarm = Measure(reps, () => { }, () => session.QueryMdx(Filtered).RowCount);
            pageCold = Measure(reps, () => cube.ClearCache(), () => session.QueryMdx(FirstPage).RowCount);
            productsCold = Measure(reps, () => cube.ClearCache(), () => session.QueryMdx(Products).RowCount);
        }
        using (var duckDb = new DuckDbSide())
        {
            duckDb.LoadAll(files);
            duckTop = Measure(reps, () => { }, () => duckDb.QueryRows(TopTenSql));
            duckProducts = Measure(reps, () => { }, () => duckDb.QueryRows(ProductsSql));
        }
        output.WriteLine("| query | Cuboid | DuckDB |");
        output.WriteLine("|---|---|---|");
        output.WriteLine($"| top 10 customers by revenue (TopCount over the level), cold | {topCold} | {duckTop} |");
        output.WriteLine($"| the same, warm (aggregates cached) | {topWarm} | – |");
        output.WriteLine($"| the top 10 by Head(Order(1M customers, DESC), 10), warm | {orderWarm} | – |");
        output.WriteLine($"| the customers with revenue > 20,000 (Filter over the level), warm | {filterWarm} | – |");
        output.WriteLine($"| the first 20 customers (Head of the level's members), cold | {pageCold} | – |");
        output.WriteLine($"| NON EMPTY 10,000 products × 3 measures in 2024, cold | {productsCold} | {duckProducts} |");
        return 0;
    }

    private static string Measure(int reps, Action before, Func<long> run)
    {
        var times = new List<double>();
        for (var rep = 0; rep <= reps; rep++)
        {
            before();
            var clock = Stopwatch.StartNew();
            if (run() == 0) throw new InvalidOperationException("a query returned no rows");
            if (rep > 0) times.Add(clock.Elapsed.TotalMilliseconds);   // the first rep warms up
        }
        times.Sort();
        return $"{times[times.Count / 2]:F0} ms ({times[0]:F0}–{times[^1]:F0})";
    }
}
