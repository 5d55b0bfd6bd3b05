namespace Cuboid.Tests.Support;

/// <summary>Finds the test data and makes temporary files and sessions.</summary>
internal static class TestData
{
    /// <summary>
    /// The FoodMart folder: samples/foodmart of the repository (its model file and gzipped CSVs, copied
    /// beside the test binaries at build), or $CUBOID_FOODMART, a folder holding the same files.
    /// </summary>
    public static string FoodMartDirectory => s_foodMart.Value;

    private static readonly Lazy<string> s_foodMart = new(() =>
    {
        var dir = Environment.GetEnvironmentVariable("CUBOID_FOODMART") is { Length: > 0 } env ? env : Path.Combine(AppContext.BaseDirectory, "foodmart");
        return File.Exists(FoodMartFile(dir, "sales_fact_1997")) ? dir
            : throw new DirectoryNotFoundException($"FoodMart data not found in {dir}: build the tests (they copy samples/foodmart), or set CUBOID_FOODMART to a folder of its .csv.gz files.");
    });

    /// <summary>The file of a FoodMart table (<c>product</c> → <c>…/product.csv.gz</c>).</summary>
    public static string FoodMart(string table) => FoodMartFile(FoodMartDirectory, table);

    private static string FoodMartFile(string dir, string table) => Path.Combine(dir, table + ".csv.gz");

    /// <summary>A session that no other test shares (no name, so starting it closes nothing).</summary>
    public static Session NewSession() => Session.Start(new SessionConfig { Name = null, Port = null });

    /// <summary>Writes <paramref name="content"/> to a new temporary file and returns its path.</summary>
    public static string TempFile(string content, string extension = ".csv")
    {
        var path = Path.Combine(TempDirectory(), "data" + extension);
        File.WriteAllText(path, content);
        return path;
    }

    public static string TempDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "cuboid-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
