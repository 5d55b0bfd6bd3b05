using Cuboid.Tests.Support;

namespace Cuboid.Tests.Measures;

/// <summary>Measures whose values are not (only) numbers: Agg.MaxMember/MinMember, Fn.Lookup, Fn.Concat — against LINQ over the rows.</summary>
public sealed class NonNumericMeasureTests
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
            ["Id"] = DataType.Int,
            ["Continent"] = DataType.String,
            ["City"] = DataType.String,
            ["Product"] = DataType.String,
            ["Amount"] = DataType.Double,
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

    private sealed record Budget(string City, string Product, double Amount, string Manager);

    private static Table LoadBudgets(Session session)
    {
        var budgets = session.CreateTable("Budgets", new Dictionary<string, DataType>
        {
            ["City"] = DataType.String,
            ["Product"] = DataType.String,
            ["Amount"] = DataType.Double,
            ["Manager"] = DataType.String,
        }, keys: ["City", "Product"]);
        budgets.Load([new Budget("Paris", "Tea", 300, "Ana"), new Budget("Berlin", "Tea", 100, "Ben"), new Budget("Boston", "Coffee", 80, "Cy"), new Budget("Paris", "*", 999, "Dee")]);
        return budgets;
    }

    [Fact]
    public void LookupReadsTheRowWithTheCellsKeys()
    {
        var (session, cube) = Build();
        using var _ = session;
        var budgets = LoadBudgets(session);
        var (l, m) = (cube.Levels, cube.Measures);
        m["Budget"] = Fn.Lookup(budgets["Amount"], (budgets["City"], l["City"]), (budgets["Product"], l["Product"]));
        m["Manager"] = Fn.Lookup(budgets["Manager"], (budgets["City"], l["City"]), (budgets["Product"], l["Product"]));
        m["City budget"] = Fn.Lookup(budgets["Amount"], (budgets["City"], l["City"]), (budgets["Product"], "*"));
        m["Over budget"] = m["Amount"] - m["Budget"];
        var result = cube.Query([m["Budget"], m["Manager"], m["City budget"], m["Over budget"]], levels: [l["City"], l["Product"]]);
        Assert.Equal(typeof(string), result.Column("Manager").ClrType);
        for (var r = 0; r < result.RowCount; r++)
        {
            var (city, product) = ((string)result.Column("City")[r]!, (string)result.Column("Product")[r]!);
            var row = new[] { ("Paris", "Tea", 300.0, "Ana"), ("Berlin", "Tea", 100, "Ben"), ("Boston", "Coffee", 80, "Cy") }.Where(b => b.Item1 == city && b.Item2 == product).ToList();
            Assert.Equal(row.Count == 0 ? null : row[0].Item3, result.Column("Budget").GetDouble(r));
            Assert.Equal(row.Count == 0 ? null : row[0].Item4, result.Column("Manager")[r]);
            Assert.Equal(city == "Paris" ? 999.0 : null, result.Column("City budget").GetDouble(r));
            var amount = s_sales.Where(s => s.City == city && s.Product == product && s.Amount.HasValue).Select(s => s.Amount!.Value).ToList();
            Assert.Equal(row.Count == 0 || amount.Count == 0 ? null : amount.Sum() - row[0].Item3, result.Column("Over budget").GetDouble(r));
        }
        // Above the mapped level there is no key: empty. An upsert is seen by the next query.
        Assert.Null(cube.Query([m["City budget"]], levels: [l["Continent"]]).Column("City budget")[0]);
        budgets.Load([new Budget("Paris", "*", 1000, "Dee")]);
        Assert.Equal(1000.0, cube.Query([m["City budget"]], filter: l["City"] == "Paris", levels: [l["City"]]).Column("City budget").GetDouble(0));

        var missing = Assert.Throws<ArgumentException>(() => Fn.Lookup(budgets["Amount"], (budgets["City"], l["City"])));
        Assert.Contains("must map every key; missing: Product", missing.Message, StringComparison.Ordinal);
        var notKey = Assert.Throws<ArgumentException>(() => Fn.Lookup(budgets["Amount"], (budgets["Manager"], "Ana")));
        Assert.Contains("'Manager' is not a key of table 'Budgets'", notKey.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConcatJoinsMeasuresMembersAndStrings()
    {
        var (session, cube) = Build();
        using var _ = session;
        var (l, m) = (cube.Levels, cube.Measures);
        m["Count"] = Agg.Count(session.Tables["Sales"]["Amount"]);
        m["Label"] = Fn.Concat(" ", m["Best city"], "sold", m["Amount"], "in", m["Count"], "sales");
        var result = cube.Query([m["Label"]], levels: [l["Continent"]], includeTotals: true);
        string?[] continents = [null, "America", "Asia", "Europe"];
        for (var r = 0; r < continents.Length; r++)
        {
            var kept = s_sales.Where(s => (continents[r] is null || s.Continent == continents[r]) && s.Amount.HasValue).ToList();
            var best = Expected(s => continents[r] is null || s.Continent == continents[r], largest: true);
            var sum = kept.Sum(s => s.Amount!.Value).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(best is null ? null : $"{best} sold {sum} in {kept.Count} sales", result.Column("Label")[r]);   // Asia: no best city, so empty
        }
        Assert.Throws<ArgumentException>(() => Fn.Concat(",", m["Amount"], 3.5));
    }
}
