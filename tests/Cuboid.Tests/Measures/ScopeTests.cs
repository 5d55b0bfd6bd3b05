using Cuboid.Tests.Support;

namespace Cuboid.Tests.Measures;

/// <summary>Aggregations of measures over scopes (Cumulative, Origin, Siblings) on FoodMart, against sums of the plain measure.</summary>
public sealed class ScopeTests(ScopeTests.Fixture fixture) : IClassFixture<ScopeTests.Fixture>
{
    public sealed class Fixture : IDisposable
    {
        public Fixture()
        {
            Session = TestData.NewSession();
            Cube = FoodMart.Build(Session);
            var (h, l, m) = (Cube.Hierarchies, Cube.Levels, Cube.Measures);
            m["Running"] = Agg.Sum(m["Unit Sales"], Scope.Cumulative(l["Month"]));
            m["Running in quarter"] = Agg.Sum(m["Unit Sales"], Scope.Cumulative(l["Month"], partitioning: l["Quarter"]));
            m["Three months"] = Agg.Mean(m["Unit Sales"], Scope.Cumulative(l["Month"], windowStart: -2));
            m["Best family"] = Agg.Max(m["Unit Sales"], Scope.Origin(l["Product Family"]));
            m["Families"] = Agg.Count(m["Unit Sales"], Scope.Origin(l["Product Family"]));
            m["Siblings"] = Agg.Sum(m["Unit Sales"], Scope.Siblings(h[("Product", "Product")]));
            m["Rank"] = Fn.Rank(m["Unit Sales"], h[("Product", "Product")], ascending: false);
            m["Rank up"] = Fn.Rank(m["Unit Sales"], h[("Product", "Product")]);
            m["Other siblings"] = Agg.Sum(m["Unit Sales"], Scope.Siblings(h[("Product", "Product")], excludeSelf: true));
        }

        public Session Session { get; }
        public Cube Cube { get; }

        public void Dispose() => Session.Dispose();
    }

    private Cube Cube => fixture.Cube;

    [Fact]
    public void CumulativeRunsAlongMonthsAndRestartsPerPartition()
    {
        var (l, m) = (Cube.Levels, Cube.Measures);
        var result = Cube.Query([m["Unit Sales"], m["Running"], m["Running in quarter"], m["Three months"]], levels: [l["Quarter"], l["Month"]]);
        var sales = result.Column("Unit Sales").Values.Cast<double?>().Select(v => v!.Value).ToArray();
        for (var r = 0; r < 12; r++)
        {
            Assert.Equal(sales.Take(r + 1).Sum(), result.Column("Running").GetDouble(r)!.Value, 6);
            Assert.Equal(sales.Skip(r / 3 * 3).Take(r % 3 + 1).Sum(), result.Column("Running in quarter").GetDouble(r)!.Value, 6);
            Assert.Equal(sales.Skip(Math.Max(0, r - 2)).Take(Math.Min(3, r + 1)).Average(), result.Column("Three months").GetDouble(r)!.Value, 6);
        }
        Assert.Equal(266_773.0, result.Column("Running").GetDouble(11));
    }

    [Fact]
    public void OriginComputesAtTheFinerLevelThenAggregatesUp()
    {
        var (l, m) = (Cube.Levels, Cube.Measures);
        var total = Cube.Query([m["Best family"], m["Families"]]);
        Assert.Equal(191_940.0, total.Column("Best family")[0]);   // Food
        Assert.Equal(3L, total.Column("Families")[0]);
        var byState = Cube.Query([m["Best family"]], levels: [l["Store State"]]);
        var detail = Cube.Query([m["Unit Sales"]], levels: [l["Store State"], l["Product Family"]]);
        for (var r = 0; r < byState.RowCount; r++)
        {
            var state = (string?)byState[r, "Store State"];
            var best = Enumerable.Range(0, detail.RowCount).Where(i => (string?)detail[i, "Store State"] == state).Max(i => detail.Column("Unit Sales").GetDouble(i)!.Value);
            Assert.Equal(best, byState.Column("Best family").GetDouble(r));
        }
    }

    [Fact]
    public void SiblingsSumTheMembersUnderTheSameParent()
    {
        var (l, m) = (Cube.Levels, Cube.Measures);
        var families = Cube.Query([m["Unit Sales"], m["Siblings"], m["Other siblings"]], levels: [l["Product Family"]]);
        for (var r = 0; r < families.RowCount; r++)
        {
            Assert.Equal(266_773.0, families.Column("Siblings").GetDouble(r));
            Assert.Equal(266_773.0 - families.Column("Unit Sales").GetDouble(r)!.Value, families.Column("Other siblings").GetDouble(r)!.Value, 6);
        }
        var departments = Cube.Query([m["Unit Sales"], m["Siblings"]], levels: [l["Product Family"], l["Product Department"]]);
        var byFamily = Cube.Query([m["Unit Sales"]], levels: [l["Product Family"]]);
        for (var r = 0; r < departments.RowCount; r++)
        {
            var family = (string?)departments[r, "Product Family"];
            var familySales = byFamily.Column("Unit Sales").GetDouble(Enumerable.Range(0, 3).First(i => (string?)byFamily[i, "Product Family"] == family));
            Assert.Equal(familySales, departments.Column("Siblings").GetDouble(r));
        }
    }

    [Fact]
    public void RankOrdersSiblingsByValueWithinEachParent()
    {
        var (l, m) = (Cube.Levels, Cube.Measures);
        var departments = Cube.Query([m["Unit Sales"], m["Rank"], m["Rank up"]], levels: [l["Product Family"], l["Product Department"]]);
        var rows = Enumerable.Range(0, departments.RowCount)
            .Select(i => (Family: (string?)departments[i, "Product Family"], Sales: departments.Column("Unit Sales").GetDouble(i)!.Value, Rank: departments.Column("Rank")[i], Up: departments.Column("Rank up")[i]))
            .ToList();
        foreach (var family in rows.GroupBy(r => r.Family))
        {
            var descending = family.OrderByDescending(r => r.Sales).ToList();
            Assert.Equal(Enumerable.Range(1, descending.Count).Select(i => (object?)(long)i), descending.Select(r => r.Rank));
            Assert.Equal(Enumerable.Range(1, descending.Count).Reverse().Select(i => (object?)(long)i), descending.Select(r => r.Up));
        }
        Assert.Equal(1L, Cube.Query([m["Rank"]]).Column("Rank")[0]);   // the All member stands alone
    }

    [Fact]
    public void AtKeepsTheOtherCoordinatesAndTheAncestors()
    {
        var (l, m) = (Cube.Levels, Cube.Measures);
        m["Drink"] = Fn.At(m["Unit Sales"], l["Product Family"], "Drink");
        var byState = Cube.Query([m["Drink"]], levels: [l["Store State"], l["Product Family"]]);
        var drink = Cube.Query([m["Unit Sales"]], levels: [l["Store State"]], filter: l["Product Family"] == "Drink");
        for (var r = 0; r < byState.RowCount; r++)
        {
            var state = (string?)byState[r, "Store State"];
            var expected = drink.Column("Unit Sales").GetDouble(Enumerable.Range(0, drink.RowCount).First(i => (string?)drink[i, "Store State"] == state));
            Assert.Equal(expected, byState.Column("Drink").GetDouble(r));
        }
        // A department is found under the cell's own family: Beverages is a Drink department, so Food's rows are empty.
        m["Beverages"] = Fn.At(m["Unit Sales"], l["Product Department"], "Beverages");
        var departments = Cube.Query([m["Unit Sales"], m["Beverages"]], levels: [l["Product Family"], l["Product Department"]]);
        var beverages = Enumerable.Range(0, departments.RowCount).Single(i => (string?)departments[i, "Product Department"] == "Beverages");
        for (var r = 0; r < departments.RowCount; r++)
        {
            var inDrink = (string?)departments[r, "Product Family"] == "Drink";
            Assert.Equal(inDrink ? departments.Column("Unit Sales").GetDouble(beverages) : null, departments.Column("Beverages").GetDouble(r));
        }
    }

    [Fact]
    public void MdxReadsPostProcessedMeasuresLikeAnyOther()
    {
        var (l, m) = (Cube.Levels, Cube.Measures);
        var mdx = fixture.Session.QueryMdx(
            "SELECT {[Measures].[Unit Sales], [Measures].[Rank], [Measures].[Running]} ON COLUMNS, NON EMPTY [Time].[Time].[Month].Members * [Product].[Product Family].Members ON ROWS FROM [Sales]");
        var direct = Cube.Query([m["Unit Sales"], m["Rank"], m["Running"]], levels: [l["Month"], l["Product Family"]]);
        Assert.Equal(36, direct.RowCount);
        Assert.Equal(direct.RowCount, mdx.RowCount);
        for (var r = 0; r < direct.RowCount; r++)
        {
            for (var c = 0; c < 3; c++)
            {
                var name = new[] { "Unit Sales", "Rank", "Running" }[c];
                Assert.Equal(direct.Column(name).GetDouble(r), mdx.CellSet![c, r].Value is { } v ? Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture) : null);
            }
        }
    }

    [Fact]
    public void StatisticsOverScopesMatchTheUnderlyingValues()
    {
        var (l, m) = (Cube.Levels, Cube.Measures);
        m["Family spread"] = Agg.Std(m["Unit Sales"], Scope.Origin(l["Product Family"]));
        m["Family median"] = Agg.Median(m["Unit Sales"], Scope.Origin(l["Product Family"]));
        m["Three-month median"] = Agg.Median(m["Unit Sales"], Scope.Cumulative(l["Month"], windowStart: -2));
        m["Three-month variance"] = Agg.Var(m["Unit Sales"], Scope.Cumulative(l["Month"], windowStart: -2), VarianceMode.Population);
        double[] families = [24_597, 191_940, 50_236];
        var mean = families.Average();
        var top = Cube.Query([m["Family spread"], m["Family median"]]);
        Assert.Equal(Math.Sqrt(families.Sum(v => (v - mean) * (v - mean)) / 2), top.Column("Family spread").GetDouble(0)!.Value, 6);
        Assert.Equal(50_236.0, top.Column("Family median").GetDouble(0));
        var months = Cube.Query([m["Unit Sales"], m["Three-month median"], m["Three-month variance"]], levels: [l["Quarter"], l["Month"]]);
        var sales = months.Column("Unit Sales").Values.Cast<double?>().Select(v => v!.Value).ToArray();
        for (var r = 0; r < 12; r++)
        {
            var window = sales.Skip(Math.Max(0, r - 2)).Take(Math.Min(3, r + 1)).Order().ToArray();
            var median = window.Length % 2 == 1 ? window[window.Length / 2] : (window[0] + window[1]) / 2;
            Assert.Equal(median, months.Column("Three-month median").GetDouble(r)!.Value, 6);
            var wm = window.Average();
            Assert.Equal(window.Sum(v => (v - wm) * (v - wm)) / window.Length, months.Column("Three-month variance").GetDouble(r)!.Value, 3);
        }
    }
}
