using Cuboid.Tests.Support;

namespace Cuboid.Tests.Model;

public sealed class StarSchemaTests
{
    private sealed record Sale(int Id, string Product, string Shop, int Qty, double Discount);
    private sealed record Product(string Name, string Category, double Price);

    private static (Session Session, Table Sales, Table Products, Cube Cube) Build()
    {
        var session = TestData.NewSession();
        var sales = session.CreateTable("Sales",
            new Dictionary<string, DataType> { ["Id"] = DataType.Int, ["Product"] = DataType.String, ["Shop"] = DataType.String, ["Qty"] = DataType.Int, ["Discount"] = DataType.Double },
            keys: ["Id"]);
        var products = session.CreateTable("Products",
            new Dictionary<string, DataType> { ["Name"] = DataType.String, ["Category"] = DataType.String, ["Price"] = DataType.Double },
            keys: ["Name"]);
        sales.Load(new[]
        {
            new Sale(1, "Apple", "Paris", 3, 0.1),
            new Sale(2, "Pear", "Paris", 1, 0),
            new Sale(3, "Apple", "Lyon", 5, 0),
            new Sale(4, "Steak", "Lyon", 2, 0.2),
            new Sale(5, "Unknown", "Lyon", 7, 0),
        });
        products.Load(new[] { new Product("Apple", "Fruit", 2), new Product("Pear", "Fruit", 3), new Product("Steak", "Meat", 10) });
        sales.Join(products, sales["Product"] == products["Name"]);
        var cube = session.CreateCube(sales);
        return (session, sales, products, cube);
    }

    [Fact]
    public void AutoModeCreatesHierarchiesAndMeasuresAsAtotiDoes()
    {
        var (session, _, _, cube) = Build();
        using var _s = session;
        Assert.Equal(["Id", "Product", "Shop", "Category"], cube.Hierarchies.Select(h => h.Name));
        Assert.Equal("Products", cube.Hierarchies["Category"].Dimension);
        Assert.Equal(["contributors.COUNT", "update.TIMESTAMP", "Qty.SUM", "Qty.MEAN", "Discount.SUM", "Discount.MEAN"], cube.Measures.Select(m => m.Name));
    }

    [Fact]
    public void AggregatesByJoinedLevelWithRowLevelExpression()
    {
        var (session, sales, products, cube) = Build();
        using var _s = session;
        var (l, m) = (cube.Levels, cube.Measures);
        m["Revenue"] = Agg.Sum(sales["Qty"] * products["Price"]);
        var result = cube.Query([m["Revenue"], m["Qty.SUM"], m["contributors.COUNT"]], levels: [l["Category"]]);
        Assert.Equal(["Category", "Revenue", "Qty.SUM", "contributors.COUNT"], result.Columns.Select(c => c.Name));
        // Unmatched "Unknown" reads the default "N/A"; its price is null, so its revenue is null.
        Assert.Equal(["Fruit", "Meat", "N/A"], result.Column("Category").Values.Cast<string>());
        Assert.Equal([19.0, 20.0, null], result.Column("Revenue").Values.Cast<double?>());
        Assert.Equal([9L, 2L, 7L], result.Column("Qty.SUM").Values.Cast<long?>());
        Assert.Equal([3L, 1L, 1L], result.Column("contributors.COUNT").Values.Cast<long?>());
    }

    [Fact]
    public void FiltersTotalsAndMeasureArithmetic()
    {
        var (session, sales, products, cube) = Build();
        using var _s = session;
        var (l, m) = (cube.Levels, cube.Measures);
        m["Revenue"] = Agg.Sum(sales["Qty"] * products["Price"]);
        m["Average price"] = m["Revenue"] / m["Qty.SUM"];
        var result = cube.Query([m["Revenue"], m["Average price"]], levels: [l["Shop"], l["Category"]],
            filter: l["Category"] != "N/A", includeTotals: true);
        var rows = result.Rows().Select(r => string.Join("|", r)).ToList();
        Assert.Equal(
        [
            "||39|3.5454545454545454",
            "Lyon||30|4.285714285714286",
            "Lyon|Fruit|10|2",
            "Lyon|Meat|20|10",
            "Paris||9|2.25",
            "Paris|Fruit|9|2.25",
        ], rows);
        Assert.True(result.IsTotal(0));
        Assert.False(result.IsTotal(2));
        Assert.Contains("Total", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void UpsertReplacesRowsAndCubeSeesTheNewVersion()
    {
        var (session, sales, _, cube) = Build();
        using var _s = session;
        var (l, m) = (cube.Levels, cube.Measures);
        Assert.Equal(18L, cube.Query([m["Qty.SUM"]]).Column("Qty.SUM")[0]);
        sales.Append([2, "Pear", "Paris", 11, 0.0]);   // replaces sale 2 (qty 1 → 11)
        Assert.Equal(5, sales.RowCount);
        Assert.Equal(28L, cube.Query([m["Qty.SUM"]]).Column("Qty.SUM")[0]);
        Assert.Equal(3L, sales.Drop(sales["Shop"] == "Lyon"));
        var byShop = cube.Query([m["Qty.SUM"]], levels: [l["Shop"]]);
        Assert.Equal(["Paris"], byShop.Column("Shop").Values.Cast<string>());
        Assert.Equal([14L], byShop.Column("Qty.SUM").Values.Cast<long?>());
    }
}
