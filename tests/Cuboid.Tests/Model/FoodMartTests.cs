using Cuboid.Tests.Support;

namespace Cuboid.Tests.Model;

/// <summary>
/// The FoodMart Sales cube against figures Mondrian gives (its conformance records and FoodMart.xml's
/// documentation), each also recomputed from the raw CSVs when these tests were written.
/// </summary>
public sealed class FoodMartTests : IClassFixture<FoodMartTests.Fixture>
{
    private readonly Cube _cube;

    public FoodMartTests(Fixture fixture) => _cube = fixture.Cube;

    public sealed class Fixture : IDisposable
    {
        public Fixture()
        {
            Session = TestData.NewSession();
            Cube = FoodMart.Build(Session);
        }

        public Session Session { get; }
        public Cube Cube { get; }

        public void Dispose() => Session.Dispose();
    }

    [Fact]
    public void GrandTotalsMatchMondrianFormatted()
    {
        var m = _cube.Measures;
        var result = _cube.Query([m["Unit Sales"], m["Store Sales"], m["Store Cost"], m["Sales Count"], m["Customer Count"]]);
        Assert.Equal(1, result.RowCount);
        Assert.Equal("266,773", result.Column("Unit Sales").Format(0));
        Assert.Equal("565,238.13", result.Column("Store Sales").Format(0));
        Assert.Equal("225,627.23", result.Column("Store Cost").Format(0));
        Assert.Equal("86,837", result.Column("Sales Count").Format(0));
        Assert.Equal("5,581", result.Column("Customer Count").Format(0));
        Assert.Equal(86_837L, result.Column("Sales Count")[0]);
    }

    [Fact]
    public void SnowflakeLevelFromProductClass()
    {
        var result = _cube.Query([_cube.Measures["Unit Sales"]], levels: [_cube.Levels["Product Family"]]);
        Assert.Equal(["Drink", "Food", "Non-Consumable"], result.Column("Product Family").Values.Cast<string>());
        Assert.Equal(["24,597", "191,940", "50,236"], Enumerable.Range(0, 3).Select(result.Column("Unit Sales").Format));
    }

    [Fact]
    public void StoreStatesWithTotalsInMemberOrder()
    {
        var l = _cube.Levels;
        var result = _cube.Query([_cube.Measures["Unit Sales"]], levels: [l["Store Country"], l["Store State"]], includeTotals: true);
        var rows = result.Rows().Select(r => $"{r[0]}|{r[1]}|{r[2]}").ToList();
        Assert.Equal(["||266773", "USA||266773", "USA|CA|74748", "USA|OR|67659", "USA|WA|124366"], rows);
    }

    [Fact]
    public void GenderByQuarterCrossTab()
    {
        var l = _cube.Levels;
        var result = _cube.Query([_cube.Measures["Unit Sales"]], levels: [l["Gender"], l["Quarter"]], filter: l["Gender"] == "M");
        Assert.Equal(["Q1", "Q2", "Q3", "Q4"], result.Column("Quarter").Values.Cast<string>());
        Assert.Equal("33,249", result.Column("Unit Sales").Format(2));   // ([Gender].[M], [Time].[1997].[Q3], [Unit Sales])
        var byGender = _cube.Query([_cube.Measures["Unit Sales"]], levels: [l["Gender"]]);
        Assert.Equal(["131,558", "135,215"], Enumerable.Range(0, 2).Select(byGender.Column("Unit Sales").Format));
    }

    [Fact]
    public void FilterOnDeepLevelAndCalculatedMeasure()
    {
        var (l, m) = (_cube.Levels, _cube.Measures);
        var store23 = _cube.Query([m["Unit Sales"]], filter: l["Store Name"] == "Store 23");
        Assert.Equal("11,491", store23.Column("Unit Sales").Format(0));
        var profit = _cube.Query([m["Profit"]]);
        Assert.Equal("$339,610.90", profit.Column("Profit").Format(0));
    }

    [Fact]
    public void CaptionColumnNamesCustomersAndOrdersThem()
    {
        var l = _cube.Levels;
        var result = _cube.Query([_cube.Measures["Unit Sales"]], levels: [l["City"], l["Name"]], filter: l["City"] == "Altadena");
        var names = result.Column("Name").Values.Cast<string>().ToList();
        Assert.Contains("Susan Wilson", names);
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
    }

    [Fact]
    public void MinOverStatesForWomenMatchesMondrian()
    {
        var l = _cube.Levels;
        var result = _cube.Query([_cube.Measures["Unit Sales"]], levels: [l["State Province"]],
            filter: (l["Gender"] == "F") & (l[("Customers", "Customers", "Country")] == "USA"));
        Assert.Equal(33_036.0, result.Column("Unit Sales").Values.Cast<double?>().Min());
    }
}
