using Cuboid.Tests.Support;
using static Cuboid.Tests.Model.ModelKit;

namespace Cuboid.Tests.Model;

public sealed class CacheAndVersionTests
{
    private static (Session Session, Table Sales, Table Products, Cube Cube) Build()
    {
        var session = TestData.NewSession();
        var (sales, products, _) = Shop(session);
        var cube = session.CreateCube(sales, "C", CubeMode.Manual);
        cube.Hierarchies.Set("Category", products["Category"]);
        cube.Measures["Qty"] = Agg.Sum(sales["Qty"]);
        cube.Measures["Revenue"] = Agg.Sum(sales["Qty"] * products["Price"]);
        return (session, sales, products, cube);
    }

    private static List<string> ByCategory(Cube cube) =>
        Lines(cube.Query([cube.Measures["Qty"], cube.Measures["Revenue"]], [cube.Levels["Category"]], includeTotals: true));

    [Fact]
    public void RepeatedQueriesAndClearedCacheGiveTheSameValues()
    {
        var (session, _, _, cube) = Build();
        using var _s = session;
        string[] expected = ["|22|43", "Fruit|9|19", "Meat|2|20", "N/A|7|", "Veg|4|4"];
        Assert.Equal(expected, ByCategory(cube));
        Assert.True(cube.Cache.Count > 0);
        Assert.Equal(expected, ByCategory(cube));
        cube.ClearCache();
        Assert.Equal(0, cube.Cache.Count);
        Assert.Equal(expected, ByCategory(cube));
    }

    [Fact]
    public void FactAppendUpsertAndDropAreSeenByTheNextQuery()
    {
        var (session, sales, _, cube) = Build();
        using var _s = session;
        Assert.Equal(["|22|43", "Fruit|9|19", "Meat|2|20", "N/A|7|", "Veg|4|4"], ByCategory(cube));
        sales.Append([7, "Pear", "Lyon", 10]);             // new row: Fruit +10 at 3
        sales.Append([4, "Steak", "Lyon", 3]);             // upsert: Steak 2 → 3
        Assert.Equal(["|33|83", "Fruit|19|49", "Meat|3|30", "N/A|7|", "Veg|4|4"], ByCategory(cube));
        sales.Drop(sales["Product"] == "Kiwi");
        Assert.Equal(["|26|83", "Fruit|19|49", "Meat|3|30", "Veg|4|4"], ByCategory(cube));
        sales.Drop(sales["Shop"] == "Paris");              // Apple 3, Pear 1, Bean 4
        Assert.Equal(["|18|70", "Fruit|15|40", "Meat|3|30"], ByCategory(cube));
        sales.Drop();
        Assert.Equal(0, cube.Query([cube.Measures["Qty"]], [cube.Levels["Category"]]).RowCount);
    }

    [Fact]
    public void DimensionUpsertAndDropReResolveTheJoins()
    {
        var (session, _, products, cube) = Build();
        using var _s = session;
        Assert.Equal(["|22|43", "Fruit|9|19", "Meat|2|20", "N/A|7|", "Veg|4|4"], ByCategory(cube));
        products.Append(["Kiwi", "Fruit", 1, 5.0]);        // Kiwi now matches
        products.Append(["Apple", "Pome", 1, 1.0]);        // Apple changes category and price
        Assert.Equal(["|22|70", "Fruit|8|38", "Meat|2|20", "Pome|8|8", "Veg|4|4"], ByCategory(cube));
        products.Drop(products["Name"] == "Steak");
        Assert.Equal(["|22|50", "Fruit|8|38", "N/A|2|", "Pome|8|8", "Veg|4|4"], ByCategory(cube));
        Assert.Equal(["Fruit|8", "N/A|2", "Pome|8", "Veg|4"], Lines(cube.Query([cube.Measures["Qty"]], [cube.Levels["Category"]])));
    }

    [Fact]
    public void CaptionOrderFollowsCaptionChanges()
    {
        using var session = TestData.NewSession();
        var sales = Table(session, "Sales", ["Id"], ("Id", DataType.Int), ("ShopId", DataType.Int), ("Qty", DataType.Int));
        var shops = Table(session, "Shops", ["ShopId"], ("ShopId", DataType.Int), ("Name", DataType.String));
        sales.Append([1, 1, 1], [2, 2, 2], [3, 3, 4]);
        shops.Append([1, "Bravo"], [2, "Alpha"], [3, "Charlie"]);
        sales.Join(shops);
        var cube = session.CreateCube(sales, "C", CubeMode.Manual);
        var level = cube.Hierarchies.Set("Shop", ("Shop", shops["ShopId"]))["Shop"];
        level.CaptionColumn = shops["Name"];
        level.Order = LevelOrder.ByCaption;
        cube.Measures["Qty"] = Agg.Sum(sales["Qty"]);
        Assert.Equal(["Alpha|2", "Bravo|1", "Charlie|4"], Lines(cube.Query([cube.Measures["Qty"]], [level])));
        shops.Append([3, "Aardvark"]);   // same members, a new caption
        Assert.Equal(["Aardvark|4", "Alpha|2", "Bravo|1"], Lines(cube.Query([cube.Measures["Qty"]], [level])));
    }

    [Fact]
    public void DifferentIsNullFiltersAndWhereMeasuresAreCachedApart()
    {
        using var session = TestData.NewSession();
        var t = Table(session, "T", ["Id"], ("Id", DataType.Int), ("X", DataType.Double), ("Y", DataType.Double), ("Qty", DataType.Int));
        t.Append([1, 1.0, null, 1], [2, null, 2.0, 2], [3, null, null, 4]);
        var cube = session.CreateCube(t, "C", CubeMode.Manual);
        var m = cube.Measures;
        m["Qty"] = Agg.Sum(t["Qty"]);
        Assert.Equal(["6"], Lines(cube.Query([m["Qty"]], filter: t["X"].IsNull())));
        Assert.Equal(["5"], Lines(cube.Query([m["Qty"]], filter: t["Y"].IsNull())));
        m["QX"] = Agg.Sum(Fn.Where(t["X"] > 0, t["Qty"], 0));
        m["QY"] = Agg.Sum(Fn.Where(t["Y"] > 0, t["Qty"], 0));
        Assert.Equal(["1|2"], Lines(cube.Query([m["QX"], m["QY"]])));
    }

    [Fact]
    public void AResultIsASnapshot()
    {
        var (session, sales, _, cube) = Build();
        using var _s = session;
        var before = cube.Query([cube.Measures["Qty"]]);
        sales.Append([8, "Apple", "Nice", 100]);
        Assert.Equal(22L, before.Column("Qty")[0]);
        Assert.Equal(122L, cube.Query([cube.Measures["Qty"]]).Column("Qty")[0]);
    }
}
