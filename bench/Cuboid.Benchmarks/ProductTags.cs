using System.Globalization;
using Cuboid.Samples;

namespace Cuboid.Benchmarks;

/// <summary>
/// Q2M's many-to-many dimension: product_tags.csv (product_id, tag, tag_group), keyed on product and tag, next to the
/// retail files. Each of the 10,000 products has one or two distinct tags (1.5 on average) of 40, in 8 groups; every
/// product has one, so DuckDB's inner join over it is the cube's many-to-many join. Deterministic for a seed.
/// </summary>
internal static class ProductTags
{
    public const int TagCount = 40, GroupCount = 8;

    public static string Ensure(RetailDataFiles files, int seed = 42)
    {
        var path = Path.Combine(files.Directory, "product_tags.csv");
        if (File.Exists(path)) return path;
        var random = new Random(seed);
        using var writer = new StreamWriter(path + ".tmp");
        writer.WriteLine("product_id,tag,tag_group");
        for (var product = 1; product <= RetailData.ProductCount; product++)
        {
            var first = random.Next(TagCount);
            var tags = random.Next(2) == 0 ? [first] : new[] { first, (first + 1 + random.Next(TagCount - 1)) % TagCount };
            foreach (var tag in tags) writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{product},tag {tag:D2},group {tag % GroupCount}"));
        }
        writer.Close();
        File.Move(path + ".tmp", path, overwrite: true);
        return path;
    }
}
