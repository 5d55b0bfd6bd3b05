using Cuboid.ModelFiles;
using Cuboid.Tests.Support;

namespace Cuboid.Tests.ModelFiles;

/// <summary>The FoodMart model file and small model files of the tests' own.</summary>
internal static class ModelFileKit
{
    /// <summary>samples/foodmart/model.json, copied beside the test binaries.</summary>
    public static string FoodMartModel { get; } = Path.Combine(AppContext.BaseDirectory, "foodmart", "model.json");

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
