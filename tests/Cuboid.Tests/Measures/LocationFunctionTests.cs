using Cuboid.Tests.Support;

namespace Cuboid.Tests.Measures;

/// <summary>Fn.Total, Fn.ParentValue and Fn.Shift on the FoodMart cube, against the plain measure read at the other locations.</summary>
public sealed class LocationFunctionTests(LocationFunctionTests.Fixture fixture) : IClassFixture<LocationFunctionTests.Fixture>
{
    public sealed class Fixture : IDisposable
    {
        public Fixture()
        {
            Session = TestData.NewSession();
            Cube = FoodMart.Build(Session);
            var (h, l, m) = (Cube.Hierarchies, Cube.Levels, Cube.Measures);
            m["Share of products"] = m["Unit Sales"] / Fn.Total(m["Unit Sales"], h[("Product", "Product")]);
            m["Parent sales"] = Fn.ParentValue(m["Unit Sales"], h[("Product", "Product")]);
            m["Grandparent sales"] = Fn.ParentValue(m["Unit Sales"], h[("Product", "Product")], degrees: 2);
            m["Previous month"] = Fn.Shift(m["Unit Sales"], l["Month"], -1);
            m["Next month"] = Fn.Shift(m["Unit Sales"], l["Month"], 1);
            m["Previous month in quarter"] = Fn.Shift(m["Unit Sales"], l["Month"], -1, partitioning: l["Quarter"]);
            m["Quarter's first"] = Fn.First(m["Unit Sales"], l["Month"]);
            m["Quarter's last"] = Fn.Last(m["Unit Sales"], l["Month"]);
            m["Year's first"] = Fn.First(m["Unit Sales"], l["Month"], partitioning: l[("Time", "Time", "Year")]);
        }

        public Session Session { get; }
        public Cube Cube { get; }

        public void Dispose() => Session.Dispose();
    }

    private Cube Cube => fixture.Cube;

    [Fact]
    public void TotalGivesEachFamilysShare()
    {
        var m = Cube.Measures;
        var result = Cube.Query([m["Unit Sales"], m["Share of products"]], levels: [Cube.Levels["Product Family"]]);
        // Drink 24,597, Food 191,940, Non-Consumable 50,236 of 266,773 (recomputed from the CSVs).
        Assert.Equal([24_597 / 266_773.0, 191_940 / 266_773.0, 50_236 / 266_773.0], result.Column("Share of products").Values.Cast<double?>().Select(v => v!.Value));
        var withStore = Cube.Query([m["Share of products"]], levels: [Cube.Levels["Store State"], Cube.Levels["Product Family"]]);
        var byState = Cube.Query([m["Unit Sales"]], levels: [Cube.Levels["Store State"]]);
        var byStateFamily = Cube.Query([m["Unit Sales"]], levels: [Cube.Levels["Store State"], Cube.Levels["Product Family"]]);
        for (var r = 0; r < withStore.RowCount; r++)
        {
            var state = (string?)withStore[r, "Store State"];
            var stateTotal = byState.Column("Unit Sales").GetDouble(Enumerable.Range(0, byState.RowCount).First(i => (string?)byState[i, "Store State"] == state))!.Value;
            Assert.Equal(byStateFamily.Column("Unit Sales").GetDouble(r)!.Value / stateTotal, withStore.Column("Share of products").GetDouble(r)!.Value, 12);
        }
    }

    [Fact]
    public void ParentValueWalksUpTheHierarchyToTheTotal()
    {
        var (l, m) = (Cube.Levels, Cube.Measures);
        var families = Cube.Query([m["Unit Sales"]], levels: [l["Product Family"]]);
        var result = Cube.Query([m["Unit Sales"], m["Parent sales"], m["Grandparent sales"]], levels: [l["Product Family"], l["Product Department"]]);
        for (var r = 0; r < result.RowCount; r++)
        {
            var family = (string)result[r, "Product Family"]!;
            var familySales = families.Column("Unit Sales").GetDouble(Enumerable.Range(0, 3).First(i => (string)families[i, "Product Family"]! == family));
            Assert.Equal(familySales, result.Column("Parent sales").GetDouble(r));
            Assert.Equal(266_773.0, result.Column("Grandparent sales").GetDouble(r));   // above the family: the All member
        }
        var top = Cube.Query([m["Parent sales"]], levels: [l["Product Family"]]);
        Assert.All(top.Column("Parent sales").Values.Cast<double?>(), v => Assert.Equal(266_773.0, v));
        Assert.Null(Cube.Query([m["Parent sales"]]).Column("Parent sales")[0]);   // the All member has no parent
        m["Grandparent or own"] = Fn.ParentValue(m["Unit Sales"], Cube.Hierarchies[("Product", "Product")], degrees: 2, totalValue: m["Unit Sales"]);
        var own = Cube.Query([m["Unit Sales"], m["Grandparent or own"]], levels: [l["Product Family"]]);
        Assert.Equal(own.Column("Unit Sales").Values.Cast<double?>(), own.Column("Grandparent or own").Values.Cast<double?>());   // a family has no grandparent
        Assert.Equal(266_773.0, Cube.Query([m["Grandparent or own"]]).Column("Grandparent or own")[0]);
        var departments = Cube.Query([m["Grandparent or own"]], levels: [l["Product Family"], l["Product Department"]]);
        Assert.All(departments.Column("Grandparent or own").Values.Cast<double?>(), v => Assert.Equal(266_773.0, v));
    }

    [Fact]
    public void ParentValueAndRankIgnoreTheQuerysFiltersOnTheirHierarchyUnlessAsked()
    {
        var (h, l, m) = (Cube.Hierarchies, Cube.Levels, Cube.Measures);
        var product = h[("Product", "Product")];
        m["Parent, filtered"] = Fn.ParentValue(m["Unit Sales"], product, applyFilters: true);
        m["Rank among all"] = Fn.Rank(m["Unit Sales"], product, ascending: false, applyFilters: false);
        m["Rank among kept"] = Fn.Rank(m["Unit Sales"], product, ascending: false);
        Level[] levels = [l["Product Family"], l["Product Department"]];
        var kept = (l["Product Family"] == "Drink") & l["Product Department"].IsIn("Beverages", "Dairy") & (l["Gender"] == "F");
        var result = Cube.Query([m["Unit Sales"], m["Parent sales"], m["Parent, filtered"], m["Rank among all"], m["Rank among kept"]], levels, filter: kept);
        Assert.Equal(["Beverages", "Dairy"], result.Column("Product Department").Values.Cast<string>());

        // Expected from plain queries: Drink's departments for women, all of them and the two kept.
        var women = Cube.Query([m["Unit Sales"]], levels, filter: (l["Product Family"] == "Drink") & (l["Gender"] == "F"));
        double SalesOf(string department) => women.Column("Unit Sales").GetDouble(Enumerable.Range(0, women.RowCount).First(r => (string)women[r, "Product Department"]! == department))!.Value;
        var departments = women.Column("Product Department").Values.Cast<string>().ToList();
        Assert.Equal(3, departments.Count);
        var drink = departments.Sum(SalesOf);
        var byRank = departments.OrderByDescending(SalesOf).ToList();
        for (var r = 0; r < 2; r++)
        {
            var department = (string)result[r, "Product Department"]!;
            Assert.Equal(drink, result.Column("Parent sales").GetDouble(r));   // the filter on Product is ignored; the one on Gender applies
            Assert.Equal(SalesOf("Beverages") + SalesOf("Dairy"), result.Column("Parent, filtered").GetDouble(r));
            Assert.Equal(byRank.IndexOf(department) + 1L, result.Column("Rank among all")[r]);
            Assert.Equal((SalesOf(department) >= SalesOf(department == "Dairy" ? "Beverages" : "Dairy") ? 1L : 2L), result.Column("Rank among kept")[r]);
        }
    }

    [Fact]
    public void ShiftReadsTheNeighbouringMonthsAcrossQuarters()
    {
        var (l, m) = (Cube.Levels, Cube.Measures);
        var result = Cube.Query([m["Unit Sales"], m["Previous month"], m["Next month"]], levels: [l["Quarter"], l["Month"]]);
        var sales = result.Column("Unit Sales").Values.Cast<double?>().ToArray();
        Assert.Equal(12, result.RowCount);
        Assert.Null(result.Column("Previous month")[0]);
        Assert.Null(result.Column("Next month")[11]);
        for (var r = 1; r < 12; r++) Assert.Equal(sales[r - 1], result.Column("Previous month")[r]);   // month 4's previous is month 3, in Q1
        for (var r = 0; r < 11; r++) Assert.Equal(sales[r + 1], result.Column("Next month")[r]);
        Assert.All(Cube.Query([m["Previous month"]], levels: [l["Quarter"]]).Column("Previous month").Values.Cast<double?>(), v => Assert.Null(v));
    }

    [Fact]
    public void PartitionedShiftAndFirstLastStayInsideTheQuarter()
    {
        var (l, m) = (Cube.Levels, Cube.Measures);
        var result = Cube.Query([m["Unit Sales"], m["Previous month in quarter"], m["Quarter's first"], m["Quarter's last"], m["Year's first"]], levels: [l["Quarter"], l["Month"]]);
        var sales = result.Column("Unit Sales").Values.Cast<double?>().ToArray();
        for (var r = 0; r < 12; r++)
        {
            Assert.Equal(r % 3 == 0 ? null : sales[r - 1], result.Column("Previous month in quarter")[r]);
            Assert.Equal(sales[r / 3 * 3], result.Column("Quarter's first")[r]);
            Assert.Equal(sales[r / 3 * 3 + 2], result.Column("Quarter's last")[r]);
            Assert.Equal(sales[0], result.Column("Year's first")[r]);
        }
        var error = Assert.Throws<ArgumentException>(() => Fn.First(m["Unit Sales"], l["Month"], partitioning: l["Product Family"]));
        Assert.Contains("must be above [Time].[Time].[Month] in the same hierarchy", error.Message);
    }
}
