using System.Globalization;
using Cuboid.Tests.Support;

namespace Cuboid.Tests.DirectQuery;

/// <summary>
/// A small shop (sales of products over days) built in memory and copied into a database, with
/// member names that would break SQL spliced as text: quotes, a semicolon, comment markers, a backslash.
/// </summary>
internal sealed class ShopData : IDisposable
{
    public static readonly string[] Names = ["O'Brien's; DROP TABLE sales; --", "double \"quoted\"", "/* not a comment */", @"back\slash", "plain"];

    public ShopData(ShopTarget target)
    {
        Target = target;
        Memory = TestData.NewSession();
        var products = Memory.CreateTable("products", new Dictionary<string, DataType> { ["product_id"] = DataType.Int, ["name"] = DataType.String, ["category"] = DataType.String }, ["product_id"]);
        products.Append([.. Names.Select((n, i) => new object?[] { i + 1, n, i % 2 == 0 ? "Even" : "Odd" })]);
        var sales = Memory.CreateTable("sales", new Dictionary<string, DataType> { ["sale_id"] = DataType.Int, ["product_id"] = DataType.Int, ["day"] = DataType.LocalDate, ["qty"] = DataType.Int, ["price"] = DataType.Double, ["channel"] = DataType.String });
        var rows = new List<object?[]>();
        for (var i = 0; i < 400; i++)
        {
            rows.Add([i, i % 6 + 1, new DateOnly(2025, 1, 1).AddDays(i * 3 % 500), i % 7 + 1, Math.Round(1 + i % 13 * 0.25, 2), i % 5 == 0 ? null : i % 3 == 0 ? "web" : "store"]);
        }
        sales.Append([.. rows]);
        var connection = target.Copy([products, sales]);
        MemoryCube = Build(Memory, products, sales);
        External = TestData.NewSession();
        Database = External.ConnectToExternalDatabase(connection);
        ExternalCube = Build(External, External.AddExternalTable(Database.Tables["products"], keys: ["product_id"]), External.AddExternalTable(Database.Tables[target.Schema, "sales"]));
    }

    public ShopTarget Target { get; }

    public Session Memory { get; }
    public Cube MemoryCube { get; }
    public Session External { get; }
    public ExternalDatabase Database { get; }
    public Cube ExternalCube { get; }

    /// <summary>Products (category, name), a date hierarchy and a channel level on the fact table's own columns, sums, a distinct count and a conditional sum.</summary>
    private static Cube Build(Session session, Table products, Table sales)
    {
        sales.Join(products);
        var cube = session.CreateCube(sales, "Shop", CubeMode.Manual);
        foreach (var h in cube.Hierarchies.ToList()) cube.Hierarchies.Remove(h.Name);
        cube.Hierarchies.Set(("Product", "Product"), ("Category", products["category"]), ("Name", products["name"]));
        cube.Hierarchies.Set(("Channel", "Channel"), ("Channel", sales["channel"]));
        cube.CreateDateHierarchy("Day", sales["day"], new Dictionary<string, string> { ["Year"] = "y", ["Month"] = "M" }, dimension: "Day");
        cube.Measures["Qty"] = Agg.Sum(sales["qty"]);
        cube.Measures["Revenue"] = Agg.Sum(sales["qty"] * sales["price"]);
        cube.Measures["Big revenue"] = Agg.Sum(Fn.Where(sales["qty"] >= 5, sales["qty"] * sales["price"]));
        cube.Measures["Days"] = Agg.CountDistinct(sales["day"]);
        cube.Measures["Cheapest"] = Agg.Min(sales["price"]);
        cube.Measures["Priciest"] = Agg.Max(sales["price"]);
        cube.Measures["Mean price"] = Agg.Mean(sales["price"]);
        return cube;
    }

    /// <summary>A result as text, rows in order, doubles to 12 digits.</summary>
    public static string Text(QueryResult result) =>
        string.Join("\n", result.Rows().Select(r => string.Join(" | ", r.Select(v => v switch
        {
            null => "-",
            double d => d.ToString("G12", CultureInfo.InvariantCulture),
            _ => Convert.ToString(v, CultureInfo.InvariantCulture),
        }))));

    public void Dispose()
    {
        Memory.Dispose();
        External.Dispose();
        Database.Dispose();
        Target.Dispose();
    }
}
