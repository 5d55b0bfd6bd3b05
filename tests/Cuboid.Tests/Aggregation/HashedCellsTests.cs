using Cuboid.Tests.Support;

namespace Cuboid.Tests.Aggregation;

/// <summary>
/// Three levels of about 2,000 members each: 8e9 cells, far beyond the dense arrays, so the scan
/// hashes cell keys. Every figure is compared with LINQ over the same rows.
/// </summary>
public sealed class HashedCellsTests
{
    private sealed record Row(int Id, int A, int B, string C, int Item, double? V);
    private sealed record Item(int Code, string Family);

    [Fact]
    public void HashedCellsMatchLinq()
    {
        var random = new Random(7);
        using var session = TestData.NewSession();
        var facts = session.CreateTable("Facts", new Dictionary<string, DataType>
        {
            ["Id"] = DataType.Int,
            ["A"] = DataType.Int,
            ["B"] = DataType.Int,
            ["C"] = DataType.String,
            ["Item"] = DataType.Int,
            ["V"] = DataType.Double,
        }, keys: ["Id"]);
        var items = session.CreateTable("Items", new Dictionary<string, DataType> { ["Code"] = DataType.Int, ["Family"] = DataType.String }, keys: ["Code"]);
        var rows = Enumerable.Range(0, 40_000).Select(i => new Row(i, random.Next(2000), random.Next(2000), $"c{random.Next(2000)}", random.Next(60),
            random.Next(10) == 0 ? null : Math.Round(random.NextDouble() * 100, 2))).ToList();
        facts.Load(rows);
        var itemRows = Enumerable.Range(0, 50).Select(i => new Item(i, $"f{i % 7}")).ToList();   // items 50..59 have no row
        items.Load(itemRows);
        facts.Join(items, facts["Item"] == items["Code"]);
        var family = itemRows.ToDictionary(i => i.Code, i => i.Family);
        string FamilyOf(Row r) => family.TryGetValue(r.Item, out var f) ? f : "N/A";

        var cube = session.CreateCube(facts, "Big", CubeMode.Manual);
        cube.Hierarchies.Set("A", facts["A"]);
        cube.Hierarchies.Set("B", facts["B"]);
        var (l, m) = (cube.Levels, cube.Measures);
        m["Sum"] = Agg.Sum(facts["V"]);
        m["Min"] = Agg.Min(facts["V"]);
        m["Max"] = Agg.Max(facts["V"]);
        m["Count"] = Agg.Count(facts["V"]);
        m["Items"] = Agg.CountDistinct(facts["Item"]);
        m["Families"] = Agg.CountDistinct(items["Family"]);
        m["Cs"] = Agg.CountDistinct(facts["C"]);
        var measures = new[] { m["Sum"], m["Min"], m["Max"], m["Count"], m["Items"], m["Families"], m["Cs"], m["contributors.COUNT"] };

        var result = cube.Query(measures, [l["A"], l["B"], l["C"]]);
        var members = new[] { "A", "B", "C" }.Select(n => (long)cube.IndexOf(cube.Hierarchies[n]).Members.Count(0)).ToArray();
        Assert.True(members.Aggregate(1L, (a, b) => a * b) > int.MaxValue, "the cell space must be too large for dense arrays");

        static string Num(double? v) => v is null ? "" : Math.Round(v.Value, 6).ToString(System.Globalization.CultureInfo.InvariantCulture);
        string Expected(IEnumerable<Row> g, string prefix)
        {
            var values = g.Where(r => r.V is not null).Select(r => r.V!.Value).ToList();
            var families = g.Select(FamilyOf).Distinct().Count();   // an unmatched row reads the default, N/A
            return string.Join("|", prefix, Num(values.Count == 0 ? null : values.Sum()), Num(values.Count == 0 ? null : values.Min()),
                Num(values.Count == 0 ? null : values.Max()), values.Count, g.Select(r => r.Item).Distinct().Count(), families,
                g.Select(r => r.C).Distinct().Count(), g.Count());
        }
        List<string> Actual(QueryResult r, int levels) => [.. Enumerable.Range(0, r.RowCount).Select(i => string.Join("|",
            Enumerable.Range(0, levels).Select(c => Convert.ToString(r.Columns[c][i], System.Globalization.CultureInfo.InvariantCulture))
                .Concat(Enumerable.Range(levels, measures.Length).Select(c => r.Columns[c][i] is double d ? Num(d) : Convert.ToString(r.Columns[c][i], System.Globalization.CultureInfo.InvariantCulture)))))];

        var expected = rows.GroupBy(r => (r.A, r.B, r.C)).OrderBy(g => g.Key.A).ThenBy(g => g.Key.B).ThenBy(g => g.Key.C, StringComparer.Ordinal)
            .Select(g => Expected(g, $"{g.Key.A}|{g.Key.B}|{g.Key.C}")).ToList();
        Assert.Equal(expected, Actual(result, 3));

        // Totals roll the hashed cells up; a filter keeps a slice.
        var withTotals = cube.Query(measures, [l["A"], l["B"], l["C"]], filter: l["A"] < 40, includeTotals: true);
        var slice = rows.Where(r => r.A < 40).ToList();
        var expectedTotals = new List<string> { Expected(slice, "||") };
        foreach (var a in slice.GroupBy(r => r.A).OrderBy(g => g.Key))
        {
            expectedTotals.Add(Expected(a, $"{a.Key}||"));
            foreach (var b in a.GroupBy(r => r.B).OrderBy(g => g.Key))
            {
                expectedTotals.Add(Expected(b, $"{a.Key}|{b.Key}|"));
                expectedTotals.AddRange(b.GroupBy(r => r.C).OrderBy(g => g.Key, StringComparer.Ordinal).Select(c => Expected(c, $"{a.Key}|{b.Key}|{c.Key}")));
            }
        }
        Assert.Equal(expectedTotals, Actual(withTotals, 3));

        // A joined level among the hashed ones.
        cube.Hierarchies.Set("Family", items["Family"]);
        var byFamily = cube.Query(measures, [l["Family"], l["A"], l["C"]], filter: l["B"] >= 1990);
        var expectedByFamily = rows.Where(r => r.B >= 1990).GroupBy(r => (F: FamilyOf(r), r.A, r.C))
            .OrderBy(g => g.Key.F, StringComparer.Ordinal).ThenBy(g => g.Key.A).ThenBy(g => g.Key.C, StringComparer.Ordinal)
            .Select(g => Expected(g, $"{g.Key.F}|{g.Key.A}|{g.Key.C}")).ToList();
        Assert.Equal(expectedByFamily, Actual(byFamily, 3));
    }
}
