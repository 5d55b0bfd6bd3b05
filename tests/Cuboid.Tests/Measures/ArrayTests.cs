using Cuboid.Tests.Support;

namespace Cuboid.Tests.Measures;

/// <summary>Array columns summed element-wise, Arrays.* reductions and transformations, broadcast arithmetic: against LINQ over the rows.</summary>
public sealed class ArrayTests
{
    private sealed record Trade(int Id, string Book, double[]? PnL, int[] Qty, double Notional);

    private static readonly Trade[] s_trades =
    [
        new(1, "Rates", [1, -2, 3, 0.5, -4], [1, 2, 3, 4, 5], 10),
        new(2, "Rates", [2, 2, -1, 1.5, 6], [0, 0, 1, 0, 0], 20),
        new(3, "FX", [-3, 5, 7, -1, 2], [5, 5, 5, 5, 5], 5),
        new(4, "FX", null, [1, 1, 1, 1, 1], 1),
        new(5, "Credit", null, [2, 0, 0, 0, 9], 3),
    ];

    private static (Session, Cube) Build(CubeMode mode = CubeMode.Manual)
    {
        var session = TestData.NewSession();
        var t = session.CreateTable("Trades", new Dictionary<string, DataType>
        {
            ["Id"] = DataType.Int,
            ["Book"] = DataType.String,
            ["PnL"] = DataType.DoubleArray,
            ["Qty"] = DataType.IntArray,
            ["Notional"] = DataType.Double,
        }, keys: ["Id"]);
        t.Load(s_trades);
        var cube = session.CreateCube(t, "Trades", mode);
        if (mode == CubeMode.Manual)
        {
            cube.Hierarchies.Remove("Id");
            cube.Measures["PnL"] = Agg.Sum(t["PnL"]);
            cube.Measures["Notional"] = Agg.Sum(t["Notional"]);
        }
        return (session, cube);
    }

    private static readonly string?[] s_books = [null, "Credit", "FX", "Rates"];

    /// <summary>The element-wise sum of a book's non-null vectors (all books for null), or null when it has none.</summary>
    private static double[]? Summed(string? book)
    {
        var vectors = s_trades.Where(t => (book is null || t.Book == book) && t.PnL is not null).Select(t => t.PnL!).ToList();
        return vectors.Count == 0 ? null : [.. Enumerable.Range(0, 5).Select(e => vectors.Sum(v => v[e]))];
    }

    [Fact]
    public void SumAndMeanAddArraysElementWiseWithTotals()
    {
        var (session, cube) = Build();
        using var _ = session;
        var t = session.Tables["Trades"];
        cube.Measures["PnL mean"] = Agg.Mean(t["PnL"]);
        cube.Measures["Qty"] = Agg.Sum(t["Qty"]);
        var result = cube.Query([cube.Measures["PnL"], cube.Measures["PnL mean"], cube.Measures["Qty"]], levels: [cube.Levels["Book"]], includeTotals: true);
        Assert.Equal(typeof(double[]), result.Column("PnL").ClrType);
        Assert.Equal(s_books, result.Column("Book").Values.Cast<string?>());
        for (var r = 0; r < s_books.Length; r++)
        {
            var sum = Summed(s_books[r]);
            Assert.Equal(sum, (double[]?)result.Column("PnL")[r]);
            var count = s_trades.Count(x => (s_books[r] is null || x.Book == s_books[r]) && x.PnL is not null);
            Assert.Equal(sum?.Select(v => v / count), (double[]?)result.Column("PnL mean")[r]);
            var qty = Enumerable.Range(0, 5).Select(e => (double)s_trades.Where(x => s_books[r] is null || x.Book == s_books[r]).Sum(x => x.Qty[e]));
            Assert.Equal(qty, (double[]?)result.Column("Qty")[r]);
        }
        Assert.Null(result.Column("PnL")[1]);   // Credit's only trade has no vector: an empty cell
        Assert.Contains("[3, 0, 2, 2, 2]", result.ToString(), StringComparison.Ordinal);   // Rates, printed as a list
    }

    [Fact]
    public void AutoCubesSumAndAverageArrayColumns()
    {
        var (session, cube) = Build(CubeMode.Auto);
        using var _ = session;
        var result = cube.Query([cube.Measures["PnL.SUM"], cube.Measures["Qty.MEAN"]]);
        Assert.Equal(Summed(null), (double[]?)result.Column("PnL.SUM")[0]);
        Assert.Equal([1.8, 1.6, 2, 2, 4], Vector(result.Column("Qty.MEAN")[0]));
        Assert.Null(cube.Measures["PnL.SUM"].Formatter);
    }

    [Fact]
    public void ReductionsGiveANumberPerCell()
    {
        var (session, cube) = Build();
        using var _ = session;
        var m = cube.Measures;
        var pnl = m["PnL"];
        m["Sum"] = Arrays.Sum(pnl);
        m["Mean"] = Arrays.Mean(pnl);
        m["Min"] = Arrays.Min(pnl);
        m["Max"] = Arrays.Max(pnl);
        m["Prod"] = Arrays.Prod(pnl);
        m["Len"] = Arrays.Len(pnl);
        m["Var"] = Arrays.Var(pnl);
        m["StdP"] = Arrays.Std(pnl, VarianceMode.Population);
        m["Q80"] = Arrays.Quantile(pnl, 0.8);
        m["Q80 lower"] = Arrays.Quantile(pnl, 0.8, QuantileMode.Exc, QuantileInterpolation.Lower);
        m["Q80 index"] = Arrays.QuantileIndex(pnl, 0.8);
        m["2nd greatest"] = Arrays.NthGreatest(pnl, 2);
        m["2nd lowest"] = Arrays.NthLowest(pnl, 2);
        m["First"] = pnl[0];
        m["Last"] = pnl[^1];
        m["Tenth"] = pnl[9];
        var result = cube.Query([.. new[] { "Sum", "Mean", "Min", "Max", "Prod", "Len", "Var", "StdP", "Q80", "Q80 lower", "Q80 index", "2nd greatest", "2nd lowest", "First", "Last", "Tenth" }.Select(n => m[n])],
            levels: [cube.Levels["Book"]], includeTotals: true);
        Assert.Equal(typeof(long), result.Column("Len").ClrType);
        for (var r = 0; r < s_books.Length; r++)
        {
            var x = Summed(s_books[r]);
            if (x is null)
            {
                Assert.All(result.Columns.Where(c => c.Role == ColumnRole.Measure), c => Assert.Null(c[r]));
                continue;
            }
            var sorted = x.Order().ToArray();
            var mean = x.Average();
            AssertClose(x.Sum(), result.Column("Sum").GetDouble(r));
            AssertClose(mean, result.Column("Mean").GetDouble(r));
            AssertClose(x.Min(), result.Column("Min").GetDouble(r));
            AssertClose(x.Max(), result.Column("Max").GetDouble(r));
            AssertClose(x.Aggregate(1.0, (a, v) => a * v), result.Column("Prod").GetDouble(r));
            Assert.Equal(5L, result.Column("Len")[r]);
            AssertClose(x.Sum(v => (v - mean) * (v - mean)) / 4, result.Column("Var").GetDouble(r));
            AssertClose(Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / 5), result.Column("StdP").GetDouble(r));
            // Inc: rank 0.8 × 4 + 1 = 4.2 → between the 4th and 5th; Exc: rank 0.8 × 6 = 4.8 → lower is the 4th.
            AssertClose(sorted[3] + 0.2 * (sorted[4] - sorted[3]), result.Column("Q80").GetDouble(r));
            AssertClose(sorted[3], result.Column("Q80 lower").GetDouble(r));
            Assert.Equal((long)Enumerable.Range(0, 5).OrderBy(i => x[i]).ElementAt(3), result.Column("Q80 index")[r]);   // ties in array order
            AssertClose(sorted[3], result.Column("2nd greatest").GetDouble(r));
            AssertClose(sorted[1], result.Column("2nd lowest").GetDouble(r));
            AssertClose(x[0], result.Column("First").GetDouble(r));
            AssertClose(x[4], result.Column("Last").GetDouble(r));
            Assert.Null(result.Column("Tenth")[r]);   // no such element: empty
        }
    }

    [Fact]
    public void TransformationsGiveAnotherArray()
    {
        var (session, cube) = Build();
        using var _ = session;
        var m = cube.Measures;
        var pnl = m["PnL"];
        m["Sorted desc"] = Arrays.Sort(pnl, ascending: false);
        m["Running"] = Arrays.PrefixSum(pnl);
        m["Gains"] = Arrays.PositiveValues(pnl);
        m["Losses"] = Arrays.NegativeValues(pnl);
        m["Top 2"] = Arrays.NGreatest(pnl, 2);
        m["Bottom 2"] = Arrays.NLowest(pnl, 2);
        m["Zero to ten"] = Arrays.Replace(pnl, new Dictionary<double, double> { [0] = 10 });
        m["Middle"] = pnl[1..4];
        m["Tail"] = pnl[3..];
        // Rates' vector is [3, 0, 2, 2, 2].
        var rates = cube.Query([.. new[] { "Sorted desc", "Running", "Gains", "Losses", "Top 2", "Bottom 2", "Zero to ten", "Middle", "Tail" }.Select(n => m[n])],
            filter: cube.Levels["Book"] == "Rates");
        double[] Of(string name) => Vector(rates.Column(name)[0]);
        Assert.Equal([3, 2, 2, 2, 0], Of("Sorted desc"));
        Assert.Equal([3, 3, 5, 7, 9], Of("Running"));
        Assert.Equal([3, 0, 2, 2, 2], Of("Gains"));
        Assert.Equal([3, 10, 2, 2, 2], Of("Zero to ten"));
        Assert.Equal([0, 0, 0, 0, 0], Of("Losses"));
        Assert.Equal([3, 2], Of("Top 2"));   // 3 and the last of the tied 2s, in array order
        Assert.Equal([0, 2], Of("Bottom 2"));
        Assert.Equal([0, 2, 2], Of("Middle"));
        Assert.Equal([2, 2], Of("Tail"));
        // FX's vector is [-3, 5, 7, -1, 2].
        var fx = cube.Query([m["Gains"], m["Losses"], m["Top 2"]], filter: cube.Levels["Book"] == "FX");
        Assert.Equal([0, 5, 7, 0, 2], Vector(fx.Column("Gains")[0]));
        Assert.Equal([-3, 0, 0, -1, 0], Vector(fx.Column("Losses")[0]));
        Assert.Equal([5, 7], Vector(fx.Column("Top 2")[0]));
    }

    [Fact]
    public void ArithmeticIsElementWiseAndBroadcastsNumbers()
    {
        var (session, cube) = Build();
        using var _ = session;
        var m = cube.Measures;
        var pnl = m["PnL"];
        m["Doubled"] = pnl * 2;
        m["Twice"] = pnl + pnl;
        m["Per notional"] = pnl / m["Notional"];
        m["Shifted"] = 1 - pnl;
        m["Sum of doubled"] = Arrays.Sum(m["Doubled"]);
        var result = cube.Query([m["Doubled"], m["Twice"], m["Per notional"], m["Shifted"], m["Sum of doubled"]], levels: [cube.Levels["Book"]]);
        for (var r = 0; r < 3; r++)
        {
            var book = (string)result.Column("Book")[r]!;
            var x = Summed(book);
            var notional = s_trades.Where(t => t.Book == book).Sum(t => t.Notional);
            Assert.Equal(x?.Select(v => v * 2), (double[]?)result.Column("Doubled")[r]);
            Assert.Equal(x?.Select(v => v + v), (double[]?)result.Column("Twice")[r]);
            Assert.Equal(x?.Select(v => v / notional), (double[]?)result.Column("Per notional")[r]);
            Assert.Equal(x?.Select(v => 1 - v), (double[]?)result.Column("Shifted")[r]);
            AssertClose(x?.Sum() * 2, result.Column("Sum of doubled").GetDouble(r));
        }
    }

    [Fact]
    public void MisusesAreClearErrors()
    {
        var (session, cube) = Build();
        using var _ = session;
        var t = session.Tables["Trades"];
        var min = Assert.Throws<ArgumentException>(() => Agg.Min(t["PnL"]));
        Assert.Contains("Agg.Min cannot aggregate", min.Message, StringComparison.Ordinal);
        Assert.Contains("Agg.Sum or Agg.Mean", min.Message, StringComparison.Ordinal);
        cube.Measures["Not an array"] = Arrays.Sum(cube.Measures["Notional"]);
        var scalar = Assert.Throws<ArgumentException>(() => cube.Query([cube.Measures["Not an array"]]));
        Assert.Contains("Arrays.Sum takes an array measure", scalar.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Arrays.NthGreatest(cube.Measures["PnL"], 0));
        Assert.Throws<ArgumentException>(() => Arrays.QuantileIndex(cube.Measures["PnL"], 0.5, interpolation: QuantileInterpolation.Linear));

        // One cell with vectors of two lengths: the error names the column and both lengths.
        t.Load([new Trade(6, "Rates", [1, 2, 3], [1, 1, 1, 1, 1], 1)]);
        var lengths = Assert.Throws<InvalidOperationException>(() => cube.Query([cube.Measures["PnL"]]));
        Assert.Contains("Column 'PnL'", lengths.Message, StringComparison.Ordinal);
        Assert.Matches("arrays of (5 and of 3|3 and of 5) elements", lengths.Message);
    }

    private sealed record Position(int Id, string Desk, string Book, double[] PnL);

    [Fact]
    public void ValueAtRiskOfTenThousandTradesByDeskAndBook()
    {
        // The VaR case: 10,000 trades with 500-scenario P&L vectors; the 95% quantile of the summed vector per book and desk.
        var random = new Random(7);
        var positions = Enumerable.Range(0, 10_000).Select(i =>
        {
            var desk = random.Next(4);
            return new Position(i, $"Desk {desk}", $"Book {desk}-{random.Next(3)}", [.. Enumerable.Range(0, 500).Select(_ => Math.Round(random.NextDouble() * 200 - 95, 2))]);
        }).ToArray();
        using var session = TestData.NewSession();
        var t = session.CreateTable("Positions", new Dictionary<string, DataType>
        {
            ["Id"] = DataType.Int,
            ["Desk"] = DataType.String,
            ["Book"] = DataType.String,
            ["PnL"] = DataType.DoubleArray,
        }, keys: ["Id"]);
        t.Load(positions);
        var cube = session.CreateCube(t, "Positions", CubeMode.Manual);
        cube.Hierarchies.Remove("Id");
        cube.Measures["VaR 95"] = Arrays.Quantile(Agg.Sum(t["PnL"]), 0.95);
        var result = cube.Query([cube.Measures["VaR 95"]], levels: [cube.Levels["Desk"], cube.Levels["Book"]], includeTotals: true);

        var groups = positions.GroupBy(p => (p.Desk, p.Book)).Select(g => ((string?)g.Key.Desk, (string?)g.Key.Book, g.ToList()))
            .Concat(positions.GroupBy(p => p.Desk).Select(g => ((string?)g.Key, (string?)null, g.ToList())))
            .Append(((string?)null, (string?)null, positions.ToList())).ToList();
        Assert.Equal(groups.Count, result.RowCount);
        for (var r = 0; r < result.RowCount; r++)
        {
            var (desk, book) = ((string?)result.Column("Desk")[r], (string?)result.Column("Book")[r]);
            var members = groups.Single(g => g.Item1 == desk && g.Item2 == book).Item3;
            var sorted = Enumerable.Range(0, 500).Select(e => members.Sum(p => p.PnL[e])).Order().ToArray();
            var rank = 0.95 * 499;   // inc mode, 0-based: between sorted[474] and sorted[475]
            var expected = sorted[474] + (rank - 474) * (sorted[475] - sorted[474]);
            Assert.True(Math.Abs(expected - result.Column("VaR 95").GetDouble(r)!.Value) < 1e-6, $"{desk}/{book}: expected {expected}, got {result.Column("VaR 95")[r]}");
        }
    }

    [Fact]
    public void MdxReadsArrayReductions()
    {
        var (session, cube) = Build();
        using var _ = session;
        cube.Measures["Q80"] = Arrays.Quantile(cube.Measures["PnL"], 0.8);
        var viaMdx = session.QueryMdx("SELECT {[Measures].[Q80]} ON 0, [Trades].[Book].[Book].Members ON 1 FROM [Trades]");
        var viaCSharp = cube.Query([cube.Measures["Q80"]], levels: [cube.Levels["Book"]]);
        Assert.Equal(viaCSharp.Column("Q80").Values.Cast<double?>(), viaMdx.Column("Q80").Values.Cast<double?>());

        // An array cell reads as the array, and shows as Atoti shows vectors.
        var cells = session.QueryMdx("SELECT {[Measures].[PnL]} ON 0, {[Trades].[Book].[Rates]} ON 1 FROM [Trades]").CellSet!;
        Assert.Equal([3, 0, 2, 2, 2], Vector(cells.Cells[0].Value));
        Assert.Equal("doubleVector[5]{3, 0, 2, ...}", cells.Cells[0].FormattedValue);
    }

    private static double[] Vector(object? value) => Assert.IsType<double[]>(value);

    private static void AssertClose(double? expected, double? actual)
    {
        Assert.Equal(expected.HasValue, actual.HasValue);
        if (expected is { } e) Assert.True(Math.Abs(e - actual!.Value) <= 1e-9 * Math.Max(1, Math.Abs(e)), $"expected {e}, got {actual}");
    }

    [Fact]
    public void LocationFunctionsReadVectorsAtOtherLocations()
    {
        var (session, cube) = Build();
        using var _ = session;
        var (m, h) = (cube.Measures, cube.Hierarchies);
        m["Total PnL"] = Fn.Total(m["PnL"], h["Book"]);
        m["Parent PnL"] = Fn.ParentValue(m["PnL"], h["Book"]);
        var result = cube.Query([m["PnL"], m["Total PnL"], m["Parent PnL"]], levels: [cube.Levels["Book"]]);
        Assert.Equal(typeof(double[]), result.Column("Total PnL").ClrType);
        for (var r = 0; r < result.RowCount; r++)
        {
            Assert.Equal(Summed(null), (double[]?)result.Column("Total PnL")[r]);
            Assert.Equal(Summed(null), (double[]?)result.Column("Parent PnL")[r]);   // a book's parent is All
        }
        // A book's share of the whole, element by element (Credit has no vector: empty).
        m["Share"] = m["PnL"] / m["Total PnL"];
        var share = cube.Query([m["Share"]], levels: [cube.Levels["Book"]]);
        var row = share.Column("Book").Values.Cast<string>().ToList().IndexOf("Rates");
        var (rates, all) = (Summed("Rates")!, Summed(null)!);
        Assert.Equal(rates.Select((v, e) => v / all[e]), (double[]?)share.Column("Share")[row]);
    }
}

