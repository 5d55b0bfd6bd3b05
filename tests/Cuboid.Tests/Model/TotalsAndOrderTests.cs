using Cuboid.Tests.Support;
using static Cuboid.Tests.Model.ModelKit;

namespace Cuboid.Tests.Model;

public sealed class TotalsAndOrderTests : IDisposable
{
    private readonly Session _session = TestData.NewSession();
    private readonly Table _sales;
    private readonly Cube _cube;

    public TotalsAndOrderTests()
    {
        _sales = Table(_session, "Sales", ["Id"], ("Id", DataType.Int), ("Country", DataType.String), ("City", DataType.String),
            ("Year", DataType.Int), ("Date", DataType.LocalDate), ("Qty", DataType.Int), ("X", DataType.Double));
        _sales.Append(
            [1, "France", "Paris", 2023, new DateOnly(2023, 1, 5), 1, 0.5],
            [2, "France", "Lyon", 2024, new DateOnly(2024, 2, 10), 2, null],
            [3, "Spain", "Madrid", 2024, new DateOnly(2024, 3, 15), 4, 1.0],
            [4, "France", "Paris", 2024, new DateOnly(2024, 3, 20), 8, 2.0],
            [5, "Spain", "Barcelona", 2023, new DateOnly(2023, 7, 1), 16, 4.0],
            [6, "Italy", "Rome", 2025, new DateOnly(2025, 1, 1), 32, 8.0]);
        _cube = _session.CreateCube(_sales, "Sales", CubeMode.Manual);
        foreach (var h in _cube.Hierarchies.ToList()) _cube.Hierarchies.Remove(h.Name);
        _cube.Hierarchies.Set("Geo", _sales["Country"], _sales["City"]);
        _cube.Hierarchies.Set("Year", _sales["Year"]);
        _cube.Hierarchies.Set("Date", _sales["Date"]);
        _cube.Measures["Qty"] = Agg.Sum(_sales["Qty"]);
        _cube.Measures["X"] = Agg.Sum(_sales["X"]);
    }

    public void Dispose() => _session.Dispose();

    private Level L(string name) => _cube.Levels[name];

    private Measure Qty => _cube.Measures["Qty"];

    [Fact]
    public void TotalsOverTwoLevelsOfOneHierarchyAndAnother()
    {
        var result = _cube.Query([Qty], [L("Country"), L("City"), L("Year")], includeTotals: true);
        Assert.Equal(
        [
            "|||63",
            "France|||11", "France|Lyon||2", "France|Lyon|2024|2", "France|Paris||9", "France|Paris|2023|1", "France|Paris|2024|8",
            "Italy|||32", "Italy|Rome||32", "Italy|Rome|2025|32",
            "Spain|||20", "Spain|Barcelona||16", "Spain|Barcelona|2023|16", "Spain|Madrid||4", "Spain|Madrid|2024|4",
        ], Lines(result));
        Assert.Equal(
            [true, true, true, false, true, false, false, true, true, false, true, true, false, true, false],
            Enumerable.Range(0, result.RowCount).Select(result.IsTotal));
    }

    [Fact]
    public void TotalsWithDifferentHierarchiesFirstYear()
    {
        Assert.Equal(["||63", "2023||17", "2023|France|1", "2023|Spain|16", "2024||14", "2024|France|10", "2024|Spain|4", "2025||32", "2025|Italy|32"],
            Lines(_cube.Query([Qty], [L("Year"), L("Country")], includeTotals: true)));
        Assert.Equal(["63"], Lines(_cube.Query([Qty], includeTotals: true)));
    }

    [Fact]
    public void EmptyRowsShowEveryMemberCombination()
    {
        Assert.Equal(
        [
            "2023|France|1", "2023|Italy|", "2023|Spain|16",
            "2024|France|10", "2024|Italy|", "2024|Spain|4",
            "2025|France|", "2025|Italy|32", "2025|Spain|",
        ], Lines(_cube.Query([Qty], [L("Year"), L("Country")], includeEmptyRows: true)));
        // Levels of one hierarchy combine along the hierarchy only.
        Assert.Equal(["France|Lyon|2", "France|Paris|9", "Italy|Rome|32", "Spain|Barcelona|16", "Spain|Madrid|4"],
            Lines(_cube.Query([Qty], [L("Country"), L("City")], includeEmptyRows: true)));
        Assert.Equal(15, _cube.Query([Qty], [L("Country"), L("City"), L("Year")], includeEmptyRows: true).RowCount);   // 5 cities × 3 years
        var both = _cube.Query([Qty, _cube.Measures["X"]], [L("Country"), L("Year")], includeTotals: true, includeEmptyRows: true);
        Assert.Equal(
        [
            "||63|15.5",
            "France||11|2.5", "France|2023|1|0.5", "France|2024|10|2", "France|2025||",
            "Italy||32|8", "Italy|2023||", "Italy|2024||", "Italy|2025|32|8",
            "Spain||20|5", "Spain|2023|16|4", "Spain|2024|4|1", "Spain|2025||",
        ], Lines(both));
        Assert.False(both.IsTotal(4));
        Assert.True(both.IsTotal(5));
    }

    [Fact]
    public void LevelsOfOneHierarchyAtSeveralDepths()
    {
        // A city alone is ordered under its country's order.
        Assert.Equal(["Lyon|2", "Paris|9", "Rome|32", "Barcelona|16", "Madrid|4"], Lines(_cube.Query([Qty], [L("City")])));
        Assert.Equal(["Lyon|France|2", "Paris|France|9", "Rome|Italy|32", "Barcelona|Spain|16", "Madrid|Spain|4"],
            Lines(_cube.Query([Qty], [L("City"), L("Country")])));
        Assert.Equal(["|63", "Lyon|2", "Paris|9", "Rome|32", "Barcelona|16", "Madrid|4"], Lines(_cube.Query([Qty], [L("City")], includeTotals: true)));
        Assert.Equal(["France|11", "Italy|32", "Spain|20"], Lines(_cube.Query([Qty], [L("Country")])));
    }

    [Fact]
    public void TypedColumnsRowsAndText()
    {
        var result = _cube.Query([_cube.Measures["X"], Qty], [L("Year"), L("Date")]);
        Assert.Equal(["Year", "Date", "X", "Qty"], result.Columns.Select(c => c.Name));
        Assert.Equal([typeof(int), typeof(DateOnly), typeof(double), typeof(long)], result.Columns.Select(c => c.ClrType));
        Assert.IsType<int?[]>(result.Column("Year").Values);
        Assert.IsType<DateOnly?[]>(result.Column("Date").Values);
        Assert.IsType<double?[]>(result.Column("X").Values);
        Assert.IsType<long?[]>(result.Column("Qty").Values);
        Assert.Equal(6, result.RowCount);
        Assert.Equal(new object?[] { 2024, new DateOnly(2024, 2, 10), null, 2L }, result.Rows().ElementAt(2));
        Assert.Equal(new DateOnly(2023, 7, 1), result[1, "Date"]);
        Assert.Equal(4.0, result.Column("X").GetDouble(1));
        Assert.Equal("2023-07-01", result.Column("Date").Format(1));
        Assert.Equal("", result.Column("X").Format(2));
        var totals = _cube.Query([Qty], [L("Country")], includeTotals: true);
        Assert.Equal("Country  Qty\n-------  ---\nTotal     63\nFrance    11\nItaly     32\nSpain     20\n", totals.ToString());
    }

    [Fact]
    public void ArrowAndDataFrame()
    {
        var result = _cube.Query([Qty, _cube.Measures["X"]], [L("Year")], includeTotals: true);
        var batch = result.ToArrow();
        Assert.Equal(4, batch.Length);
        Assert.Equal(["Year", "Qty", "X"], batch.Schema.FieldsList.Select(f => f.Name));
        var years = Assert.IsType<Apache.Arrow.Int32Array>(batch.Column(0));
        Assert.Equal([null, 2023, 2024, 2025], Enumerable.Range(0, 4).Select(i => years.GetValue(i)));
        var qty = Assert.IsType<Apache.Arrow.Int64Array>(batch.Column(1));
        Assert.Equal([63L, 17L, 14L, 32L], Enumerable.Range(0, 4).Select(i => qty.GetValue(i)));
        var x = Assert.IsType<Apache.Arrow.DoubleArray>(batch.Column(2));
        Assert.Equal([15.5, 4.5, 3.0, 8.0], Enumerable.Range(0, 4).Select(i => x.GetValue(i)));
        var frame = result.ToDataFrame();
        Assert.Equal(4, frame.Rows.Count);
        Assert.Null(frame.Columns["Year"][0]);
        Assert.Equal(2024, frame.Columns["Year"][2]);
        Assert.Equal(32L, frame.Columns["Qty"][3]);
    }
}
