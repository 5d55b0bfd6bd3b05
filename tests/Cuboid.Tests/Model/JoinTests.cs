using Cuboid.Tests.Support;
using static Cuboid.Tests.Model.ModelKit;

namespace Cuboid.Tests.Model;

public sealed class JoinTests
{
    [Fact]
    public void StarJoinOptionalUnmatchedRowsReadDefaults()
    {
        using var session = TestData.NewSession();
        var (sales, products, _) = Shop(session);
        var cube = session.CreateCube(sales, "C", CubeMode.Manual);
        cube.Hierarchies.Set("Category", products["Category"]);
        var m = cube.Measures;
        m["Qty"] = Agg.Sum(sales["Qty"]);
        m["Revenue"] = Agg.Sum(sales["Qty"] * products["Price"]);
        var result = cube.Query([m["Qty"], m["Revenue"]], [cube.Levels["Category"]]);
        // Fruit: Apple 3+5 at 2, Pear 1 at 3; Meat: Steak 2 at 10; Veg: Bean 4 at 1; Kiwi has no product: N/A, no price.
        Assert.Equal(["Fruit|9|19", "Meat|2|20", "N/A|7|", "Veg|4|4"], Lines(result));
    }

    [Fact]
    public void SnowflakeLevelsReachTheSecondTable()
    {
        using var session = TestData.NewSession();
        var (sales, products, classes) = Shop(session);
        var cube = session.CreateCube(sales, "C", CubeMode.Manual);
        cube.Hierarchies.Set("Product", ("Family", classes["Family"]), ("Name", products["Name"]));
        var m = cube.Measures;
        m["Qty"] = Agg.Sum(sales["Qty"]);
        var byFamily = cube.Query([m["Qty"]], [cube.Levels["Family"]]);
        // Animal: Steak 2; Plant: Apple 8 + Pear 1; N/A: Bean (class 3 missing) 4 + Kiwi (no product) 7.
        Assert.Equal(["Animal|2", "N/A|11", "Plant|9"], Lines(byFamily));
        var byName = cube.Query([m["Qty"]], [cube.Levels["Family"], cube.Levels["Name"]]);
        Assert.Equal(["Animal|Steak|2", "N/A|Bean|4", "N/A|N/A|7", "Plant|Apple|8", "Plant|Pear|1"], Lines(byName));
    }

    [Fact]
    public void MandatoryJoinLeavesUnmatchedFactRowsOut()
    {
        using var session = TestData.NewSession();
        var (sales, products, _) = Shop(session, salesToProducts: TargetOptionality.Mandatory);
        var cube = session.CreateCube(sales, "C", CubeMode.Manual);
        cube.Hierarchies.Set("Category", products["Category"]);
        var m = cube.Measures;
        m["Qty"] = Agg.Sum(sales["Qty"]);
        Assert.Equal(["Fruit|9", "Meat|2", "Veg|4"], Lines(cube.Query([m["Qty"]], [cube.Levels["Category"]])));
        Assert.Equal(["15|5"], Lines(cube.Query([m["Qty"], m["contributors.COUNT"]])));   // Kiwi's 7 left out
        Assert.Equal(["Lyon|7", "Paris|8"], Lines(cube.Query([m["Qty"]], [cube.Levels["Shop"]])));
    }

    [Fact]
    public void MandatorySnowflakeJoinLeavesOutRowsThatDoNotReachTheLastTable()
    {
        using var session = TestData.NewSession();
        var (sales, _, _) = Shop(session, productsToClasses: TargetOptionality.Mandatory);
        var cube = session.CreateCube(sales, "C", CubeMode.Manual);
        cube.Measures["Qty"] = Agg.Sum(sales["Qty"]);
        // Bean (no class) and Kiwi (no product) do not reach Classes.
        Assert.Equal(["11"], Lines(cube.Query([cube.Measures["Qty"]])));
    }

    [Theory]
    [InlineData("keys in order")]
    [InlineData("keys reversed")]
    [InlineData("not keys")]
    public void MultiColumnMappings(string variant)
    {
        using var session = TestData.NewSession();
        var sales = Table(session, "Sales", ["Id"], ("Id", DataType.Int), ("Country", DataType.String), ("City", DataType.String), ("Qty", DataType.Int));
        var cities = Table(session, "Cities", variant == "not keys" ? [] : ["Country", "City"], ("Country", DataType.String), ("City", DataType.String), ("Region", DataType.String));
        sales.Append([1, "France", "Paris", 2], [2, "USA", "Paris", 3], [3, "France", "Lyon", 5], [4, "USA", "Lyon", 7]);
        cities.Append(["France", "Paris", "IDF"], ["USA", "Paris", "Texas"], ["France", "Lyon", "ARA"]);
        var mapping = variant == "keys reversed"
            ? sales["City"] == cities["City"] & sales["Country"] == cities["Country"]
            : sales["Country"] == cities["Country"] & sales["City"] == cities["City"];
        sales.Join(cities, mapping);
        var cube = session.CreateCube(sales, "C", CubeMode.Manual);
        cube.Hierarchies.Set("Region", cities["Region"]);
        cube.Measures["Qty"] = Agg.Sum(sales["Qty"]);
        Assert.Equal(["ARA|5", "IDF|2", "N/A|7", "Texas|3"], Lines(cube.Query([cube.Measures["Qty"]], [cube.Levels["Region"]])));
    }

    [Fact]
    public void MappingDefaultsToTheTargetKeysByName()
    {
        using var session = TestData.NewSession();
        var sales = Table(session, "Sales", ["Id"], ("Id", DataType.Int), ("ProductId", DataType.Long), ("Qty", DataType.Int));
        var products = Table(session, "Products", ["ProductId"], ("ProductId", DataType.Int), ("Category", DataType.String));
        sales.Append([1, 10L, 1], [2, 20L, 2], [3, 10L, 4], [4, 30L, 8]);
        products.Append([10, "A"], [20, "B"]);
        sales.Join(products);
        var cube = session.CreateCube(sales);
        // Auto: the fact's ProductId is numeric (a measure), the joined table's mapped key no hierarchy; Category is one.
        Assert.Equal(["Id", "Category"], cube.Hierarchies.Select(h => h.Name));
        Assert.Equal(["A|5", "B|2", "N/A|8"], Lines(cube.Query([cube.Measures["Qty.SUM"]], [cube.Levels["Category"]])));
    }

    [Fact]
    public void JoinsAreResolvedAtCommitSoLaterDimensionRowsMatch()
    {
        using var session = TestData.NewSession();
        var sales = Table(session, "Sales", ["Id"], ("Id", DataType.Int), ("Product", DataType.String), ("Qty", DataType.Int));
        var products = Table(session, "Products", ["Name"], ("Name", DataType.String), ("Category", DataType.String));
        sales.Append([1, "Apple", 3], [2, "Steak", 2], [3, "Pear", 1]);
        sales.Join(products, sales["Product"] == products["Name"]);
        var cube = session.CreateCube(sales, "C", CubeMode.Manual);
        cube.Hierarchies.Set("Category", products["Category"]);
        var m = cube.Measures;
        m["Qty"] = Agg.Sum(sales["Qty"]);
        Assert.Equal(["N/A|6"], Lines(cube.Query([m["Qty"]], [cube.Levels["Category"]])));
        products.Append(["Apple", "Fruit"], ["Steak", "Meat"]);
        Assert.Equal(["Fruit|3", "Meat|2", "N/A|1"], Lines(cube.Query([m["Qty"]], [cube.Levels["Category"]])));
        products.Append(["Pear", "Fruit"], ["Steak", "Beef"]);   // a new match and an upsert
        Assert.Equal(["Beef|2", "Fruit|4"], Lines(cube.Query([m["Qty"]], [cube.Levels["Category"]])));
        products.Drop(products["Name"] == "Apple");
        Assert.Equal(["Beef|2", "Fruit|1", "N/A|3"], Lines(cube.Query([m["Qty"]], [cube.Levels["Category"]])));
    }

    [Fact]
    public void MandatoryJoinAdmitsRowsOnceTheirTargetIsLoaded()
    {
        using var session = TestData.NewSession();
        var sales = Table(session, "Sales", ["Id"], ("Id", DataType.Int), ("Product", DataType.String), ("Qty", DataType.Int));
        var products = Table(session, "Products", ["Name"], ("Name", DataType.String), ("Category", DataType.String));
        sales.Append([1, "Apple", 3], [2, "Steak", 2]);
        products.Append(["Apple", "Fruit"]);
        sales.Join(products, sales["Product"] == products["Name"], TargetOptionality.Mandatory);
        var cube = session.CreateCube(sales, "C", CubeMode.Manual);
        cube.Measures["Qty"] = Agg.Sum(sales["Qty"]);
        Assert.Equal(["3"], Lines(cube.Query([cube.Measures["Qty"]])));
        products.Append(["Steak", "Meat"]);
        Assert.Equal(["5"], Lines(cube.Query([cube.Measures["Qty"]])));
    }

    [Fact]
    public void JoinErrors()
    {
        using var session = TestData.NewSession();
        var (sales, products, classes) = Shop(session);
        var other = Table(session, "Other", [], ("X", DataType.Int));
        Assert.Equal("Table 'Sales' cannot join itself. (Parameter 'target')",
            Assert.Throws<ArgumentException>(() => sales.Join(sales, sales["Id"] == sales["Qty"])).Message);
        Assert.Equal("Joining 'Classes' to 'Sales' would make a cycle: 'Sales' already reaches 'Classes'. (Parameter 'target')",
            Assert.Throws<ArgumentException>(() => classes.Join(sales, classes["ClassId"] == sales["Id"])).Message);
        Assert.Equal("The mapping 'Other[X] == Classes[ClassId]' must compare a column of 'Sales' with a column of 'Classes'. (Parameter 'mapping')",
            Assert.Throws<ArgumentException>(() => sales.Join(classes, other["X"] == classes["ClassId"])).Message);
        Assert.Equal("Cannot join column 'Qty' (Int) to column 'Family' (String): the types do not match.",
            Assert.Throws<ArgumentException>(() => sales.Join(classes, sales["Qty"] == classes["Family"])).Message);
        Assert.Equal("Table 'Sales' already joins 'Products'. (Parameter 'target')",
            Assert.Throws<ArgumentException>(() => sales.Join(products, sales["Product"] == products["Name"])).Message);
        Assert.Equal("Joining 'Other' needs a mapping: it has no key columns to match by name. (Parameter 'target')",
            Assert.Throws<ArgumentException>(() => sales.Join(other)).Message);
        Assert.Equal("Table 'Other' has no column 'ClassId' to match the key of 'Classes'; give a mapping. (Parameter 'target')",
            Assert.Throws<ArgumentException>(() => other.Join(classes)).Message);
        Assert.Equal("A join mapping is made of column equalities joined with &; 'Sales[Qty] > 3 (Int32)' is not one. (Parameter 'mapping')",
            Assert.Throws<ArgumentException>(() => sales.Join(classes, sales["Qty"] > 3)).Message);
        // Nothing failed half-way: the joins are as before.
        Assert.Equal(["Products"], sales.JoinedTables.Select(t => t.Name));
        Assert.Empty(classes.JoinedTables);
    }
}
