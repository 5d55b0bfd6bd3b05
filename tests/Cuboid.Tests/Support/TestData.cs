namespace Cuboid.Tests.Support;

/// <summary>Finds shared test data and makes temporary files and sessions.</summary>
internal static class TestData
{
    /// <summary>The FoodMart CSV folder: $CUBOID_FOODMART, or shared/data/foodmart beside (or above) the repository.</summary>
    public static string FoodMartDirectory => s_foodMart.Value;

    private static readonly Lazy<string> s_foodMart = new(() =>
    {
        if (Environment.GetEnvironmentVariable("CUBOID_FOODMART") is { Length: > 0 } env) return env;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "foodmart");
            if (File.Exists(Path.Combine(candidate, "sales_fact_1997.csv"))) return candidate;
        }
        throw new DirectoryNotFoundException("FoodMart data not found: set CUBOID_FOODMART or place shared/data/foodmart beside the repository.");
    });

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
