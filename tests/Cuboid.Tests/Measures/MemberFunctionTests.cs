using Cuboid.Tests.Support;

namespace Cuboid.Tests.Measures;

/// <summary>Agg.MaxMember and Agg.MinMember: the member of a level that maximizes or minimizes a measure, against LINQ over the rows.</summary>
public sealed class MemberFunctionTests
{
    private sealed record Sale(int Id, string Continent, string City, string Product, double? Amount);

    private static readonly Sale[] s_sales =
    [
        new(1, "Europe", "Paris", "Tea", 200), new(2, "Europe", "Berlin", "Tea", 150), new(3, "Europe", "London", "Tea", 240),
        new(4, "Europe", "Paris", "Coffee", 50), new(5, "America", "New York", "Tea", 270), new(6, "America", "Boston", "Coffee", 90),
        new(7, "America", "Boston", "Tea", 180), new(8, "Asia", "Tokyo", "Tea", null), new(9, "Europe", "Berlin", "Coffee", 50),
    ];

    private static (Session, Cube) Build()
    {
        var session = TestData.NewSession();
        var t = session.CreateTable("Sales", new Dictionary<string, DataType>
        {
            ["Id"] = DataType.Int, ["Continent"] = DataType.String, ["City"] = DataType.String, ["Product"] = DataType.String, ["Amount"] = DataType.Double,
        }, keys: ["Id"]);
        t.Load(s_sales);
        var cube = session.CreateCube(t, "Sales", CubeMode.Manual);
        foreach (var name in new[] { "Id", "Continent", "City" }) cube.Hierarchies.Remove(name);
        cube.Hierarchies.Set("Geography", t["Continent"], t["City"]);
        cube.Measures["Amount"] = Agg.Sum(t["Amount"]);
        cube.Measures["Best city"] = Agg.MaxMember(cube.Measures["Amount"], cube.Levels["City"]);
        cube.Measures["Worst city"] = Agg.MinMember(cube.Measures["Amount"], cube.Levels["City"]);
        return (session, cube);
    }

    /// <summary>The city with the largest (or smallest) summed amount among the rows kept; the first in alphabetical (level) order on a tie.</summary>
    private static string? Expected(Func<Sale, bool> keep, bool largest)
    {
        var byCity = s_sales.Where(s => keep(s) && s.Amount.HasValue).GroupBy(s => s.City).Select(g => (City: g.Key, Sum: g.Sum(s => s.Amount!.Value))).ToList();
        if (byCity.Count == 0) return null;
        var ordered = largest ? byCity.OrderByDescending(c => c.Sum) : byCity.OrderBy(c => c.Sum);
        return ordered.ThenBy(c => c.City, StringComparer.Ordinal).First().City;
    }

    [Fact]
    public void AboveTheLevelTheBestMemberUnderTheCellWithTotals()
    {
        var (session, cube) = Build();
        using var _ = session;
        var result = cube.Query([cube.Measures["Best city"], cube.Measures["Worst city"]], levels: [cube.Levels["Continent"]], includeTotals: true);
        Assert.Equal(typeof(string), result.Column("Best city").ClrType);
        string?[] continents = [null, "America", "Asia", "Europe"];
        Assert.Equal(continents, result.Column("Continent").Values.Cast<string?>());
        for (var r = 0; r < continents.Length; r++)
        {
            bool Keep(Sale s) => continents[r] is null || s.Continent == continents[r];
            Assert.Equal(Expected(Keep, largest: true), result.Column("Best city")[r]);
            Assert.Equal(Expected(Keep, largest: false), result.Column("Worst city")[r]);
        }
        // Europe: Paris 250 and Berlin 200, London 240 — Paris is best; Asia's only amount is null: empty.
        Assert.Equal("Paris", result.Column("Best city")[3]);
        Assert.Null(result.Column("Best city")[2]);
    }

    [Fact]
    public void CrossedWithAnotherHierarchyAndBrokenTiesInLevelOrder()
    {
        var (session, cube) = Build();
        using var _ = session;
        var result = cube.Query([cube.Measures["Best city"], cube.Measures["Worst city"]], levels: [cube.Levels["Product"]]);
        for (var r = 0; r < result.RowCount; r++)
        {
            var product = (string)result.Column("Product")[r]!;
            Assert.Equal(Expected(s => s.Product == product, largest: true), result.Column("Best city")[r]);
            Assert.Equal(Expected(s => s.Product == product, largest: false), result.Column("Worst city")[r]);
        }
        // Coffee: Berlin 50 and Paris 50 tie for the minimum; Berlin comes first in the level's order.
        Assert.Equal("Berlin", result.Column("Worst city")[0]);
    }

    [Fact]
    public void AtTheLevelEachCellIsItsOwnMember()
    {
        var (session, cube) = Build();
        using var _ = session;
        var result = cube.Query([cube.Measures["Best city"]], levels: [cube.Levels["City"]]);
        for (var r = 0; r < result.RowCount; r++)
        {
            var city = (string)result.Column("City")[r]!;
            Assert.Equal(city == "Tokyo" ? null : city, result.Column("Best city")[r]);   // Tokyo's amount is empty
        }
        var misuse = Assert.Throws<InvalidOperationException>(() => cube.Query([cube.Measures.Set("Twice", cube.Measures["Best city"] * 2)]));
        Assert.Contains("gives members of City, not numbers", misuse.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MdxReadsTheMember()
    {
        var (session, cube) = Build();
        using var _ = session;
        var cells = session.QueryMdx("SELECT {[Measures].[Best city]} ON 0, [Geography].[Continent].Members ON 1 FROM [Sales]").CellSet!;
        Assert.Equal(["Boston", "", "Paris"], cells.Cells.Select(c => c.FormattedValue));   // Boston 270 = New York 270: Boston first
        Assert.Equal("Paris", cells.Cells[2].Value);
    }
}
