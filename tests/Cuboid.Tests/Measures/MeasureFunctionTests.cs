using Cuboid.Tests.Support;

namespace Cuboid.Tests.Measures;

/// <summary>Statistical aggregations, math and Fn.Where on measures, against values computed from the rows with LINQ.</summary>
public sealed class MeasureFunctionTests
{
    private sealed record Row(int Id, string Shop, double? X);

    private static readonly Row[] s_rows =
    [
        new(1, "Paris", 2), new(2, "Paris", 4), new(3, "Paris", 9), new(4, "Lyon", 1.5), new(5, "Lyon", null),
        new(6, "Lyon", 3.5), new(7, "Nice", null), new(8, "Oslo", -2),
    ];

    private static (Session, Cube) Build()
    {
        var session = TestData.NewSession();
        var t = session.CreateTable("T", new Dictionary<string, DataType> { ["Id"] = DataType.Int, ["Shop"] = DataType.String, ["X"] = DataType.Double }, keys: ["Id"]);
        t.Load(s_rows);
        var cube = session.CreateCube(t, "T", CubeMode.Manual);
        cube.Hierarchies.Remove("Id");
        var m = cube.Measures;
        m["Var"] = Agg.Var(t["X"]);
        m["VarP"] = Agg.Var(t["X"], VarianceMode.Population);
        m["Std"] = Agg.Std(t["X"]);
        m["StdP"] = Agg.Std(t["X"], VarianceMode.Population);
        m["Prod"] = Agg.Prod(t["X"]);
        m["SquareSum"] = Agg.SquareSum(t["X"]);
        m["Sum"] = Agg.Sum(t["X"]);
        return (session, cube);
    }

    private static IEnumerable<double> X(string? shop) => s_rows.Where(r => (shop is null || r.Shop == shop) && r.X.HasValue).Select(r => r.X!.Value);

    private static double? Variance(IEnumerable<double> values, bool sample)
    {
        var xs = values.ToList();
        if (xs.Count < (sample ? 2 : 1)) return null;
        var mean = xs.Average();
        return xs.Sum(x => (x - mean) * (x - mean)) / (sample ? xs.Count - 1 : xs.Count);
    }

    [Fact]
    public void VarianceStdProdAndSquareSumMatchTheRowsWithTotals()
    {
        var (session, cube) = Build();
        using var _ = session;
        var m = cube.Measures;
        var result = cube.Query([m["Var"], m["VarP"], m["Std"], m["StdP"], m["Prod"], m["SquareSum"]], levels: [cube.Levels["Shop"]], includeTotals: true);
        string?[] shops = [null, "Lyon", "Nice", "Oslo", "Paris"];
        Assert.Equal(shops, result.Column("Shop").Values.Cast<string?>());
        for (var r = 0; r < shops.Length; r++)
        {
            var xs = X(shops[r]).ToList();
            AssertClose(Variance(xs, sample: true), result.Column("Var").GetDouble(r));
            AssertClose(Variance(xs, sample: false), result.Column("VarP").GetDouble(r));
            AssertClose(Variance(xs, sample: true) is { } v ? Math.Sqrt(v) : null, result.Column("Std").GetDouble(r));
            AssertClose(Variance(xs, sample: false) is { } p ? Math.Sqrt(p) : null, result.Column("StdP").GetDouble(r));
            AssertClose(xs.Count == 0 ? null : xs.Aggregate(1.0, (a, x) => a * x), result.Column("Prod").GetDouble(r));
            AssertClose(xs.Count == 0 ? null : xs.Sum(x => x * x), result.Column("SquareSum").GetDouble(r));
        }
    }

    [Fact]
    public void WhereMathAndComparisonsOnMeasures()
    {
        var (session, cube) = Build();
        using var _ = session;
        var m = cube.Measures;
        m["Big"] = Fn.Where(m["Sum"] > 5, m["Sum"], -1);
        m["Empty?"] = Fn.Where(m["Sum"].IsNull(), 1, 0);
        m["Abs"] = Fn.Abs(m["Sum"]);
        m["Root"] = Fn.Round(Fn.Sqrt(Fn.Abs(m["Sum"])), 3);
        m["Larger"] = Fn.Max(m["Sum"], m["SquareSum"]);
        m["Pow"] = Fn.Pow(m["Sum"], 2);
        m["Erf"] = Fn.Erf(m["Sum"] / 10);
        var result = cube.Query([m["Big"], m["Empty?"], m["Abs"], m["Root"], m["Larger"], m["Pow"], m["Erf"]], levels: [cube.Levels["Shop"]]);
        // Lyon 5, Nice empty, Oslo −2, Paris 15.
        Assert.Equal([-1.0, -1.0, -1.0, 15.0], result.Column("Big").Values.Cast<double?>());   // Nice's empty sum compares false: Otherwise
        Assert.Equal([0L, 1L, 0L, 0L], result.Column("Empty?").Values.Cast<long?>());
        Assert.Equal([5.0, null, 2.0, 15.0], result.Column("Abs").Values.Cast<double?>());
        Assert.Equal([2.236, null, 1.414, 3.873], result.Column("Root").Values.Cast<double?>());
        Assert.Equal([14.5, null, 4.0, 101.0], result.Column("Larger").Values.Cast<double?>());
        Assert.Equal([25.0, null, 4.0, 225.0], result.Column("Pow").Values.Cast<double?>());
        Assert.True(Math.Abs(result.Column("Erf").GetDouble(0)!.Value - 0.5204998778) < 2e-7);   // erf(0.5)
        Assert.Throws<ArgumentException>(() => cube.Query([cube.Measures.Set("Bad", Fn.Where(cube.Levels["Shop"] == "Lyon", m["Sum"]))]));
    }

    [Fact]
    public void LongShortAndSumProductMatchTheRows()
    {
        var (session, cube) = Build();
        using var _ = session;
        var t = session.Tables["T"];
        var m = cube.Measures;
        m["Long"] = Agg.Long(t["X"]);
        m["Short"] = Agg.Short(t["X"]);
        m["XById"] = Agg.SumProduct(t["X"], t["Id"]);
        var result = cube.Query([m["Long"], m["Short"], m["XById"]], levels: [cube.Levels["Shop"]], includeTotals: true);
        string?[] shops = [null, "Lyon", "Nice", "Oslo", "Paris"];
        for (var r = 0; r < shops.Length; r++)
        {
            var rows = s_rows.Where(x => (shops[r] is null || x.Shop == shops[r]) && x.X.HasValue).ToList();
            var positive = rows.Where(x => x.X > 0).ToList();
            var negative = rows.Where(x => x.X < 0).ToList();
            AssertClose(positive.Count == 0 ? null : positive.Sum(x => x.X!.Value), result.Column("Long").GetDouble(r));
            AssertClose(negative.Count == 0 ? null : negative.Sum(x => x.X!.Value), result.Column("Short").GetDouble(r));
            AssertClose(rows.Count == 0 ? null : rows.Sum(x => x.X!.Value * x.Id), result.Column("XById").GetDouble(r));
        }
        Assert.Throws<ArgumentException>(() => Agg.SumProduct());
        m["Single"] = Agg.SingleValue(t["X"]);
        var single = cube.Query([m["Single"]], levels: [cube.Levels["Shop"]], includeTotals: true);
        // Only Oslo has one distinct value; Nice has none.
        Assert.Equal([null, null, null, -2.0, null], single.Column("Single").Values.Cast<double?>());
    }

    [Fact]
    public void SeveralCasesAndSwitchTakeTheFirstMatch()
    {
        var (session, cube) = Build();
        using var _ = session;
        var m = cube.Measures;
        // Lyon 5, Nice empty, Oslo −2, Paris 15.
        m["Band"] = Fn.Where([(m["Sum"] > 10, 3), (m["Sum"] > 0, 2), (m["Sum"] < 0, 1)]);
        m["Code"] = Fn.Switch(m["Sum"], new Dictionary<double, Measure> { [5] = 50, [15] = 150 }, -1);
        var result = cube.Query([m["Band"], m["Code"]], levels: [cube.Levels["Shop"]]);
        Assert.Equal([2L, null, 1L, 3L], result.Column("Band").Values.Cast<long?>());
        Assert.Equal([50L, -1L, -1L, 150L], result.Column("Code").Values.Cast<long?>());
        m["In"] = Fn.Where(m["Sum"].IsIn(5, -2), 1, 0);
        m["Not in"] = Fn.Where(m["Sum"].IsNotIn(5, -2), 1, 0);
        var sets = cube.Query([m["In"], m["Not in"]], levels: [cube.Levels["Shop"]]);
        Assert.Equal([1L, 0L, 1L, 0L], sets.Column("In").Values.Cast<long?>());
        Assert.Equal([0L, 0L, 0L, 1L], sets.Column("Not in").Values.Cast<long?>());   // Nice is empty: neither in nor not in
    }

    [Fact]
    public void FilterComputesTheMeasureOnTheKeptFactsOnly()
    {
        var (session, cube) = Build();
        using var _ = session;
        var (l, m) = (cube.Levels, cube.Measures);
        m["Paris"] = Fn.Filter(m["Sum"], l["Shop"] == "Paris");
        m["South"] = Fn.Filter(m["Sum"], l["Shop"].IsIn("Lyon", "Nice"));
        m["South share"] = m["South"] / m["Sum"];
        var result = cube.Query([m["Paris"], m["South"], m["South share"]], levels: [l["Shop"]], includeTotals: true);
        // Total 18; Lyon 5, Nice empty, Oslo −2, Paris 15.
        Assert.Equal([15.0, null, null, null, 15.0], result.Column("Paris").Values.Cast<double?>());
        Assert.Equal([5.0, 5.0, null, null, null], result.Column("South").Values.Cast<double?>());
        Assert.Equal(5 / 18.0, result.Column("South share").GetDouble(0)!.Value, 12);
        // The query's own filter still applies underneath.
        var outside = cube.Query([m["Paris"], m["South"]], filter: l["Shop"].IsIn("Lyon", "Oslo"));
        Assert.Null(outside.Column("Paris")[0]);
        Assert.Equal(5.0, outside.Column("South")[0]);
        var error = Assert.Throws<ArgumentException>(() => Fn.Filter(m["Sum"], session.Tables["T"]["X"] > 0));
        Assert.Contains("'T[X]' is not a level", error.Message);
    }

    [Fact]
    public void MedianIsTheMiddleValueOfEachCellWithTotals()
    {
        var (session, cube) = Build();
        using var _ = session;
        var t = session.Tables["T"];
        var m = cube.Measures;
        m["Median"] = Agg.Median(t["X"]);
        var result = cube.Query([m["Median"]], levels: [cube.Levels["Shop"]], includeTotals: true);
        string?[] shops = [null, "Lyon", "Nice", "Oslo", "Paris"];
        for (var r = 0; r < shops.Length; r++)
        {
            var xs = X(shops[r]).Order().ToList();
            double? median = xs.Count == 0 ? null : xs.Count % 2 == 1 ? xs[xs.Count / 2] : (xs[xs.Count / 2 - 1] + xs[xs.Count / 2]) / 2;
            AssertClose(median, result.Column("Median").GetDouble(r));
        }
        Assert.Equal(2.75, result.Column("Median").GetDouble(0));   // −2, 1.5, 2 | 3.5, 4, 9
    }

    [Theory]
    [InlineData(0.25, QuantileMode.Inc, QuantileInterpolation.Linear, 3.0)]      // rank 1.5 between 2 and 4
    [InlineData(0.25, QuantileMode.Exc, QuantileInterpolation.Linear, 2.0)]      // rank 1
    [InlineData(0.5, QuantileMode.Simple, QuantileInterpolation.Lower, 2.0)]     // rank 1.5
    [InlineData(0.5, QuantileMode.Simple, QuantileInterpolation.Higher, 4.0)]
    [InlineData(0.5, QuantileMode.Simple, QuantileInterpolation.Nearest, 2.0)]   // exactly half: the lower
    [InlineData(0.5, QuantileMode.Simple, QuantileInterpolation.Midpoint, 3.0)]
    [InlineData(0.5, QuantileMode.Centered, QuantileInterpolation.Linear, 4.0)]  // rank 2
    [InlineData(1.0, QuantileMode.Exc, QuantileInterpolation.Linear, 9.0)]       // rank 4, clamped to 3
    public void QuantileModesAndInterpolationsOnParis(double q, QuantileMode mode, QuantileInterpolation interpolation, double expected)
    {
        var (session, cube) = Build();
        using var _ = session;
        var m = cube.Measures;
        m["Q"] = Agg.Quantile(session.Tables["T"]["X"], q, mode, interpolation);
        var result = cube.Query([m["Q"]], filter: cube.Levels["Shop"] == "Paris");   // 2, 4, 9
        Assert.Equal(expected, result.Column("Q").GetDouble(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Agg.Quantile(session.Tables["T"]["X"], 1.5));
    }

    [Fact]
    public void AtReadsTheMeasureAtOneMemberOnEveryRow()
    {
        var (session, cube) = Build();
        using var _ = session;
        var (l, m) = (cube.Levels, cube.Measures);
        m["Paris"] = Fn.At(m["Sum"], l["Shop"], "Paris");
        m["vs Paris"] = m["Sum"] / m["Paris"];
        var result = cube.Query([m["Paris"], m["vs Paris"]], levels: [l["Shop"]], includeTotals: true);
        Assert.Equal([15.0, 15.0, 15.0, 15.0, 15.0], result.Column("Paris").Values.Cast<double?>());
        Assert.Equal([18 / 15.0, 5 / 15.0, null, -2 / 15.0, 1.0], result.Column("vs Paris").Values.Cast<double?>());
        Assert.Null(cube.Query([m["Paris"]], filter: l["Shop"] != "Paris").Column("Paris")[0]);   // the query's filter holds
    }

    private static void AssertClose(double? expected, double? actual)
    {
        if (expected is null) Assert.Null(actual);
        else Assert.True(actual is { } a && Math.Abs(a - expected.Value) <= 1e-9 * Math.Max(1, Math.Abs(expected.Value)), $"expected {expected}, got {actual}");
    }
}
