using Cuboid.ModelFiles;
using Cuboid.Tests.Support;

namespace Cuboid.Tests.ModelFiles;

/// <summary>Finds samples/foodmart/model.json and loads it (with the FoodMart CSVs) into a new session.</summary>
internal static class ModelFileKit
{
    public static string FoodMartModel => s_model.Value;

    private static readonly Lazy<string> s_model = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cuboid.slnx"))) return Path.Combine(dir.FullName, "samples", "foodmart", "model.json");
        }
        throw new DirectoryNotFoundException("The repository root (Cuboid.slnx) was not found above the test binaries.");
    });

    public static Cube LoadFoodMart(Session session) => CubeModelFile.Load(session, FoodMartModel, TestData.FoodMartDirectory);

    /// <summary>Writes a model file to a new folder (beside a small CSV pair) and loads it; returns the exception's message.</summary>
    public static string LoadError(string json)
    {
        var path = WriteModel(json);
        using var session = TestData.NewSession();
        var error = Assert.Throws<ModelFileException>(() => CubeModelFile.Load(session, path));
        return error.Message;
    }

    /// <summary>A model file in a new folder holding sales.csv (id, product, qty, promo) and products.csv (product, price).</summary>
    public static string WriteModel(string json)
    {
        var dir = TestData.TempDirectory();
        File.WriteAllText(Path.Combine(dir, "sales.csv"), "id,product,qty,promo\n1,apple,3,0\n2,pear,2,1\n3,apple,5,1\n");
        File.WriteAllText(Path.Combine(dir, "products.csv"), "product,price\napple,2.0\npear,3.0\n");
        var path = Path.Combine(dir, "model.json");
        File.WriteAllText(path, json);
        return path;
    }

    /// <summary>The small model's tables and join; <paramref name="cube"/> is the JSON of its one cube.</summary>
    public static string SmallModel(string cube) => $$"""
        {
          "tables": [
            { "name": "sales", "file": "sales.csv", "keys": ["id"] },
            { "name": "products", "file": "products.csv", "keys": ["product"] }
          ],
          "joins": [ { "from": "sales", "to": "products", "mapping": { "product": "product" } } ],
          "cubes": [ {{cube}} ]
        }
        """;
}
