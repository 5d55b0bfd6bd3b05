using Cuboid.ModelFiles;
using Cuboid.Tests.Support;

namespace Cuboid.Tests.ModelFiles;

/// <summary>Model file features beyond FoodMart's: row expressions, measure formulas, orders, date hierarchies, CSV options.</summary>
public sealed class ModelFileFeatureTests
{
    private static Cube Load(Session session, string cube) => CubeModelFile.Load(session, ModelFileKit.WriteModel(ModelFileKit.SmallModel(cube)));

    [Fact]
    public void RowExpressionsBindColumnsOfTheFactAndJoinedTables()
    {
        using var session = TestData.NewSession();
        var cube = Load(session, """
            {
              "name": "Sales", "factTable": "sales", "mode": "manual",
              "measures": [
                { "name": "Revenue", "aggregation": "sum", "expression": "[qty] * [products].[price]", "formatter": "#,##0.00", "folder": "Money", "description": "qty × price" },
                { "name": "Promoted", "aggregation": "sum", "expression": "CASE WHEN [promo] = 0 THEN 0 ELSE [sales].[qty] END" },
                { "name": "Big", "aggregation": "count", "expression": "CASE WHEN [qty] > 2 AND NOT ([price] < 1) THEN 1 END" },
                { "name": "Max price", "aggregation": "max", "expression": "[price]", "visible": false },
                { "name": "Half revenue", "formula": "[Revenue] / 2" }
              ]
            }
            """);
        var m = cube.Measures;
        var result = cube.Query([m["Revenue"], m["Promoted"], m["Big"], m["Max price"], m["Half revenue"]]);
        Assert.Equal(22.0, result.Column("Revenue")[0]);
        Assert.Equal(7.0, result.Column("Promoted").GetDouble(0));
        Assert.Equal(2L, result.Column("Big")[0]);
        Assert.Equal(3.0, result.Column("Max price")[0]);
        Assert.Equal(11.0, result.Column("Half revenue")[0]);
        Assert.Equal("Money", m["Revenue"].Folder);
        Assert.False(m["Max price"].Visible);
    }

    [Fact]
    public void LevelOrdersAndDefaultDimension()
    {
        using var session = TestData.NewSession();
        var cube = Load(session, """
            {
              "factTable": "sales", "defaultHierarchies": false,
              "hierarchies": [
                { "name": "Fruit", "allMemberName": "All fruit", "levels": [ { "column": "product", "order": "reverse" } ] },
                { "dimension": "D", "name": "Ids", "levels": [ { "name": "Id", "column": "id", "order": [3, 1] } ] }
              ]
            }
            """);
        Assert.Equal(["Fruit", "Ids"], cube.Hierarchies.Select(h => h.Name));
        Assert.Equal("sales", cube.Hierarchies["Fruit"].Dimension);
        Assert.Equal("All fruit", cube.Hierarchies["Fruit"].AllMemberName);
        var fruits = cube.Query([cube.Measures["contributors.COUNT"]], levels: [cube.Levels["product"]]);
        Assert.Equal(["pear", "apple"], fruits.Column("product").Values.Cast<string>());
        var ids = cube.Query([cube.Measures["contributors.COUNT"]], levels: [cube.Levels["Id"]]);
        Assert.Equal([3, 1, 2], ids.Column("Id").Values.Cast<int>());
    }

    [Fact]
    public void DateHierarchiesAndCsvOptions()
    {
        var dir = TestData.TempDirectory();
        File.WriteAllText(Path.Combine(dir, "orders.txt"), "day;amount\n2024-01-15;1,5\n2024-02-01;2,5\n2025-03-01;4\n");
        File.WriteAllText(Path.Combine(dir, "model.json"), """
            {
              "tables": [ { "name": "orders", "file": "data/orders.txt", "types": { "amount": "double" }, "csv": { "separator": ";", "culture": "fr-FR" } } ],
              "cubes": [ {
                "factTable": "orders", "mode": "noMeasures",
                "dateHierarchies": [ { "name": "Calendar", "column": "day", "parts": { "Year": "y", "Month": "M" } } ],
                "measures": [ { "name": "Amount", "aggregation": "sum", "expression": "[amount]" } ]
              } ]
            }
            """);
        Directory.CreateDirectory(Path.Combine(dir, "data"));
        File.Move(Path.Combine(dir, "orders.txt"), Path.Combine(dir, "data", "orders.txt"));
        using var session = TestData.NewSession();
        var cube = CubeModelFile.Load(session, Path.Combine(dir, "model.json"));
        Assert.Equal(["Year", "Month"], cube.Hierarchies["Calendar"].Levels.Select(l => l.Name));
        var result = cube.Query([cube.Measures["Amount"]], levels: [cube.Levels["Year"]]);
        Assert.Equal([4.0, 4.0], result.Column("Amount").Values.Cast<double?>());
    }

    [Fact]
    public void DataDirectoryOverridesTheModelFilesFolder()
    {
        var model = ModelFileKit.WriteModel(ModelFileKit.SmallModel("""{ "factTable": "sales" }"""));
        var elsewhere = TestData.TempDirectory();
        File.WriteAllText(Path.Combine(elsewhere, "sales.csv"), "id,product,qty,promo\n1,apple,30,0\n");
        File.WriteAllText(Path.Combine(elsewhere, "products.csv"), "product,price\napple,2.0\n");
        using var session = TestData.NewSession();
        var cube = CubeModelFile.Load(session, model, elsewhere);
        Assert.Equal(30L, cube.Query([cube.Measures["qty.SUM"]]).Column("qty.SUM")[0]);
    }
}
