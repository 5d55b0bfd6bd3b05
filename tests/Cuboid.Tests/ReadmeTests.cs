namespace Cuboid.Tests;

/// <summary>
/// The README's C# tour is this file's <see cref="Tour"/>, word for word: one test checks the
/// two texts agree, another runs the tour and checks what it prints.
/// </summary>
public sealed class ReadmeTests
{
    [Fact]
    public void ReadmeTourIsTheCodeThisTestRuns()
    {
        var root = RepositoryRoot();
        var readme = Between(File.ReadAllText(Path.Combine(root, "README.md")), "```csharp\n", "```");
        var source = Between(File.ReadAllText(Path.Combine(root, "tests", "Cuboid.Tests", "ReadmeTests.cs")), "// tour begin\n", "        // tour end");
        Assert.Equal(Normalize(readme), Normalize(source));
    }

    [Fact]
    public void TourPrintsRevenueByShopAndCategoryWithTotals()
    {
        var output = new StringWriter();
        var previous = Console.Out;
        Console.SetOut(output);
        try
        {
            Tour();
        }
        finally
        {
            Console.SetOut(previous);
        }
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd()).ToArray();
        Assert.Equal("Shop   Category  Revenue  Average price", lines[0]);
        Assert.Equal("Total              32.00           2.91", lines[2]);
        Assert.Equal("Lyon   Total       10.00           2.00", lines[3]);
        Assert.Equal("Lyon   Fruit       10.00           2.00", lines[4]);
        Assert.Equal("Paris  Meat        10.00          10.00", lines[7]);
        var printedInReadme = Between(File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md")), "```text\n", "```");
        Assert.Equal(Normalize(printedInReadme), Normalize(output.ToString()));
    }

    private static void Tour()
    {
        // tour begin
        using var session = Session.Start(new SessionConfig { Name = "tour" });
        var sales = session.CreateTable("Sales",
            new Dictionary<string, DataType> { ["Id"] = DataType.Int, ["Product"] = DataType.String, ["Shop"] = DataType.String, ["Quantity"] = DataType.Int },
            keys: ["Id"]);
        var products = session.CreateTable("Products",
            new Dictionary<string, DataType> { ["Product"] = DataType.String, ["Category"] = DataType.String, ["Price"] = DataType.Double },
            keys: ["Product"]);
        sales.Load(new[]
        {
            new { Id = 1, Product = "Apple", Shop = "Paris", Quantity = 3 },
            new { Id = 2, Product = "Steak", Shop = "Paris", Quantity = 1 },
            new { Id = 3, Product = "Apple", Shop = "Lyon", Quantity = 5 },
            new { Id = 4, Product = "Pear", Shop = "Paris", Quantity = 2 },
        });
        products.Load(new[]
        {
            new { Product = "Apple", Category = "Fruit", Price = 2.0 },
            new { Product = "Pear", Category = "Fruit", Price = 3.0 },
            new { Product = "Steak", Category = "Meat", Price = 10.0 },
        });
        sales.Join(products, sales["Product"] == products["Product"]);

        // Auto mode: a hierarchy per key or text column (Id, Product, Shop, Category),
        // Quantity.SUM and Quantity.MEAN, contributors.COUNT and update.TIMESTAMP.
        var cube = session.CreateCube(sales);
        var (l, m) = (cube.Levels, cube.Measures);
        m["Revenue"] = Agg.Sum(sales["Quantity"] * products["Price"]);   // row-level expression across the join
        m["Revenue"].Formatter = "#,##0.00";
        m["Average price"] = m["Revenue"] / m["Quantity.SUM"];
        m["Average price"].Formatter = "#,##0.00";

        var result = cube.Query([m["Revenue"], m["Average price"]],
            levels: [l["Shop"], l["Category"]], filter: l["Category"] != "Vegetables", includeTotals: true);
        Console.WriteLine(result);
        // tour end
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cuboid.slnx"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("The repository root (Cuboid.slnx) was not found above " + AppContext.BaseDirectory);
    }

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, $"'{start.Trim()}' not found");
        from += start.Length;
        var to = text.IndexOf(end, from, StringComparison.Ordinal);
        return text[from..to];
    }

    private static string Normalize(string code) =>
        string.Join("\n", code.Replace("\r", "", StringComparison.Ordinal).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
}
