using Cuboid.Tests.Support;
using static Cuboid.Tests.Model.ModelKit;

namespace Cuboid.Tests.Model;

public sealed class HierarchyTests
{
    /// <summary>Sales with a geography, shop ids with names, years and dates.</summary>
    private static (Session Session, Table Sales, Cube Cube) Build()
    {
        var session = TestData.NewSession();
        var sales = Table(session, "Sales", ["Id"], ("Id", DataType.Int), ("Country", DataType.String), ("City", DataType.String),
            ("ShopId", DataType.Int), ("ShopName", DataType.String), ("Year", DataType.Int), ("Date", DataType.LocalDate), ("Stamp", DataType.LocalDateTime), ("Qty", DataType.Int));
        sales.Append(
            [1, "France", "Paris", 10, "Zeta", 2023, new DateOnly(2023, 12, 31), new DateTime(2023, 12, 31, 23, 30, 0), 1],
            [2, "France", "Lyon", 2, "Alpha", 2024, new DateOnly(2024, 1, 1), new DateTime(2024, 1, 1, 0, 15, 0), 2],
            [3, "Spain", "Madrid", 1, "Mid", 2024, new DateOnly(2024, 2, 29), new DateTime(2024, 2, 29, 12, 0, 0), 4],
            [4, "France", "Paris", 10, "Zeta", 2024, new DateOnly(2024, 4, 15), new DateTime(2024, 4, 15, 8, 0, 0), 8],
            [5, "Spain", "Barcelona", 2, "Alpha", 2023, new DateOnly(2024, 12, 30), new DateTime(2024, 12, 30, 18, 0, 0), 16]);
        var cube = session.CreateCube(sales, "Sales", CubeMode.Manual);
        foreach (var h in cube.Hierarchies.ToList()) cube.Hierarchies.Remove(h.Name);
        cube.Measures["Qty"] = Agg.Sum(sales["Qty"]);
        return (session, sales, cube);
    }

    [Fact]
    public void MultiLevelHierarchyFromColumnsAndFromNamedLevels()
    {
        var (session, sales, cube) = Build();
        using var _ = session;
        var geo = cube.Hierarchies.Set("Geo", sales["Country"], sales["City"]);
        Assert.Equal(["Country", "City"], geo.Levels.Select(l => l.Name));
        Assert.Equal("Sales", geo.Dimension);
        Assert.Equal([0, 1], geo.Levels.Select(l => l.Depth));
        Assert.Same(geo, cube.Levels["City"].Hierarchy);
        Assert.Equal("[Sales].[Geo].[City]", geo["City"].UniqueName);
        Assert.Equal(("Sales", "Geo", "City"), geo["City"].FullName);
        var named = cube.Hierarchies.Set(("Places", "Where"), ("Land", sales["Country"]), ("Town", sales["City"]));
        Assert.Equal("[Places].[Where].[Town]", named["Town"].UniqueName);
        Assert.Same(named["Land"], cube.Levels[("Places", "Where", "Land")]);
        var q = cube.Measures["Qty"];
        Assert.Equal(["France|Lyon|2", "France|Paris|9", "Spain|Barcelona|16", "Spain|Madrid|4"], Lines(cube.Query([q], [named["Land"], named["Town"]])));
        // A hierarchy from levels of others keeps their columns and orders.
        geo["City"].Order = LevelOrder.ReverseNatural;
        var copy = cube.Hierarchies.Set("Copy", geo["Country"], geo["City"]);
        Assert.Equal(["France|Paris|9", "France|Lyon|2", "Spain|Madrid|4", "Spain|Barcelona|16"], Lines(cube.Query([q], [copy["Country"], copy["City"]])));
        Assert.Equal("Hierarchy 'Geo' has no level 'Town'. Its levels: Country, City.", Assert.Throws<KeyNotFoundException>(() => geo["Town"]).Message);
        Assert.Equal("Hierarchy 'Bad' would have two levels named 'Country'. (Parameter 'levels')",
            Assert.Throws<ArgumentException>(() => cube.Hierarchies.Set("Bad", sales["Country"], sales["Country"])).Message);
    }

    [Fact]
    public void RemoveRenameAndMoveHierarchies()
    {
        var (session, sales, cube) = Build();
        using var _ = session;
        var q = cube.Measures["Qty"];
        var city = cube.Hierarchies.Set("City", sales["City"]);
        var country = cube.Hierarchies.Set("Country", sales["Country"]);
        var cityLevel = city["City"];
        city.Name = "Town";
        Assert.Same(city, cube.Hierarchies["Town"]);
        Assert.False(cube.Hierarchies.Contains("City"));
        Assert.Equal("[Sales].[Town].[City]", cityLevel.UniqueName);
        Assert.Equal(["Barcelona|16", "Lyon|2", "Madrid|4", "Paris|9"], Lines(cube.Query([q], [cityLevel])));
        city.Dimension = "Geography";
        country.Dimension = "Geography";
        Assert.Equal(["[Geography].[Town]", "[Geography].[Country]"], cube.Hierarchies.Select(h => h.UniqueName));
        Assert.Equal(["France|Lyon|2", "France|Paris|9", "Spain|Barcelona|16", "Spain|Madrid|4"], Lines(cube.Query([q], [country["Country"], cityLevel])));
        Assert.Equal("Cube 'Sales' already has a hierarchy [Geography].[Country].",
            Assert.Throws<ArgumentException>(() => city.Name = "Country").Message);
        cube.Hierarchies.Remove("Town");
        Assert.Equal(1, cube.Hierarchies.Count);
        Assert.Equal("Cube 'Sales' has no hierarchy 'Town'. Its hierarchies: [Geography].[Country].",
            Assert.Throws<KeyNotFoundException>(() => cube.Hierarchies["Town"]).Message);
        Assert.Equal("Level [Geography].[Town].[City] is not a level of cube 'Sales'. (Parameter 'levels')",
            Assert.Throws<ArgumentException>(() => cube.Query([q], [cityLevel])).Message);
    }

    [Fact]
    public void SwappingHierarchyNamesDoesNotServeCachedCellsOfTheOther()
    {
        var (session, sales, cube) = Build();
        using var _ = session;
        var q = cube.Measures["Qty"];
        var a = cube.Hierarchies.Set("A", sales["Country"]);
        var b = cube.Hierarchies.Set("B", sales["City"]);
        Assert.Equal(["France|11", "Spain|20"], Lines(cube.Query([q], [a["Country"]])));
        Assert.Equal(["Barcelona|16", "Lyon|2", "Madrid|4", "Paris|9"], Lines(cube.Query([q], [b["City"]])));
        a.Name = "T";
        b.Name = "A";
        a.Name = "B";
        Assert.Equal(["France|11", "Spain|20"], Lines(cube.Query([q], [a["Country"]])));
        Assert.Equal(["Barcelona|16", "Lyon|2", "Madrid|4", "Paris|9"], Lines(cube.Query([q], [b["City"]])));
        a.Dimension = "X";
        b.Dimension = "X";
        b.Name = "C";
        a.Name = "A";
        Assert.Equal(["Barcelona|16", "Lyon|2", "Madrid|4", "Paris|9"], Lines(cube.Query([q], [b["City"]])));
        Assert.Equal(["France|11", "Spain|20"], Lines(cube.Query([q], [a["Country"]])));
    }

    [Fact]
    public void ReplacedHierarchyLevelsAreNoLongerLevelsOfTheCube()
    {
        var (session, sales, cube) = Build();
        using var _ = session;
        var old = cube.Hierarchies.Set("Geo", sales["Country"]);
        cube.Hierarchies.Set("Geo", sales["City"]);
        Assert.Equal("Level [Sales].[Geo].[Country] is not a level of cube 'Sales'. (Parameter 'levels')",
            Assert.Throws<ArgumentException>(() => cube.Query([cube.Measures["Qty"]], [old["Country"]])).Message);
    }

    [Fact]
    public void SameHierarchyNameInTwoDimensionsIsAmbiguous()
    {
        var (session, sales, cube) = Build();
        using var _ = session;
        var first = cube.Hierarchies.Set(("Shop", "Place"), sales["City"]);
        var second = cube.Hierarchies.Set(("Customer", "Place"), sales["Country"]);
        Assert.Equal("'Place' is ambiguous in cube 'Sales': [Shop].[Place], [Customer].[Place]. Use (dimension, hierarchy).",
            Assert.Throws<ArgumentException>(() => cube.Hierarchies["Place"]).Message);
        Assert.Same(first, cube.Hierarchies[("Shop", "Place")]);
        Assert.Same(second, cube.Hierarchies[("Customer", "Place")]);
        Assert.Equal("Cube 'Sales' has no hierarchy [Shop].[Country].", Assert.Throws<KeyNotFoundException>(() => cube.Hierarchies[("Shop", "Country")]).Message);
        Assert.Equal(["France|Lyon|2", "France|Paris|9", "Spain|Barcelona|16", "Spain|Madrid|4"],
            Lines(cube.Query([cube.Measures["Qty"]], [second["Country"], first["City"]])));
        // Several hierarchies in one dimension.
        var third = cube.Hierarchies.Set(("Shop", "Id"), sales["ShopId"]);
        Assert.Equal(["Place", "Id"], cube.Hierarchies.Where(h => h.Dimension == "Shop").Select(h => h.Name));
        Assert.Same(third, cube.Hierarchies["Id"]);
    }

    [Fact]
    public void SlicingHierarchyShowsItsFirstMemberUnlessAskedOtherwise()
    {
        var (session, sales, cube) = Build();
        using var _ = session;
        var q = cube.Measures["Qty"];
        var year = cube.Hierarchies.Set("Year", sales["Year"]);
        var city = cube.Hierarchies.Set("City", sales["City"]);
        Assert.Equal(["31"], Lines(cube.Query([q])));
        year.Slicing = true;
        Assert.True(year.Slicing);
        Assert.Equal(["17"], Lines(cube.Query([q])));   // 2023: rows 1 and 5
        Assert.Equal(["Barcelona|16", "Paris|1"], Lines(cube.Query([q], [city["City"]])));
        Assert.Equal(["2023|17", "2024|14"], Lines(cube.Query([q], [year["Year"]])));
        Assert.Equal(["14"], Lines(cube.Query([q], filter: year["Year"] == 2024)));
        Assert.Equal(["Lyon|2", "Madrid|4", "Paris|8"], Lines(cube.Query([q], [city["City"]], filter: year["Year"] >= 2024)));
        year["Year"].Order = LevelOrder.ReverseNatural;   // the first member is now 2024
        Assert.Equal(["14"], Lines(cube.Query([q])));
        year.Slicing = false;
        Assert.Equal(["31"], Lines(cube.Query([q])));
    }

    [Fact]
    public void AllMemberNameVisibleAndFolder()
    {
        var (session, sales, cube) = Build();
        using var _ = session;
        var h = cube.Hierarchies.Set("City", sales["City"]);
        Assert.Equal("AllMember", h.AllMemberName);
        h.AllMemberName = "All Cities";
        Assert.Equal("All Cities", h.AllMemberName);
        Assert.Throws<ArgumentException>(() => h.AllMemberName = " ");
        Assert.Equal("All Cities", h.AllMemberName);
        Assert.True(h.Visible);
        h.Visible = false;
        h.Folder = "Geo";
        Assert.False(cube.Hierarchies["City"].Visible);
        Assert.Equal("Geo", cube.Hierarchies["City"].Folder);
        Assert.Equal("[Sales].[City]", h.ToString());
    }

    [Fact]
    public void CaptionColumnShowsCaptionsInResults()
    {
        var (session, sales, cube) = Build();
        using var _ = session;
        var shop = cube.Hierarchies.Set("Shop", sales["ShopId"]);
        var level = shop["ShopId"];
        level.CaptionColumn = sales["ShopName"];
        var result = cube.Query([cube.Measures["Qty"]], [level]);
        Assert.Equal(typeof(string), result.Column("ShopId").ClrType);
        // Natural order is by id (1, 2, 10); the level shows names.
        Assert.Equal(["Mid|4", "Alpha|18", "Zeta|9"], Lines(result));
        level.Order = LevelOrder.ByCaption;
        Assert.Equal(["Alpha|18", "Mid|4", "Zeta|9"], Lines(cube.Query([cube.Measures["Qty"]], [level])));
        level.CaptionColumn = null;
        Assert.Equal(["1|4", "2|18", "10|9"], Lines(cube.Query([cube.Measures["Qty"]], [level])));
        using var other = TestData.NewSession();
        var products = Table(session, "Products", ["Name"], ("Name", DataType.String));
        Assert.Equal("The caption of level 'ShopId' must come from table 'Sales', not 'Products'. (Parameter 'value')",
            Assert.Throws<ArgumentException>(() => level.CaptionColumn = products["Name"]).Message);
    }

    [Fact]
    public void LevelOrders()
    {
        var (session, sales, cube) = Build();
        using var _ = session;
        var q = cube.Measures["Qty"];
        var city = cube.Hierarchies.Set("City", sales["City"])["City"];
        var shop = cube.Hierarchies.Set("Shop", sales["ShopId"])["ShopId"];
        Assert.Equal(["Barcelona", "Lyon", "Madrid", "Paris"], Values<string>(cube.Query([q], [city]), "City"));
        Assert.Equal([1, 2, 10], Values<int?>(cube.Query([q], [shop]), "ShopId"));   // numeric, not textual
        city.Order = LevelOrder.ReverseNatural;
        Assert.Equal(["Paris", "Madrid", "Lyon", "Barcelona"], Values<string>(cube.Query([q], [city]), "City"));
        city.Order = LevelOrder.Custom("Paris", "Lyon", "Nowhere");
        Assert.Equal(["Paris", "Lyon", "Barcelona", "Madrid"], Values<string>(cube.Query([q], [city]), "City"));
        shop.Order = LevelOrder.Custom(10);
        Assert.Equal([10, 1, 2], Values<int?>(cube.Query([q], [shop]), "ShopId"));
        city.Order = LevelOrder.ByCaption;
        Assert.Equal(["Barcelona", "Lyon", "Madrid", "Paris"], Values<string>(cube.Query([q], [city]), "City"));
        // Orders apply under each parent.
        var geo = cube.Hierarchies.Set("Geo", sales["Country"], sales["City"]);
        geo["Country"].Order = LevelOrder.ReverseNatural;
        Assert.Equal(["Spain|Barcelona|16", "Spain|Madrid|4", "France|Lyon|2", "France|Paris|9"], Lines(cube.Query([q], [geo["Country"], geo["City"]])));
    }

    [Fact]
    public void DateHierarchyOnLocalDate()
    {
        var (session, sales, cube) = Build();
        using var _ = session;
        var q = cube.Measures["Qty"];
        var h = cube.CreateDateHierarchy("Calendar", sales["Date"],
            new Dictionary<string, string> { ["Year"] = "y", ["Quarter"] = "Q", ["Month"] = "M", ["Week"] = "w", ["Day"] = "d" });
        Assert.Equal(["Year", "Quarter", "Month", "Week", "Day"], h.Levels.Select(l => l.Name));
        Assert.Equal(DataType.Int, h["Month"].DataType);
        var result = cube.Query([q], h.Levels);
        // 2023-12-31 is a Sunday of ISO week 52; 2024-01-01 a Monday of week 1; 2024-12-30 is in ISO week 1 (of 2025).
        Assert.Equal(
        [
            "2023|4|12|52|31|1",
            "2024|1|1|1|1|2",
            "2024|1|2|9|29|4",
            "2024|2|4|16|15|8",
            "2024|4|12|1|30|16",
        ], Lines(result));
        Assert.Equal(["||31", "2023||1", "2023|4|1", "2024||30", "2024|1|6", "2024|2|8", "2024|4|16"],
            Lines(cube.Query([q], [h["Year"], h["Quarter"]], includeTotals: true)));
        var byDefault = cube.CreateDateHierarchy("Default", sales["Date"]);
        Assert.Equal(["Year", "Month", "Day"], byDefault.Levels.Select(l => l.Name));
        Assert.Equal(["2024|2|4"], Lines(cube.Query([q], [byDefault["Year"], byDefault["Month"]], filter: byDefault["Month"] == 2)));
    }

    [Fact]
    public void DateHierarchyOnLocalDateTime()
    {
        var (session, sales, cube) = Build();
        using var _ = session;
        var h = cube.CreateDateHierarchy("Time", sales["Stamp"], new Dictionary<string, string> { ["Y"] = "yyyy", ["M"] = "MM", ["D"] = "dd" }, dimension: "When");
        Assert.Equal("When", h.Dimension);
        Assert.Equal(["2023|12|31|1", "2024|1|1|2", "2024|2|29|4", "2024|4|15|8", "2024|12|30|16"], Lines(cube.Query([cube.Measures["Qty"]], h.Levels)));
        Assert.Equal(["2023|12|1", "2024|12|16"], Lines(cube.Query([cube.Measures["Qty"]], [h["Y"], h["M"]], filter: h["M"] > 4)));
    }

    [Fact]
    public void DateHierarchyErrors()
    {
        var (session, sales, cube) = Build();
        using var _ = session;
        Assert.Equal("Column 'City' is String; a date hierarchy needs a date column. (Parameter 'column')",
            Assert.Throws<ArgumentException>(() => cube.CreateDateHierarchy("D", sales["City"])).Message);
        Assert.Equal("Unknown date part 'x': use y (year), Q (quarter), M (month), w (week of year) or d (day of month). (Parameter 'pattern')",
            Assert.Throws<ArgumentException>(() => cube.CreateDateHierarchy("D", sales["Date"], new Dictionary<string, string> { ["X"] = "x" })).Message);
        Assert.False(cube.Hierarchies.Contains("D"));
    }
}
