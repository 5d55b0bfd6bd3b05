using Cuboid.Tests.Support;

namespace Cuboid.Tests.Measures;

/// <summary>Fn.DateShift with each fallback, Fn.DateDiff and cumulative windows in periods,, on dates whose month arithmetic has edge cases (month ends, a leap day).</summary>
public sealed class DateShiftTests
{
    private sealed record Row(DateOnly Date, double Value);

    private static readonly Row[] s_rows =
    [
        new(new(2024, 1, 31), 10), new(new(2024, 2, 29), 20), new(new(2024, 3, 15), 30), new(new(2024, 3, 31), 40), new(new(2024, 4, 30), 50),
    ];

    private static (Session, Cube) Build()
    {
        var session = TestData.NewSession();
        var t = session.CreateTable("T", new Dictionary<string, DataType> { ["Date"] = DataType.LocalDate, ["Value"] = DataType.Double }, keys: ["Date"]);
        t.Load(s_rows);
        var cube = session.CreateCube(t, "T", CubeMode.Manual);
        var (l, m) = (cube.Levels, cube.Measures);
        m["Value"] = Agg.Sum(t["Value"]);
        foreach (var fallback in Enum.GetValues<DateShiftFallback>()) m[$"Month before, {fallback}"] = Fn.DateShift(m["Value"], l["Date"], "-P1M", fallback);
        return (session, cube);
    }

    [Fact]
    public void EachFallbackReadsTheRightDate()
    {
        var (session, cube) = Build();
        using var _ = session;
        var m = cube.Measures;
        var names = Enum.GetValues<DateShiftFallback>().Select(f => $"Month before, {f}").ToArray();
        var result = cube.Query(names.Select(n => m[n]), levels: [cube.Levels["Date"]], includeTotals: true);
        double? Column(DateShiftFallback f, int row) => result.Column($"Month before, {f}").GetDouble(row);
        // Rows: total, Jan 31, Feb 29, Mar 15, Mar 31, Apr 30; their targets Dec 31, Jan 29, Feb 15, Feb 29, Mar 30.
        Assert.Equal([null, null, null, null, 20.0, null], Enumerable.Range(0, 6).Select(r => Column(DateShiftFallback.None, r)));
        Assert.Equal([null, null, null, 10.0, 20.0, 30.0], Enumerable.Range(0, 6).Select(r => Column(DateShiftFallback.Past, r)));
        Assert.Equal([null, 10.0, 10.0, 20.0, 20.0, 40.0], Enumerable.Range(0, 6).Select(r => Column(DateShiftFallback.Future, r)));
        var interpolated = Enumerable.Range(0, 6).Select(r => Column(DateShiftFallback.Interpolated, r)).ToArray();
        Assert.Equal([null, null, null], interpolated[..3]);
        Assert.Equal(10 + 10 * 15 / 29.0, interpolated[3]!.Value, 12);   // Feb 15 between Jan 31 (10) and Feb 29 (20)
        Assert.Equal(20.0, interpolated[4]);
        Assert.Equal(30 + 10 * 15 / 16.0, interpolated[5]!.Value, 12);   // Mar 30 between Mar 15 (30) and Mar 31 (40)
    }

    [Fact]
    public void PeriodsParseAsIso8601AndBadInputIsNamed()
    {
        Assert.Equal(new DatePeriod(-1, -2, -25), DatePeriod.Parse("-P1Y2M3W4D"));
        Assert.Equal(new DatePeriod(0, 0, 7), DatePeriod.Parse("P1W"));
        Assert.Equal(new DateOnly(2024, 2, 29), DatePeriod.Parse("-P1M").AddTo(new DateOnly(2024, 3, 31)));
        var error = Assert.Throws<FormatException>(() => DatePeriod.Parse("1M"));
        Assert.Contains("'1M' is not an ISO-8601 date period", error.Message);
        Assert.Throws<FormatException>(() => DatePeriod.Parse("P"));
        var (session, cube) = Build();
        using var _ = session;
        cube.Hierarchies.Set("Amount", session.Tables["T"]["Value"]);
        var notDates = Assert.Throws<ArgumentException>(() => Fn.DateShift(cube.Measures["Value"], cube.Levels[("T", "Amount", "Value")], "P1D"));
        Assert.Contains("needs a level of dates", notDates.Message);
    }

    [Fact]
    public void DateDiffCountsWholeUnitsToAFixedDate()
    {
        var (session, cube) = Build();
        using var _ = session;
        var (l, m) = (cube.Levels, cube.Measures);
        var end = new DateTime(2024, 3, 31);
        m["Days left"] = Fn.DateDiff(l["Date"], end);
        m["Months left"] = Fn.DateDiff(l["Date"], end, DateUnit.Months);
        m["Weeks since"] = Fn.DateDiff(new DateTime(2024, 1, 1), l["Date"], DateUnit.Weeks);
        var result = cube.Query([m["Days left"], m["Months left"], m["Weeks since"]], levels: [l["Date"]], includeTotals: true);
        // Rows: total, Jan 31, Feb 29, Mar 15, Mar 31, Apr 30.
        Assert.Equal([null, .. s_rows.Select(r => (long?)(end - r.Date.ToDateTime(TimeOnly.MinValue)).Days)], result.Column("Days left").Values.Cast<long?>());
        Assert.Equal([null, 2L, 1L, 0L, 0L, 0L], result.Column("Months left").Values.Cast<long?>());   // Apr 30 → Mar 31 is not yet a month back
        Assert.Equal([null, 4L, 8L, 10L, 12L, 17L], result.Column("Weeks since").Values.Cast<long?>());
        Assert.Equal(-1, DateDiffMeasure.Between(new DateTime(2024, 2, 29), new DateTime(2023, 2, 28), DateUnit.Years));
        Assert.Equal(0, DateDiffMeasure.Between(new DateTime(2024, 2, 29), new DateTime(2025, 2, 28), DateUnit.Years));
        Assert.Equal(36, DateDiffMeasure.Between(new DateTime(2024, 1, 1), new DateTime(2024, 1, 2, 12, 0, 0), DateUnit.Hours));
    }

    [Fact]
    public void CumulativeWindowsInPeriodsSpanDatesNotMembers()
    {
        var (session, cube) = Build();
        using var _ = session;
        var (l, m) = (cube.Levels, cube.Measures);
        m["Last month"] = Agg.Sum(m["Value"], Scope.Cumulative(l["Date"], "-P1M"));
        m["Next month"] = Agg.Sum(m["Value"], Scope.Cumulative(l["Date"], "P0D", "P1M"));
        var result = cube.Query([m["Last month"], m["Next month"]], levels: [l["Date"]]);
        for (var r = 0; r < s_rows.Length; r++)
        {
            var date = s_rows[r].Date;
            Assert.Equal(s_rows.Where(x => x.Date >= date.AddMonths(-1) && x.Date <= date).Sum(x => x.Value), result.Column("Last month").GetDouble(r));
            Assert.Equal(s_rows.Where(x => x.Date >= date && x.Date <= date.AddMonths(1)).Sum(x => x.Value), result.Column("Next month").GetDouble(r));
        }
        Assert.Equal([10.0, 30.0, 50.0, 90.0, 90.0], result.Column("Last month").Values.Cast<double?>());
        Assert.Throws<ArgumentException>(() => Scope.Cumulative(cube.Hierarchies.Set("Amount", session.Tables["T"]["Value"]).Levels[0], "-P1M"));
    }
}
