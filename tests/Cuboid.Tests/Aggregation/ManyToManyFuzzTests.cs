using System.Globalization;
using Cuboid.Tests.Support;
using DuckDB.NET.Data;

namespace Cuboid.Tests.Aggregation;

/// <summary>
/// Random many-to-many cubes (items with zero to three tags, several tags of one group on an item, facts whose item
/// has no tag or does not exist, upserts, tag changes between loads) and random queries with totals, checked against
/// DuckDB over the same rows: the pairs of the SQL join, filtered, then each fact once per distinct cell
/// (<c>SELECT DISTINCT id, … </c>) before aggregating — the distinct-sum semantics written out in SQL.
/// </summary>
public sealed class ManyToManyFuzzTests
{
    private sealed record Fact(int Id, string Shop, int Item, double? X, int Y);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void RandomQueriesMatchSql(int seed)
    {
        var random = new Random(seed);
        using var session = TestData.NewSession();
        var facts = session.CreateTable("Facts", new Dictionary<string, DataType>
        {
            ["Id"] = DataType.Int,
            ["Shop"] = DataType.String,
            ["Item"] = DataType.Int,
            ["X"] = DataType.Double,
            ["Y"] = DataType.Int,
        }, keys: ["Id"]);
        var items = session.CreateTable("Items", new Dictionary<string, DataType> { ["Code"] = DataType.Int, ["Family"] = DataType.String }, keys: ["Code"]);
        var tags = session.CreateTable("ItemTags", new Dictionary<string, DataType>
        {
            ["Item"] = DataType.Int,
            ["Tag"] = DataType.String,
            ["TagGroup"] = DataType.String,
        }, keys: ["Item", "Tag"]);
        var itemCount = random.Next(4, 25);
        // Even seeds spread the item codes: the join then hashes them instead of indexing an array by code.
        int Code(int i) => seed % 2 == 0 ? i * 1_000_003 : i;
        items.Load(Enumerable.Range(0, itemCount).Select(i => new { Code = Code(i), Family = $"f{random.Next(3)}" }));
        // A second many-to-many join, from the shops: a fact's cells along both are the cross product of its tags and labels.
        var labels = session.CreateTable("ShopLabels", new Dictionary<string, DataType> { ["Shop"] = DataType.String, ["Label"] = DataType.String }, keys: ["Shop", "Label"]);
        facts.Join(items, facts["Item"] == items["Code"]);
        facts.Join(tags, facts["Item"] == tags["Item"]);
        facts.Join(labels, facts["Shop"] == labels["Shop"]);
        var cube = session.CreateCube(facts, "Fuzz", CubeMode.Manual);
        foreach (var name in new[] { "Id", "Tag", "Label" }) cube.Hierarchies.Remove(name);   // the key columns' own hierarchies
        cube.Hierarchies.Set("Tags", ("TagGroup", tags["TagGroup"]), ("Tag", tags["Tag"]));
        cube.Hierarchies.Set("Labels", ("Label", labels["Label"]));
        cube.Hierarchies.Set("Family", items["Family"]);
        var (l, m) = (cube.Levels, cube.Measures);
        m["SumX"] = Agg.Sum(facts["X"]);
        m["MaxY"] = Agg.Max(facts["Y"]);
        m["DistinctY"] = Agg.CountDistinct(facts["Y"]);
        // A distinct count does not roll up: with it each total is scanned, without it the totals come from the finer cells.
        Measure[] all = [m["SumX"], m["MaxY"], m["DistinctY"], m["contributors.COUNT"]];
        Measure[] rollable = [m["SumX"], m["MaxY"], m["contributors.COUNT"]];

        var checkedRows = 0;
        for (var batch = 0; batch < 3; batch++)
        {
            // Tags change: each item gets a new random set (0–3 of 8 tags, groups tag % 3 so that an item has several tags of one group).
            var changed = Enumerable.Range(0, itemCount + 2).Where(_ => random.Next(2) == 0).ToList();
            foreach (var item in changed) tags.Drop(tags["Item"] == Code(item));
            tags.Load(changed.SelectMany(item => Enumerable.Range(0, 8).OrderBy(_ => random.Next()).Take(random.Next(4))
                .Select(t => new { Item = Code(item), Tag = $"t{t}", TagGroup = $"g{t % 3}" })));
            if (batch < 2)
            {
                // Shops get 0–2 of 3 labels (one each: the join is one-to-one until some shop has two).
                labels.Drop();
                labels.Load(Enumerable.Range(0, 4).SelectMany(shop => Enumerable.Range(0, 3).OrderBy(_ => random.Next()).Take(random.Next(3))
                    .Select(k => new { Shop = $"s{shop}", Label = $"k{k}" })));
            }
            facts.Load(Enumerable.Range(0, random.Next(1, 300)).Select(_ => new Fact(
                random.Next(400), $"s{random.Next(4)}", Code(random.Next(itemCount + 4)),   // some items do not exist
                random.Next(5) == 0 ? null : Math.Round(random.NextDouble() * 100, 2), random.Next(-5, 20))).ToList());
            if (batch == 2) facts.Drop(facts["Shop"] == "s3");

            var path = Path.Combine(Path.GetTempPath(), $"cuboid-m2m-{Guid.NewGuid():N}.duckdb");
            try
            {
                TableCopies.ToDuckDb([facts, items, tags, labels], path);
                using var duck = new DuckDBConnection($"Data Source={path}");
                duck.Open();
                for (var q = 0; q < 12; q++)
                {
                    var chosen = new[] { "Shop", "TagGroup", "Tag", "Family", "Label" }.Where(_ => random.Next(2) == 0).OrderBy(_ => random.Next()).ToList();
                    var (filter, where) = RandomFilter(random, l, facts);
                    var distinct = random.Next(2) == 0;
                    var measures = distinct ? all : rollable;
                    var context = $"seed {seed}, batch {batch}, query {q}: levels [{string.Join(", ", chosen)}], filter {where}, distinct count {distinct}";
                    var actual = Lines(cube.Query(measures, [.. chosen.Select(c => l[c])], filter: filter, includeTotals: true), measures.Length);
                    var expected = Expected(duck, chosen, where, distinct);
                    Assert.True(expected.SequenceEqual(actual), $"{context}\nexpected:\n{string.Join("\n", expected)}\nactual:\n{string.Join("\n", actual)}");
                    cube.ClearCache();
                    Assert.Equal(actual, Lines(cube.Query(measures, [.. chosen.Select(c => l[c])], filter: filter, includeTotals: true), measures.Length));
                    checkedRows += expected.Count;
                }
            }
            finally
            {
                File.Delete(path);
            }
        }
        Assert.True(checkedRows >= 50, $"seed {seed}: only {checkedRows} rows checked");
    }

    /// <summary>A random filter for the cube, and the same as SQL on the pairs' columns.</summary>
    private static (Condition? Filter, string Where) RandomFilter(Random random, LevelCollection l, Table facts)
    {
        var tag = $"t{random.Next(8)}";
        var group = $"g{random.Next(3)}";
        var shop = $"s{random.Next(4)}";
        var family = $"f{random.Next(3)}";
        return random.Next(13) switch
        {
            11 => ((l["Label"] == "k1") & (l["Tag"] == tag), $"label = 'k1' AND tag = '{tag}'"),
            12 => ((l["Label"] != "k0") | (l["Shop"] == shop), $"(label <> 'k0' OR shop = '{shop}')"),
            9 => ((l["Tag"] == tag) | (l["Shop"] == shop), $"(tag = '{tag}' OR shop = '{shop}')"),
            10 => (!((l["TagGroup"] == group) & (facts["Y"] >= 5)) & (l["Family"] != family), $"NOT (tag_group = '{group}' AND y >= 5) AND family <> '{family}'"),
            0 => (l["Tag"] == tag, $"tag = '{tag}'"),
            1 => (l["TagGroup"].IsIn(group, "g1"), $"tag_group IN ('{group}', 'g1')"),
            2 => (!(l["Tag"] == tag), $"NOT (tag = '{tag}')"),
            3 => ((l["Shop"] == shop) & (l["Tag"] != tag), $"shop = '{shop}' AND tag <> '{tag}'"),
            4 => ((l["Family"] == family) & (l["TagGroup"] == group), $"family = '{family}' AND tag_group = '{group}'"),
            5 => ((facts["Y"] >= 5) & ((l["Tag"] == tag) | (l["TagGroup"] == group)), $"y >= 5 AND (tag = '{tag}' OR tag_group = '{group}')"),
            6 => (l["Family"] == family, $"family = '{family}'"),
            _ => (null, "TRUE"),
        };
    }

    /// <summary>
    /// What the cube should answer, from SQL: for each prefix of the levels (the totals), the pairs that pass, each fact
    /// once per distinct cell, aggregated; in the cube's order (totals first, then by member).
    /// </summary>
    private static List<string> Expected(DuckDBConnection duck, List<string> levels, string where, bool distinct)
    {
        const string pairs = """
            SELECT f."Id" AS id, f."X" AS x, f."Y" AS y, f."Shop" AS shop, COALESCE(i."Family", 'N/A') AS family,
                   COALESCE(t."TagGroup", 'N/A') AS tag_group, COALESCE(t."Tag", 'N/A') AS tag, COALESCE(sl."Label", 'N/A') AS label
            FROM "Facts" f LEFT JOIN "Items" i ON f."Item" = i."Code" LEFT JOIN "ItemTags" t ON f."Item" = t."Item"
                 LEFT JOIN "ShopLabels" sl ON f."Shop" = sl."Shop"
            """;
        var columns = levels.Select(c => c switch { "TagGroup" => "tag_group", _ => c.ToLowerInvariant() }).ToList();
        var rows = new List<(string[] Key, string Line)>();
        for (var prefix = 0; prefix <= columns.Count; prefix++)
        {
            var kept = columns.Take(prefix).ToList();
            var select = string.Concat(kept.Select(c => c + ", "));
            var sql = $"""
                SELECT {select}SUM(x), MAX(y), COUNT(DISTINCT y), COUNT(*)
                FROM (SELECT DISTINCT id, x, y{string.Concat(kept.Select(c => ", " + c))} FROM ({pairs}) WHERE {where})
                {(kept.Count == 0 ? "" : "GROUP BY " + string.Join(", ", kept))}
                """;
            using var command = duck.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (reader.GetInt64(kept.Count + 3) == 0) continue;   // no fact: no row
                var key = Enumerable.Range(0, columns.Count).Select(c => c < prefix ? reader.GetString(c) : "").ToArray();
                var values = Enumerable.Range(kept.Count, 4).Where(c => distinct || c != kept.Count + 2).Select(c => Format(reader.IsDBNull(c) ? null : reader.GetValue(c)));
                rows.Add((key, string.Join("|", key.Concat(values))));
            }
        }
        return [.. rows.OrderBy(r => string.Join("\u0001", r.Key.Select(k => k == "" ? "" : "\u0002" + k)), StringComparer.Ordinal).Select(r => r.Line)];
    }

    private static List<string> Lines(QueryResult result, int measures) =>
        [.. result.Rows().Select(row => string.Join("|", row.Select(Format)))
            .OrderBy(line => string.Join("\u0001", line.Split('|').Take(result.Columns.Count - measures).Select(k => k == "" ? "" : "\u0002" + k)), StringComparer.Ordinal)];

    private static string Format(object? value) => value switch
    {
        null => "",
        double d => Math.Round(d, 6).ToString(CultureInfo.InvariantCulture),
        string s => s,
        _ => Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
    };
}
