using System.IO.Compression;
using System.Text;
using System.Xml.Linq;

namespace Cuboid.Package.Tests;

/// <summary>
/// Installs the packed packages as a .NET user does: a brand-new console project outside the
/// repository adds Cuboid, Cuboid.Server, Cuboid.Parquet and Cuboid.DirectQuery, loads a CSV and a Parquet file, builds a cube, queries it,
/// builds another over the same sales in a DuckDB file (DirectQuery) and fetches
/// the served web app; the tool installs with <c>dotnet tool install</c> and runs <c>cuboid query</c>.
/// </summary>
public sealed class PackageInstallTests(PackageFeed feed, ITestOutputHelper output) : IClassFixture<PackageFeed>
{
    private const string Program = """
        using Cuboid;

        // Served on a free port: Cuboid.Server is referenced, so Session.Start serves the web app.
        using var session = Session.Start(new SessionConfig { Name = "package-test", Port = 0 });
        var sales = session.ReadCsv("sales.csv.gz", new CsvOptions { Keys = ["Id"] });
        // The products as a Parquet file (Parquet.Net comes with Cuboid.Parquet), read back through its ITableSource.
        Item[] items = [new("Apple", "Fruit", 2.0), new("Pear", "Fruit", 3.0), new("Steak", "Meat", 10.0)];
        await Parquet.Serialization.ParquetSerializer.SerializeAsync(items, "products.parquet");
        var products = session.ReadParquet("products.parquet", new ParquetReadOptions { Keys = ["Product"] });
        sales.Join(products, sales["Product"] == products["Product"]);

        var cube = session.CreateCube(sales);
        var (l, m) = (cube.Levels, cube.Measures);
        m["Revenue"] = Agg.Sum(sales["Quantity"] * products["Price"]);
        Console.WriteLine(cube.Query([m["Revenue"]], levels: [l["Category"]], includeTotals: true));
        Console.WriteLine(session.QueryMdx("SELECT [Measures].[Revenue] ON COLUMNS, [Category].Members ON ROWS FROM [sales]"));

        // DirectQuery: the same sales in a DuckDB file (DuckDB.NET comes with Cuboid.DirectQuery), aggregated there.
        using (var duck = new DuckDB.NET.Data.DuckDBConnection("Data Source=sales.duckdb"))
        {
            duck.Open();
            using var create = duck.CreateCommand();
            create.CommandText = "CREATE OR REPLACE TABLE sales AS SELECT * FROM read_csv('sales.csv.gz')";
            create.ExecuteNonQuery();
        }
        using var db = session.ConnectToExternalDatabase(new DuckDbConnectionInfo("sales.duckdb"));
        var external = session.AddExternalTable(db.Tables["sales"], tableName: "sales_in_duckdb");
        var direct = session.CreateCube(external, "Direct");
        Console.WriteLine("DirectQuery: " + direct.Query([direct.Measures["Quantity.SUM"]], levels: [direct.Levels["Shop"]], includeTotals: true));

        using var http = new HttpClient();
        var index = await http.GetStringAsync(session.Link);
        Console.WriteLine(index.Contains("<div id=\"root\">") && index.Contains("/assets/index-") ? "web app: served" : "web app: missing\n" + index);

        record Item(string Product, string Category, double Price);
        """;

    [Fact]
    public void PackagesCarryTheirMetadataSymbolsAndDocumentation()
    {
        foreach (var package in PackageFeed.Packages)
        {
            var path = Path.Combine(feed.Feed, $"{package}.{PackageFeed.Version}.nupkg");
            Assert.True(File.Exists(Path.Combine(feed.Feed, $"{package}.{PackageFeed.Version}.snupkg")), $"{package} has no symbols package");
            using var zip = ZipFile.OpenRead(path);
            var nuspec = XDocument.Load(zip.Entries.Single(e => e.FullName == package + ".nuspec").Open());
            var metadata = nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
            string Field(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value ?? "";
            Assert.Equal(package, Field("id"));
            Assert.Equal(PackageFeed.Version, Field("version"));
            Assert.Equal("Apache-2.0", Field("license"));
            Assert.Equal("README.md", Field("readme"));
            Assert.True(Field("description").Length > 40, $"{package}: description '{Field("description")}'");
            Assert.Contains("olap", Field("tags"), StringComparison.Ordinal);
            Assert.Equal("git", metadata.Elements().Single(e => e.Name.LocalName == "repository").Attribute("type")?.Value);
            Assert.Contains(zip.Entries, e => e.FullName == "README.md");
            output.WriteLine($"{package}: {new FileInfo(path).Length / 1024.0:N0} KB");
            if (package == "Cuboid.Cli")
            {
                Assert.Contains("DotnetTool", nuspec.ToString(), StringComparison.Ordinal);
                Assert.Contains(zip.Entries, e => e.FullName.EndsWith("/Cuboid.Cli.dll", StringComparison.Ordinal));
            }
            else
            {
                // IntelliSense reads the XML documentation beside the assembly.
                Assert.Contains(zip.Entries, e => e.FullName == $"lib/net10.0/{package}.dll");
                Assert.Contains(zip.Entries, e => e.FullName == $"lib/net10.0/{package}.xml");
            }
        }
    }

    [Fact]
    public async Task ANewConsoleProjectAddsThePackagesLoadsACsvQueriesAndServesTheWebApp()
    {
        var app = Path.Combine(feed.Root, "app");
        Directory.CreateDirectory(app);
        (await RunAsync("dotnet", ["new", "console", "--framework", "net10.0", "--output", app], app)).Succeeded("dotnet new console");
        foreach (var package in new[] { "Cuboid", "Cuboid.Server", "Cuboid.Parquet", "Cuboid.DirectQuery" })
        {
            (await RunAsync("dotnet", ["add", "package", package, "--version", PackageFeed.Version], app)).Succeeded($"dotnet add package {package}");
        }
        await File.WriteAllTextAsync(Path.Combine(app, "Program.cs"), Program, TestContext.Current.CancellationToken);
        await using (var gzip = new GZipStream(File.Create(Path.Combine(app, "sales.csv.gz")), CompressionLevel.Optimal))
        {
            await gzip.WriteAsync(Encoding.UTF8.GetBytes("Id,Product,Shop,Quantity\n1,Apple,Paris,3\n2,Steak,Paris,1\n3,Apple,Lyon,5\n4,Pear,Paris,2\n"), TestContext.Current.CancellationToken);
        }

        var run = (await RunAsync("dotnet", ["run"], app)).Succeeded("dotnet run");
        // Revenue: Fruit 3×2 + 5×2 + 2×3 = 22, Meat 10, total 32 — once from the C# query, once from MDX.
        Assert.Matches(@"Total\s+32\b", run);
        Assert.Matches(@"Fruit\s+22\b", run);
        Assert.Matches(@"Meat\s+10\b", run);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(run, @"Fruit\s+22\b"));
        Assert.Contains("web app: served", run, StringComparison.Ordinal);
        // Quantity by shop, summed by DuckDB: Paris 3 + 1 + 2, Lyon 5.
        var direct = run[run.IndexOf("DirectQuery:", StringComparison.Ordinal)..];
        Assert.Matches(@"Paris\s+6\b", direct);
        Assert.Matches(@"Lyon\s+5\b", direct);
        Assert.Matches(@"Total\s+11\b", direct);
    }

    [Fact]
    public async Task TheToolInstallsAndQueriesTheSampleModel()
    {
        var tools = Path.Combine(feed.Root, "tools");
        (await RunAsync("dotnet", ["tool", "install", "Cuboid.Cli", "--version", PackageFeed.Version, "--tool-path", tools, "--configfile", feed.ConfigFile], feed.Root))
            .Succeeded("dotnet tool install");
        var cuboid = Path.Combine(tools, "cuboid");
        Assert.True(File.Exists(cuboid), $"no cuboid command in {tools}");

        var version = (await RunAsync(cuboid, ["--version"], feed.Root)).Succeeded("cuboid --version");
        Assert.StartsWith(PackageFeed.Version, version.Trim(), StringComparison.Ordinal);
        var model = Path.Combine(feed.Repository, "samples", "foodmart", "model.json");
        var query = (await RunAsync(cuboid, ["query", "--model", model], feed.Root,
            "SELECT [Measures].[Unit Sales] ON COLUMNS, [Product].Children ON ROWS FROM [Sales]")).Succeeded("cuboid query");
        // Mondrian's figures for FoodMart 1997.
        Assert.Matches(@"Drink\s+24,597", query);
        Assert.Matches(@"Food\s+191,940", query);
        Assert.Matches(@"Non-Consumable\s+50,236", query);
    }

    private async Task<Dotnet.Outcome> RunAsync(string program, string[] arguments, string directory, string? input = null)
    {
        var outcome = await Dotnet.RunAsync(program, arguments, directory, feed.Environment, PackageFeed.Timeout, input);
        output.WriteLine($"{Path.GetFileName(program)} {string.Join(' ', arguments)}: {outcome.Elapsed.TotalSeconds:0.0} s");
        return outcome;
    }
}
