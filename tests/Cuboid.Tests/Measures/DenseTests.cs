using Cuboid.Tests.Support;

namespace Cuboid.Tests.Measures;

/// <summary>Dense cumulative scopes and parent values: members without facts get cells and values.</summary>
public sealed class DenseTests
{
    private sealed record Sale(int Id, int Month, string Product, double Amount);
    private sealed record Product(string Name, string Category);
    private sealed record Month(int Number, string Quarter);

    private static readonly Sale[] s_sales =
    [
        new(1, 1, "Tea", 10), new(2, 3, "Tea", 5), new(3, 2, "Coffee", 7), new(4, 4, "Coffee", 1), new(5, 4, "Tea", 2),
    ];

    private static (Session, Cube) Build()
    {
        var session = TestData.NewSession();
        var sales = session.CreateTable("Sales", new Dictionary<string, DataType> { ["Id"] = DataType.Int, ["Month"] = DataType.Int, ["Product"] = DataType.String, ["Amount"] = DataType.Double }, keys: ["Id"]);
        var products = session.CreateTable("Products", new Dictionary<string, DataType> { ["Name"] = DataType.String, ["Category"] = DataType.String }, keys: ["Name"]);
        var months = session.CreateTable("Months", new Dictionary<string, DataType> { ["Number"] = DataType.Int, ["Quarter"] = DataType.String }, keys: ["Number"]);
        sales.Load(s_sales);
        products.Load([new Product("Tea", "Drinks"), new Product("Coffee", "Drinks"), new Product("Cocoa", "Drinks"), new Product("Bread", "Food")]);
        months.Load([new Month(1, "Q1"), new Month(2, "Q1"), new Month(3, "Q1"), new Month(4, "Q2")]);
        sales.Join(products, sales["Product"] == products["Name"]);
        sales.Join(months, sales["Month"] == months["Number"]);
        var cube = session.CreateCube(sales, "Sales", CubeMode.Manual);
        foreach (var name in cube.Hierarchies.Select(x => x.Name).ToList()) cube.Hierarchies.Remove(name);
        cube.Hierarchies.Set("Product", products["Category"], products["Name"]);
        cube.Hierarchies.Set("Time", months["Quarter"], months["Number"]);
        cube.Measures["Amount"] = Agg.Sum(sales["Amount"]);
        return (session, cube);
    }

    [Fact]
    public void ADenseRunningTotalContinuesOverMonthsWithoutSales()
    {
        var (session, cube) = Build();
        using var _ = session;
        var (l, m) = (cube.Levels, cube.Measures);
        m["Running"] = Agg.Sum(m["Amount"], Scope.Cumulative(l["Number"]));
        m["Running, dense"] = Agg.Sum(m["Amount"], Scope.Cumulative(l["Number"], dense: true));
        var sparse = cube.Query([m["Running"]], levels: [l["Number"]], filter: l["Name"] == "Tea");
        Assert.Equal([1, 3, 4], sparse.Column("Number").Values.Cast<int?>());   // Tea sold in months 1, 3 and 4
        var dense = cube.Query([m["Amount"], m["Running, dense"]], levels: [l["Number"]], filter: l["Name"] == "Tea");
        Assert.Equal([1, 2, 3, 4], dense.Column("Number").Values.Cast<int?>());
        Assert.Equal([10.0, null, 5.0, 2.0], dense.Column("Amount").Values.Cast<double?>());   // month 2 has no Tea: only the dense measure has a value
        Assert.Equal([10.0, 10.0, 15.0, 17.0], dense.Column("Running, dense").Values.Cast<double?>());
    }

    [Fact]
    public void ADenseParentValueShowsOnProductsWithoutSales()
    {
        var (session, cube) = Build();
        using var _ = session;
        var (h, l, m) = (cube.Hierarchies, cube.Levels, cube.Measures);
        m["Category"] = Fn.ParentValue(m["Amount"], h["Product"]);
        m["Category, dense"] = Fn.ParentValue(m["Amount"], h["Product"], dense: true);
        var sparse = cube.Query([m["Category"]], levels: [l["Name"]]);
        Assert.Equal(["Coffee", "Tea"], sparse.Column("Name").Values.Cast<string>());
        var dense = cube.Query([m["Amount"], m["Category, dense"]], levels: [l["Category"], l["Name"]], filter: l["Category"] == "Drinks");
        Assert.Equal(["Cocoa", "Coffee", "Tea"], dense.Column("Name").Values.Cast<string>());   // Bread is kept out by the filter
        Assert.Equal([null, 8.0, 17.0], dense.Column("Amount").Values.Cast<double?>());
        Assert.Equal([25.0, 25.0, 25.0], dense.Column("Category, dense").Values.Cast<double?>());

        var mdx = session.QueryMdx("SELECT {[Measures].[Category, dense]} ON 0, [Products].[Product].[Name].Members ON 1 FROM [Sales]").CellSet!;
        Assert.Equal([0.0, 25.0, 25.0, 25.0], mdx.Cells.Select(c => (double?)c.Value ?? 0).Order());   // Bread's category has no sales: empty
    }
}
