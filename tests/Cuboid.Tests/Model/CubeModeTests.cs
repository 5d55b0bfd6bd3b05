using Cuboid.Tests.Support;
using static Cuboid.Tests.Model.ModelKit;

namespace Cuboid.Tests.Model;

public sealed class CubeModeTests
{
    private static (Table Sales, Table Products, Table Classes) Tables(Session session)
    {
        // Products is keyed by Sku but joined on Name, so its key is not a join-mapped column.
        var sales = Table(session, "Sales", ["Id"], ("Id", DataType.Int), ("Product", DataType.String), ("Shop", DataType.String), ("Qty", DataType.Int), ("Price", DataType.Double));
        var products = Table(session, "Products", ["Sku"], ("Sku", DataType.Int), ("Name", DataType.String), ("Category", DataType.String), ("ClassId", DataType.Int), ("Weight", DataType.Double));
        var classes = Table(session, "Classes", ["ClassId"], ("ClassId", DataType.Int), ("Family", DataType.String));
        sales.Append([1, "Apple", "Paris", 3, 1.5], [2, "Pear", "Paris", 1, null], [3, "Apple", "Lyon", 5, 2.5]);
        products.Append([100, "Apple", "Fruit", 1, 0.2], [101, "Pear", "Fruit", 1, 0.3]);
        classes.Append([1, "Plant"]);
        sales.Join(products, sales["Product"] == products["Name"]);
        products.Join(classes, products["ClassId"] == classes["ClassId"]);
        return (sales, products, classes);
    }

    [Fact]
    public void AutoMakesHierarchiesForKeysAndNonNumericColumnsAndSumMeanMeasures()
    {
        using var session = TestData.NewSession();
        var (sales, _, _) = Tables(session);
        var cube = session.CreateCube(sales);
        Assert.Equal("Sales", cube.Name);
        // Fact: Id (key), Product, Shop. Products: Sku (key), Category; Name is join-mapped, ClassId and Weight numeric.
        // Classes: Family; ClassId is join-mapped.
        Assert.Equal(["[Sales].[Id]", "[Sales].[Product]", "[Sales].[Shop]", "[Products].[Sku]", "[Products].[Category]", "[Classes].[Family]"],
            cube.Hierarchies.Select(h => h.UniqueName));
        Assert.All(cube.Hierarchies, h => Assert.Equal(h.Name, Assert.Single(h.Levels).Name));
        Assert.Equal(["contributors.COUNT", "update.TIMESTAMP", "Qty.SUM", "Qty.MEAN", "Price.SUM", "Price.MEAN"], cube.Measures.Select(m => m.Name));
        var m = cube.Measures;
        var result = cube.Query([m["Qty.SUM"], m["Qty.MEAN"], m["Price.SUM"], m["Price.MEAN"], m["contributors.COUNT"]], [cube.Levels["Shop"]]);
        Assert.Equal(["Lyon|5|5|2.5|2.5|1", "Paris|4|2|1.5|1.5|2"], Lines(result));   // Price.MEAN ignores the null
        Assert.Equal([typeof(string), typeof(long), typeof(double), typeof(double), typeof(double), typeof(long)], result.Columns.Select(c => c.ClrType));
        Assert.Equal(["Fruit|3"], Lines(cube.Query([m["contributors.COUNT"]], [cube.Levels["Category"]])));
    }

    [Fact]
    public void ManualMakesFactAndJoinedKeyHierarchiesAndOnlyTheContributorsCount()
    {
        using var session = TestData.NewSession();
        var (sales, _, _) = Tables(session);
        var cube = session.CreateCube(sales, "Manual", CubeMode.Manual);
        Assert.Equal("Manual", cube.Name);
        Assert.Equal(["[Sales].[Id]", "[Sales].[Product]", "[Sales].[Shop]", "[Products].[Sku]"], cube.Hierarchies.Select(h => h.UniqueName));
        Assert.Equal(["contributors.COUNT"], cube.Measures.Select(m => m.Name));
    }

    [Fact]
    public void NoMeasuresHasAutoHierarchiesWithCountAndTimestamp()
    {
        using var session = TestData.NewSession();
        var (sales, _, _) = Tables(session);
        var cube = session.CreateCube(sales, "N", CubeMode.NoMeasures);
        Assert.Equal(["Id", "Product", "Shop", "Sku", "Category", "Family"], cube.Hierarchies.Select(h => h.Name));
        Assert.Equal(["contributors.COUNT", "update.TIMESTAMP"], cube.Measures.Select(m => m.Name));
    }

    [Fact]
    public void UpdateTimestampIsTheLastCommitTouchingTheRows()
    {
        using var session = TestData.NewSession();
        var sales = Table(session, "Sales", ["Id"], ("Id", DataType.Int), ("Shop", DataType.String), ("Qty", DataType.Int));
        var cube = session.CreateCube(sales);
        var before = DateTime.UtcNow;
        // A full storage chunk (65,536 rows) of Lyon: the later commit cannot touch it.
        sales.Append([.. Enumerable.Range(0, 1 << 16).Select(i => new object?[] { i, "Lyon", 2 })]);
        var between = DateTime.UtcNow;
        Thread.Sleep(30);
        var second = DateTime.UtcNow;
        sales.Append([-1, "Paris", 4]);
        var after = DateTime.UtcNow;
        var result = cube.Query([cube.Measures["update.TIMESTAMP"]], [cube.Levels["Shop"]], includeTotals: true);
        Assert.Equal(typeof(DateTime), result.Column("update.TIMESTAMP").ClrType);
        var stamps = Values<DateTime?>(result, "update.TIMESTAMP").Select(d => d!.Value).ToArray();
        // Timestamps are kept as doubles of ticks (about 13 µs apart at today's dates): allow that.
        var slack = TimeSpan.FromMilliseconds(1);
        Assert.InRange(stamps[1], before - slack, between + slack);   // Lyon: the first commit only
        Assert.InRange(stamps[2], second - slack, after + slack);     // Paris: touched by the second
        Assert.Equal(stamps[2], stamps[0]);                           // the total: the latest
        Assert.Equal(DateTimeKind.Utc, stamps[0].Kind);
    }

    [Fact]
    public void CubeErrors()
    {
        using var session = TestData.NewSession();
        var (sales, _, _) = Tables(session);
        session.CreateCube(sales, "C");
        Assert.Equal("The session already has a cube named 'C'. (Parameter 'name')",
            Assert.Throws<ArgumentException>(() => session.CreateCube(sales, "C")).Message);
        using var otherSession = TestData.NewSession();
        var foreign = Table(otherSession, "F", [], ("X", DataType.Int));
        Assert.Equal("Table 'F' belongs to another session. (Parameter 'factTable')",
            Assert.Throws<ArgumentException>(() => session.CreateCube(foreign)).Message);
        Assert.Equal(["C"], session.Cubes.Keys);
    }
}
