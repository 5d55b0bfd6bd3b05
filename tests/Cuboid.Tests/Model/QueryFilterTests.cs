using Cuboid.Tests.Support;
using static Cuboid.Tests.Model.ModelKit;

namespace Cuboid.Tests.Model;

public sealed class QueryFilterTests : IDisposable
{
    private readonly Session _session = TestData.NewSession();
    private readonly Table _sales;
    private readonly Cube _cube;

    /// <summary>Qty by row: 1, 2, 4, 8, 16, 32 (so each total names its rows).</summary>
    public QueryFilterTests()
    {
        _sales = Table(_session, "Sales", ["Id"], ("Id", DataType.Int), ("Country", DataType.String), ("City", DataType.String),
            ("Year", DataType.Int), ("Date", DataType.LocalDate), ("Price", DataType.Double), ("Qty", DataType.Int));
        _sales.Append(
            [1, "France", "Paris", 2023, new DateOnly(2023, 1, 5), 1.5, 1],
            [2, "France", "Lyon", 2024, new DateOnly(2024, 2, 10), 2.0, 2],
            [3, "Spain", "Madrid", 2024, new DateOnly(2024, 3, 15), 2.5, 4],
            [4, "France", "Paris", 2024, new DateOnly(2024, 3, 20), 1.5, 8],
            [5, "Spain", "Barcelona", 2023, new DateOnly(2023, 7, 1), 3.0, 16],
            [6, "Italy", "Rome", 2025, new DateOnly(2025, 1, 1), 2.0, 32]);
        _cube = _session.CreateCube(_sales, "Sales", CubeMode.Manual);
        foreach (var h in _cube.Hierarchies.ToList()) _cube.Hierarchies.Remove(h.Name);
        _cube.Hierarchies.Set("Geo", _sales["Country"], _sales["City"]);
        _cube.Hierarchies.Set("Year", _sales["Year"]);
        _cube.Hierarchies.Set("Date", _sales["Date"]);
        _cube.Hierarchies.Set("Price", _sales["Price"]);
        _cube.Measures["Qty"] = Agg.Sum(_sales["Qty"]);
    }

    public void Dispose() => _session.Dispose();

    private long? Total(Condition filter)
    {
        var result = _cube.Query([_cube.Measures["Qty"]], filter: filter);
        return result.RowCount == 0 ? null : (long?)result.Column("Qty")[0];
    }

    [Fact]
    public void ComparisonsOnStringIntDoubleAndDateLevels()
    {
        var l = _cube.Levels;
        Assert.Equal(9L, Total(l["City"] == "Paris"));
        Assert.Equal(54L, Total(l["City"] != "Paris"));
        Assert.Equal(17L, Total(l["Year"] < 2024));
        Assert.Equal(31L, Total(l["Year"] <= 2024));
        Assert.Equal(46L, Total(l["Year"] > 2023));
        Assert.Equal(32L, Total(l["Year"] >= 2025));
        Assert.Equal(14L, Total(l["Year"] == 2024L));   // a long compared with an int level
        Assert.Equal(54L, Total(l["Price"] > 1.9));
        Assert.Equal(9L, Total(l["Price"] == 1.5));
        Assert.Equal(44L, Total(l["Date"] >= new DateOnly(2024, 3, 1)));
        Assert.Equal(17L, Total(l["Date"] < new DateOnly(2024, 1, 1)));
        Assert.Equal(8L, Total(l["Date"] == new DateOnly(2024, 3, 20)));
        Assert.Equal(52L, Total(l["Country"] > "France"));   // Italy and Spain
        Assert.Null(Total(l["City"] == "Berlin"));
    }

    [Fact]
    public void MembershipAndBooleanCombinations()
    {
        var l = _cube.Levels;
        Assert.Equal(43L, Total(l["Country"].IsIn("France", "Italy")));
        Assert.Equal(52L, Total(l["Country"].IsNotIn("France")));
        Assert.Equal(50L, Total(l["Price"].IsIn(2.0, 3.0)));
        Assert.Equal(10L, Total(l["Country"] == "France" & l["Year"] == 2024));
        Assert.Equal(49L, Total(l["City"] == "Rome" | l["Year"] == 2023));
        Assert.Equal(52L, Total(!(l["Country"] == "France")));
        Assert.Equal(13L, Total((l["Country"] == "France" | l["Country"] == "Spain") & !l["City"].IsIn("Barcelona", "Lyon")));
        Assert.Equal(8L, Total(l["Country"] == "France" & (_sales["Qty"] > 3)));   // levels and columns together
    }

    [Fact]
    public void FiltersOnHierarchiesShownOrNot()
    {
        var l = _cube.Levels;
        var q = _cube.Measures["Qty"];
        Assert.Equal(["France|10", "Spain|4"], Lines(_cube.Query([q], [l["Country"]], filter: l["Year"] == 2024)));
        Assert.Equal(["France|Paris|9"], Lines(_cube.Query([q], [l["Country"], l["City"]], filter: l["City"] == "Paris")));
        // A filter on the parent level keeps all its children.
        Assert.Equal(["Barcelona|16", "Madrid|4"], Lines(_cube.Query([q], [l["City"]], filter: l["Country"] == "Spain")));
        Assert.Equal(["||20", "Spain||20", "Spain|Barcelona|16", "Spain|Madrid|4"],
            Lines(_cube.Query([q], [l["Country"], l["City"]], filter: l["Country"] == "Spain", includeTotals: true)));
        Assert.Equal(0, _cube.Query([q], [l["Country"]], filter: l["Year"] == 1999).RowCount);
    }

    [Fact]
    public void FiltersOnJoinedAndSnowflakeLevels()
    {
        using var session = TestData.NewSession();
        var (cube, _, _) = ShopCube(session);
        var (l, m) = (cube.Levels, cube.Measures);
        long? Total(Condition filter) => (long?)cube.Query([m["Qty"]], filter: filter).Column("Qty")[0];
        Assert.Equal(9L, Total(l["Category"] == "Fruit"));
        Assert.Equal(16L, Total(l["Category"].IsIn("Fruit", "N/A")));
        Assert.Equal(15L, Total(l["Category"] != "N/A"));
        Assert.Equal(11L, Total(l["Family"] == "N/A"));   // Bean's class is missing, Kiwi has no product
        Assert.Equal(2L, Total(l["Family"] == "Animal" & l["Shop"] == "Lyon"));
        Assert.Equal(["Lyon|7", "Paris|4"], Lines(cube.Query([m["Qty"]], [l["Shop"]], filter: l["Family"] == "N/A")));
    }

    /// <summary>
    /// Conditions on a joined (or snowflake) table's columns are evaluated once per row of that table: the unmatched
    /// fact rows (Kiwi has no product, Bean's class is missing) read the columns' defaults, as the levels' members do.
    /// </summary>
    [Fact]
    public void FiltersOnJoinedAndSnowflakeColumnsAgreeWithTheLevelFilters()
    {
        using var session = TestData.NewSession();
        var (cube, products, classes) = ShopCube(session);
        var (l, m) = (cube.Levels, cube.Measures);
        long? Total(Condition filter) => (long?)cube.Query([m["Qty"]], filter: filter).Column("Qty")[0];
        Assert.Equal(9L, Total(products["Category"] == "Fruit"));
        Assert.Equal(16L, Total(products["Category"].IsIn("Fruit", "N/A")));
        Assert.Equal(15L, Total(products["Category"] != "N/A"));
        Assert.Equal(11L, Total(classes["Family"] == "N/A"));
        Assert.Equal(11L, Total(!(classes["Family"] == "Plant") & !(classes["Family"] == "Animal")));
        Assert.Equal(9L, Total((products["Price"] >= 2.0) & (products["Price"] < 5)));   // Apple 8 at 2, Pear 1 at 3; Kiwi reads the default price
        Assert.Equal(2L, Total((classes["Family"] == "Animal") & (l["Shop"] == "Lyon")));
        Assert.Equal(["Lyon|7", "Paris|4"], Lines(cube.Query([m["Qty"]], [l["Shop"]], filter: classes["Family"] == "N/A")));
    }

    /// <summary>The shop's cube: Category from the joined products, Family from the snowflaked classes, Qty summed.</summary>
    private static (Cube Cube, Table Products, Table Classes) ShopCube(Session session)
    {
        var (sales, products, classes) = Shop(session);
        var cube = session.CreateCube(sales, "Shop", CubeMode.Manual);
        cube.Hierarchies.Set("Category", products["Category"]);
        cube.Hierarchies.Set("Family", classes["Family"]);
        cube.Measures["Qty"] = Agg.Sum(sales["Qty"]);
        return (cube, products, classes);
    }
}
