using Cuboid.Tests.Support;

namespace Cuboid.Tests.Aggregation;

/// <summary>
/// Random small cubes and random queries, compared with a naive LINQ evaluator over the same
/// rows. Fixed seeds, so a failure replays. The data has a functional dependency (group → family)
/// so that grouping by a deep level alone equals grouping by its path.
/// </summary>
public sealed class AggregationFuzzTests
{
    private sealed record Fact(int Id, string Shop, int Item, double? X, int Y);
    private sealed record Item(int Code, string Family, string Group);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void RandomQueriesMatchNaiveEvaluator(int seed)
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
        var items = session.CreateTable("Items", new Dictionary<string, DataType>
        {
            ["Code"] = DataType.Int,
            ["Family"] = DataType.String,
            ["Group"] = DataType.String,
        }, keys: ["Code"]);
        var itemRows = Enumerable.Range(0, random.Next(3, 30)).Select(i => (Code: i, Group: $"g{random.Next(8)}")).ToList();
        var itemData = itemRows.Select(i => new Item(i.Code, $"f{(i.Group[1] - '0') % 3}", i.Group)).ToList();
        items.Load(itemData);
        var factData = new Dictionary<int, Fact>();
        for (var batch = 0; batch < 3; batch++)
        {
            var rows = Enumerable.Range(0, random.Next(1, 400)).Select(_ => new Fact(
                random.Next(500), $"s{random.Next(6)}", random.Next(itemRows.Count + 3),   // some items have no match
                random.Next(5) == 0 ? null : Math.Round(random.NextDouble() * 100, 2), random.Next(-5, 20))).ToList();
            facts.Load(rows);
            foreach (var r in rows) factData[r.Id] = r;   // upsert, last wins
        }
        var dropped = random.Next(6);
        facts.Drop(facts["Shop"] == $"s{dropped}");
        foreach (var id in factData.Where(f => f.Value.Shop == $"s{dropped}").Select(f => f.Key).ToList()) factData.Remove(id);
        facts.Join(items, facts["Item"] == items["Code"]);

        var cube = session.CreateCube(facts, "Fuzz", CubeMode.Manual);
        cube.Hierarchies.Remove("Id");
        cube.Hierarchies.Set("Product", items["Family"], items["Group"]);
        var (l, m) = (cube.Levels, cube.Measures);
        m["SumX"] = Agg.Sum(facts["X"]);
        m["MeanX"] = Agg.Mean(facts["X"]);
        m["MinX"] = Agg.Min(facts["X"]);
        m["MaxY"] = Agg.Max(facts["Y"]);
        m["CountX"] = Agg.Count(facts["X"]);
        m["DistinctY"] = Agg.CountDistinct(facts["Y"]);
        m["SumXY"] = Agg.Sum(facts["X"] * facts["Y"]);
        m["Ratio"] = m["SumX"] / m["CountX"];

        var joined = factData.Values.Select(f =>
        {
            var item = itemData.FirstOrDefault(i => i.Code == f.Item);
            return (Fact: f, Family: item?.Family ?? "N/A", Group: item?.Group ?? "N/A");
        }).ToList();
        var levelNames = new[] { "Shop", "Family", "Group" };
        var nonEmpty = 0;
        for (var q = 0; q < 25; q++)
        {
            var chosen = levelNames.Where(_ => random.Next(2) == 0).ToList();
            string Value(string level, (Fact Fact, string Family, string Group) row) => level switch { "Shop" => row.Fact.Shop, "Family" => row.Family, _ => row.Group };
            var filterShop = random.Next(3) == 0 ? $"s{random.Next(6)}" : null;
            var filterFamilies = random.Next(3) == 0 ? new[] { "f0", "f1" } : null;
            Condition? filter = null;
            if (filterShop is not null) filter = l["Shop"] != filterShop;
            if (filterFamilies is not null) filter = filter is null ? l["Family"].IsIn(filterFamilies) : filter & l["Family"].IsIn(filterFamilies);
            // Bounds on a fact column (one range on packed chunks) and one joined member (a run of one code).
            (int Low, int High)? yBounds = random.Next(3) == 0 ? (random.Next(-5, 10), random.Next(5, 20)) : null;
            var onlyGroup = random.Next(4) == 0 ? $"g{random.Next(8)}" : null;
            if (yBounds is { } y) filter = filter is null ? (facts["Y"] >= y.Low) & (facts["Y"] <= y.High) : filter & (facts["Y"] >= y.Low) & (facts["Y"] <= y.High);
            if (onlyGroup is not null) filter = filter is null ? l["Group"] == onlyGroup : filter & (l["Group"] == onlyGroup);
            var rows = joined.Where(r => (filterShop is null || r.Fact.Shop != filterShop) && (filterFamilies is null || filterFamilies.Contains(r.Family))
                && (yBounds is not { } b || (r.Fact.Y >= b.Low && r.Fact.Y <= b.High)) && (onlyGroup is null || r.Group == onlyGroup)).ToList();

            var expected = rows
                .GroupBy(r => string.Join("|", chosen.Select(c => Value(c, r))))
                .Select(g =>
                {
                    var xs = g.Where(r => r.Fact.X.HasValue).Select(r => r.Fact.X!.Value).ToList();
                    var sortKey = string.Join("|", chosen.Select(c => c == "Group" ? Value("Family", g.First()) + "/" + Value(c, g.First()) : Value(c, g.First())));
                    return (Key: g.Key, Sort: sortKey, Values: new object?[]
                    {
                        xs.Count == 0 ? null : xs.Sum(),
                        xs.Count == 0 ? null : xs.Average(),
                        xs.Count == 0 ? null : xs.Min(),
                        (long)g.Max(r => r.Fact.Y),
                        (long)xs.Count,
                        (long)g.Select(r => r.Fact.Y).Distinct().Count(),
                        xs.Count == 0 ? null : g.Where(r => r.Fact.X.HasValue).Sum(r => r.Fact.X!.Value * r.Fact.Y),
                        xs.Count == 0 ? null : xs.Sum() / xs.Count,
                    });
                })
                .OrderBy(e => e.Sort, StringComparer.Ordinal)
                .ToList();

            string[] measures = ["SumX", "MeanX", "MinX", "MaxY", "CountX", "DistinctY", "SumXY", "Ratio"];
            var result = cube.Query([.. measures.Select(n => m[n])], levels: [.. chosen.Select(c => l[c])], filter: filter);
            var context = $"seed {seed}, query {q}: levels [{string.Join(", ", chosen)}], filter {filter}";
            if (expected.Count > 0) nonEmpty++;
            Assert.True(expected.Count == result.RowCount, $"{context}: {expected.Count} rows expected, {result.RowCount} returned");
            for (var r = 0; r < expected.Count; r++)
            {
                var key = string.Join("|", chosen.Select(c => result.Column(c)[r]));
                Assert.True(expected[r].Key == key, $"{context}: row {r} is {key}, expected {expected[r].Key}");
                for (var i = 0; i < measures.Length; i++)
                {
                    var actual = result.Column(measures[i])[r];
                    var wanted = expected[r].Values[i];
                    if (wanted is double d) Assert.True(actual is double a && Math.Abs(a - d) <= 1e-9 * Math.Max(1, Math.Abs(d)), $"{context}: {measures[i]} of {key} is {actual}, expected {d}");
                    else Assert.True(Equals(wanted, actual), $"{context}: {measures[i]} of {key} is {actual ?? "null"}, expected {wanted ?? "null"}");
                }
            }
        }
        Assert.True(nonEmpty >= 15, $"seed {seed}: only {nonEmpty} of 25 queries returned rows");
    }
}
