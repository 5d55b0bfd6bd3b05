using Cuboid.Tests.Support;
using static Cuboid.Tests.Model.ModelKit;

namespace Cuboid.Tests.Model;

public sealed class MeasureTests
{
    /// <summary>
    /// Facts by shop. Lyon: X {-1}, N {2}; Nice: only nulls; Paris: X {2.5, 4}, N {3, 1, 5}.
    /// Products: Apple 2 (Fruit), Pear 3 (Fruit), Steak 10 (Meat).
    /// </summary>
    private static (Session Session, Table Facts, Table Products, Cube Cube) Build()
    {
        var session = TestData.NewSession();
        var facts = Table(session, "Facts", ["Id"], ("Id", DataType.Int), ("Shop", DataType.String), ("Product", DataType.String), ("X", DataType.Double), ("N", DataType.Int));
        var products = Table(session, "Products", ["Name"], ("Name", DataType.String), ("Category", DataType.String), ("Price", DataType.Double));
        facts.Append(
            [1, "Paris", "Apple", 2.5, 3],
            [2, "Paris", "Pear", null, 1],
            [3, "Lyon", "Apple", -1.0, null],
            [4, "Lyon", "Steak", null, 2],
            [5, "Nice", "Apple", null, null],
            [6, "Paris", "Apple", 4.0, 5]);
        products.Append(["Apple", "Fruit", 2.0], ["Pear", "Fruit", 3.0], ["Steak", "Meat", 10.0]);
        facts.Join(products, facts["Product"] == products["Name"]);
        var cube = session.CreateCube(facts, "C", CubeMode.Manual);
        return (session, facts, products, cube);
    }

    private static List<string> ByShop(Cube cube, params string[] measures) =>
        Lines(cube.Query(measures.Select(n => cube.Measures[n]), [cube.Levels["Shop"]], includeTotals: true));

    [Fact]
    public void AggregationFunctionsSkipNulls()
    {
        var (session, facts, _, cube) = Build();
        using var _s = session;
        var m = cube.Measures;
        m["Sum"] = Agg.Sum(facts["X"]);
        m["Mean"] = Agg.Mean(facts["X"]);
        m["Min"] = Agg.Min(facts["X"]);
        m["Max"] = Agg.Max(facts["X"]);
        m["Count"] = Agg.Count(facts["X"]);
        m["NSum"] = Agg.Sum(facts["N"]);
        m["NCount"] = Agg.Count(facts["N"]);
        var result = cube.Query([m["Sum"], m["Mean"], m["Min"], m["Max"], m["Count"], m["NSum"], m["NCount"]], [cube.Levels["Shop"]], includeTotals: true);
        Assert.Equal(
        [
            "|5.5|1.8333333333333333|-1|4|3|11|4",
            "Lyon|-1|-1|-1|-1|1|2|1",
            "Nice|||||0||0",   // only nulls: the aggregates are null, the counts zero
            "Paris|6.5|3.25|2.5|4|2|9|3",
        ], Lines(result));
        Assert.Equal([typeof(string), typeof(double), typeof(double), typeof(double), typeof(double), typeof(long), typeof(long), typeof(long)],
            result.Columns.Select(c => c.ClrType));
        Assert.Equal([ColumnRole.Level, .. Enumerable.Repeat(ColumnRole.Measure, 7)], result.Columns.Select(c => c.Role));
    }

    [Fact]
    public void RowLevelExpressionsOverJoinedColumnsAndWhere()
    {
        var (session, facts, products, cube) = Build();
        using var _s = session;
        var m = cube.Measures;
        m["Revenue"] = Agg.Sum(facts["N"] * products["Price"]);
        m["Paris N"] = Agg.Sum(Fn.Where(facts["Shop"] == "Paris", facts["N"], 0));
        m["Meat revenue"] = Agg.Sum(Fn.Where(products["Category"] == "Meat", facts["N"] * products["Price"], 0));
        m["Positive X"] = Agg.Sum(Fn.Where(facts["X"] > 0, facts["X"]));
        m["Max price"] = Agg.Max(products["Price"]);
        // Paris: 3×2 + 1×3 + 5×2; Lyon: null×2 + 2×10; Nice: null.
        Assert.Equal(["|39|9|20|6.5|10", "Lyon|20|0|20||10", "Nice||0|0||2", "Paris|19|9|0|6.5|3"],
            ByShop(cube, "Revenue", "Paris N", "Meat revenue", "Positive X", "Max price"));
    }

    [Fact]
    public void DistinctCountsOverStringAndJoinedColumns()
    {
        var (session, facts, products, cube) = Build();
        using var _s = session;
        var m = cube.Measures;
        m["Products"] = Agg.CountDistinct(facts["Product"]);
        m["Categories"] = Agg.CountDistinct(products["Category"]);
        m["Prices"] = Agg.CountDistinct(facts["N"] * products["Price"]);
        // Products: Paris {Apple, Pear}, Lyon {Apple, Steak}, Nice {Apple}. Row values N×Price: Paris {6, 3, 10}, Lyon {20}.
        Assert.Equal(["|3|2|4", "Lyon|2|2|1", "Nice|1|1|0", "Paris|2|1|3"], ByShop(cube, "Products", "Categories", "Prices"));
        cube.Hierarchies.Set("Category", products["Category"]);
        Assert.Equal(["Fruit|2|5", "Meat|1|1"], Lines(cube.Query([m["Products"], m["contributors.COUNT"]], [cube.Levels["Category"]])));
    }

    [Fact]
    public void DistinctCountOfAJoinedColumnCountsTheDefaultOfUnmatchedRows()
    {
        using var session = TestData.NewSession();
        var (sales, products, _) = Shop(session);
        var cube = session.CreateCube(sales, "Shop", CubeMode.Manual);
        cube.Measures["Categories"] = Agg.CountDistinct(products["Category"]);
        // Lyon: Fruit, Meat and Kiwi's "N/A"; Paris: Fruit, Veg. No hierarchy has put "N/A" in the column yet.
        Assert.Equal(["|4", "Lyon|3", "Paris|2"], Lines(cube.Query([cube.Measures["Categories"]], [cube.Levels["Shop"]], includeTotals: true)));
        cube.Hierarchies.Set("Category", products["Category"]);
        Assert.Equal(["|4", "Lyon|3", "Paris|2"], Lines(cube.Query([cube.Measures["Categories"]], [cube.Levels["Shop"]], includeTotals: true)));
    }

    [Fact]
    public void ArithmeticBetweenMeasuresAndConstants()
    {
        var (session, facts, _, cube) = Build();
        using var _s = session;
        var m = cube.Measures;
        m["A"] = Agg.Sum(facts["N"]);
        m["B"] = Agg.Count(facts["X"]);
        m["XSum"] = Agg.Sum(facts["X"]);
        m["A/B"] = m["A"] / m["B"];
        m["Rows/B"] = m["contributors.COUNT"] / m["B"];   // Nice: 1 / 0
        m["2A"] = m["A"] * 2;
        m["-A"] = -m["A"];
        m["A+0.5"] = m["A"] + 0.5;
        m["A%4"] = m["A"] % 4;
        m["A-X"] = m["A"] - m["XSum"];
        m["One"] = 1.0;
        Assert.Equal(
        [
            "|3.6666666666666665|2|22|-11|11.5|3|5.5|1",
            "Lyon|2|2|4|-2|2.5|2|3|1",
            "Nice||||||||1",
            "Paris|4.5|1.5|18|-9|9.5|1|2.5|1",
        ], ByShop(cube, "A/B", "Rows/B", "2A", "-A", "A+0.5", "A%4", "A-X", "One"));
        var types = cube.Query([m["A/B"], m["2A"], m["-A"], m["A+0.5"], m["One"]]).Columns.Select(c => c.ClrType);
        Assert.Equal([typeof(double), typeof(long), typeof(long), typeof(double), typeof(long)], types);
    }

    [Fact]
    public void FormattersFolderVisibleDescription()
    {
        var (session, facts, _, cube) = Build();
        using var _s = session;
        var m = cube.Measures;
        m["XSum"] = Agg.Sum(facts["X"]);
        m["NSum"] = Agg.Sum(facts["N"]);
        Assert.Equal("DOUBLE[#,###.00]", m["XSum"].Formatter);
        Assert.Equal("INT[#,###]", m["NSum"].Formatter);
        Assert.Equal("INT[#,###]", m["contributors.COUNT"].Formatter);
        m["Big"] = m["XSum"] * 1000;
        m["Share"] = m["XSum"] / 100;
        m["Alias"] = m["NSum"];
        Assert.Equal("INT[#,###]", m["Alias"].Formatter);   // a named reference keeps the referenced measure's formatter
        Assert.Null(m["Big"].Formatter);
        string[] Format(string formatter, string measure)
        {
            m[measure].Formatter = formatter;
            var result = cube.Query([m[measure]], [cube.Levels["Shop"]]);   // Lyon, Nice, Paris
            Assert.Equal(formatter, result.Column(measure).Formatter);
            return [.. Enumerable.Range(0, result.RowCount).Select(result.Column(measure).Format)];
        }
        Assert.Equal(["-1,000.00", "", "6,500.00"], Format("#,###.00", "Big"));
        Assert.Equal(["-$1,000.00", "", "$6,500.00"], Format("$#,##0.00", "Big"));
        Assert.Equal(["-1,000", "", "6,500"], Format("Standard", "Big"));
        Assert.Equal(["-1,000.00", "", "6,500.00"], Format("DOUBLE[#,###.00]", "Big"));
        Assert.Equal(["-1.0%", "", "6.5%"], Format("0.0%", "Share"));
        Assert.Equal(["-1000", "", "6500"], Format(null!, "Big"));   // no formatter: invariant text
        var x = m["XSum"];
        x.Folder = "Amounts";
        x.Visible = false;
        x.Description = "Sum of X";
        Assert.Equal(("Amounts", false, "Sum of X"), (m["XSum"].Folder, m["XSum"].Visible, m["XSum"].Description));
        Assert.Equal("[Measures].[XSum]", x.UniqueName);
        Assert.True(m["NSum"].Visible);
        var text = cube.Query([m["XSum"]], [cube.Levels["Shop"]]).ToString();
        Assert.Equal("Shop    XSum\n-----  -----\nLyon   -1.00\nNice        \nParis   6.50\n", text);
    }

    [Fact]
    public void MeasureErrors()
    {
        var (session, facts, _, cube) = Build();
        using var _s = session;
        var m = cube.Measures;
        m["A"] = Agg.Sum(facts["N"]);
        var loose = Table(session, "Loose", [], ("V", DataType.Double));
        Assert.Equal("The measure 'L' reads column 'V' which comes from table 'Loose', which is not joined to the fact table 'Facts' of cube 'C'.",
            Assert.Throws<ArgumentException>(() => m["L"] = Agg.Sum(loose["V"])).Message);
        var other = session.CreateCube(facts, "Other", CubeMode.Manual);
        Assert.Equal("Measure 'B' refers to measure 'A' of another cube ('C').",
            Assert.Throws<ArgumentException>(() => other.Measures["B"] = m["A"] * 2).Message);
        Assert.Equal("Cube 'C' has no measure 'Nope'. Its measures: contributors.COUNT, A.",
            Assert.Throws<KeyNotFoundException>(() => m["Nope"]).Message);
        Assert.Equal("Cube 'C' has no measure 'Nope'.", Assert.Throws<KeyNotFoundException>(() => m.Remove("Nope")).Message);
        var formula = Agg.Sum(facts["X"]);
        Assert.StartsWith("Measure 'Sum(Facts[X])' is not a measure of cube 'C'; assign it to cube.Measures first.",
            Assert.Throws<ArgumentException>(() => cube.Query([formula])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => cube.Query([other.Measures["contributors.COUNT"]]));
        m.Remove("A");
        Assert.False(m.Contains("A"));
        Assert.Equal(1, m.Count);
    }
}
