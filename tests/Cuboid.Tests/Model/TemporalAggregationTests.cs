using Cuboid.Tests.Support;

namespace Cuboid.Tests.Model;

/// <summary>Agg.Min and Agg.Max over dates and times (the first and last trade day), and counts over any column.</summary>
public sealed class TemporalAggregationTests : IDisposable
{
    private readonly Session _session = TestData.NewSession();
    private readonly Cube _cube;

    public TemporalAggregationTests()
    {
        var trades = _session.CreateTable("Trades", new Dictionary<string, DataType>
        {
            ["Id"] = DataType.Int,
            ["Book"] = DataType.String,
            ["Day"] = DataType.LocalDate,
            ["At"] = DataType.LocalDateTime,
            ["Time"] = DataType.LocalTime,
        }, keys: ["Id"], defaultValues: new Dictionary<string, object?> { ["Day"] = null, ["At"] = null, ["Time"] = null });   // nullable: a null is no date
        var books = _session.CreateTable("Books", new Dictionary<string, DataType> { ["Book"] = DataType.String, ["Opened"] = DataType.LocalDate }, keys: ["Book"]);
        trades.Append(
            [1, "Rates", new DateOnly(2026, 3, 2), new DateTime(2026, 3, 2, 9, 30, 0), new TimeOnly(9, 30)],
            [2, "Rates", new DateOnly(2026, 3, 14), new DateTime(2026, 3, 14, 17, 5, 1), new TimeOnly(17, 5, 1)],
            [3, "FX", new DateOnly(2026, 1, 5), new DateTime(2026, 1, 5, 8, 0, 0), new TimeOnly(8, 0)],
            [4, "FX", null, null, null]);
        books.Append(["Rates", new DateOnly(2020, 6, 1)], ["FX", new DateOnly(2019, 2, 1)]);
        trades.Join(books);
        _cube = _session.CreateCube(trades, "Trades", CubeMode.Manual);
        _cube.Hierarchies.Set(("Book", "Book"), trades["Book"]);
        _cube.Measures["First day"] = Agg.Min(trades["Day"]);
        _cube.Measures["Last day"] = Agg.Max(trades["Day"]);
        _cube.Measures["Last time"] = Agg.Max(trades["At"]);
        _cube.Measures["Earliest hour"] = Agg.Min(trades["Time"]);
        _cube.Measures["Days"] = Agg.CountDistinct(trades["Day"]);
        _cube.Measures["Booked"] = Agg.Count(trades["Book"]);
        _cube.Measures["Oldest book"] = Agg.Min(books["Opened"]);
    }

    public void Dispose() => _session.Dispose();

    [Fact]
    public void MinAndMaxOfDatesAndTimesAreDatesAndTimes()
    {
        var m = _cube.Measures;
        var result = _cube.Query([m["First day"], m["Last day"], m["Last time"], m["Earliest hour"], m["Oldest book"]], levels: [_cube.Levels[("Book", "Book", "Book")]], includeTotals: true);
        Assert.Equal([typeof(DateOnly), typeof(DateOnly), typeof(DateTime), typeof(TimeOnly), typeof(DateOnly)], result.Columns.Skip(1).Select(c => c.ClrType));
        Assert.Equal([" 2026-01-05 2026-03-14 2026-03-14T17:05:01 08:00 2019-02-01", "FX 2026-01-05 2026-01-05 2026-01-05T08:00:00 08:00 2019-02-01", "Rates 2026-03-02 2026-03-14 2026-03-14T17:05:01 09:30 2020-06-01"],
            result.Rows().Select(r => string.Join(" ", r.Select(Text))));
    }

    [Fact]
    public void CountsTakeAnyColumnAndNullsAreNotCounted()
    {
        var result = _cube.Query([_cube.Measures["Days"], _cube.Measures["Booked"]], levels: [_cube.Levels[("Book", "Book", "Book")]]);
        Assert.Equal(["FX 1 2", "Rates 2 2"], result.Rows().Select(r => string.Join(" ", r.Select(Text))));
    }

    [Fact]
    public void MdxCellsShowDatesAsDates()
    {
        var cells = _session.QueryMdx("SELECT {[Measures].[Last day], [Measures].[Earliest hour]} ON 0, [Book].[Book].[Book].Members ON 1 FROM [Trades]").CellSet!;
        Assert.Equal(new DateOnly(2026, 1, 5), cells[0, 0].Value);
        Assert.Equal(new DateOnly(2026, 3, 14), cells[0, 1].Value);
        Assert.Equal(new TimeOnly(9, 30), cells[1, 1].Value);
        Assert.Contains("2026", cells[0, 1].FormattedValue, StringComparison.Ordinal);
    }

    [Fact]
    public void CommitTimesAreDateTimesInMdxCells()
    {
        _cube.Measures["Updated"] = new Measure(new UpdateTimestampMeasure());
        var cell = _session.QueryMdx("SELECT {[Measures].[Updated]} ON 0 FROM [Trades]").CellSet![0];
        var stamp = Assert.IsType<DateTime>(cell.Value);
        Assert.InRange(stamp, DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow.AddMinutes(1));
        Assert.Contains(stamp.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), cell.FormattedValue, StringComparison.Ordinal);
    }

    [Fact]
    public void SumsOfDatesOrTextsAreRefusedWhenDefined()
    {
        var trades = _session.Tables["Trades"];
        var day = Assert.Throws<ArgumentException>(() => Agg.Sum(trades["Day"]));
        Assert.StartsWith("Agg.Sum cannot aggregate Trades[Day] (LocalDate): a LocalDate takes Agg.Min, Agg.Max, Agg.Count and Agg.CountDistinct.", day.Message, StringComparison.Ordinal);
        var book = Assert.Throws<ArgumentException>(() => Agg.Max(trades["Book"]));
        Assert.StartsWith("Agg.Max cannot aggregate Trades[Book] (String): a String takes Agg.Count and Agg.CountDistinct.", book.Message, StringComparison.Ordinal);
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
        TimeOnly t => t.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!,
    };
}
