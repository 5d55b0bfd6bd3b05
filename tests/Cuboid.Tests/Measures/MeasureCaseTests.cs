using System.Globalization;
using System.Text.Json;
using Cuboid.Measures;
using Cuboid.Tests.Support;

namespace Cuboid.Tests.Measures;

/// <summary>
/// Measure functions tested as data (Measures/Cases/*.json): each case defines measures in the
/// measure language, asks them by levels (with totals or not) on FoodMart, and gives the SQL that
/// computes the same table from the raw CSVs in SQLite — an independent oracle. Rows, level
/// values and measure values (empty cells included) must agree.
/// </summary>
public sealed class MeasureCaseTests(MeasureCaseTests.Fixture fixture) : IClassFixture<MeasureCaseTests.Fixture>
{
    public sealed class Fixture : IDisposable
    {
        public Session Session { get; } = TestData.NewSession();
        public Cube Cube { get; }
        public FoodMartSql Sql { get; } = new();

        public Fixture() => Cube = FoodMart.Build(Session);

        public void Dispose()
        {
            Sql.Dispose();
            Session.Dispose();
        }
    }

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Measures", "Cases"), "*.json").Order(StringComparer.Ordinal))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var item in json.RootElement.EnumerateArray()) data.Add($"{Path.GetFileName(file)}: {item.GetProperty("name").GetString()}");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesTheSqlOracle(string id)
    {
        var (file, name) = (id[..id.IndexOf(": ", StringComparison.Ordinal)], id[(id.IndexOf(": ", StringComparison.Ordinal) + 2)..]);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Measures", "Cases", file)));
        var item = json.RootElement.EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
        var cube = fixture.Cube;
        var measures = new List<Measure>();
        foreach (var property in item.GetProperty("measures").EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Null)
            {
                measures.Add(cube.Measures[property.Name]);   // a measure of the cube, shown for reference
                continue;
            }
            var measure = MeasureFormula.Bind(cube, property.Value.GetString()!, message => new ArgumentException($"{id}, measure '{property.Name}': {message}"));
            measures.Add(cube.Measures.Set($"{name} / {property.Name}", measure));
        }
        var levels = item.GetProperty("levels").EnumerateArray().Select(l => Level(cube, l.GetString()!)).ToList();
        var totals = item.TryGetProperty("totals", out var t) && t.GetBoolean();
        var result = cube.Query(measures, levels, includeTotals: totals);
        var expected = fixture.Sql.Rows(item.GetProperty("sql").GetString()!);

        Assert.True(expected.Count > 0, $"{id}: the SQL returned no row");
        Assert.Equal(expected.Count, result.RowCount);
        for (var r = 0; r < expected.Count; r++)
        {
            Assert.Equal(result.Columns.Count, expected[r].Length);
            for (var c = 0; c < expected[r].Length; c++)
            {
                var actual = result.Columns[c][r];
                var column = result.Columns[c].Name;
                if (c < levels.Count)
                {
                    Assert.True(expected[r][c] == (actual is null ? null : Convert.ToString(actual, CultureInfo.InvariantCulture)), $"{id}: row {r}, level {column}: SQL {expected[r][c] ?? "null"}, Cuboid {actual ?? "null"}");
                    continue;
                }
                var want = expected[r][c] is { } text ? double.Parse(text, CultureInfo.InvariantCulture) : (double?)null;
                var got = actual is null ? (double?)null : Convert.ToDouble(actual, CultureInfo.InvariantCulture);
                Assert.True(want.HasValue == got.HasValue && (want is null || Math.Abs(want.Value - got!.Value) <= 1e-9 * Math.Max(1, Math.Abs(want.Value))),
                    $"{id}: row {r} ({string.Join(", ", Enumerable.Range(0, levels.Count).Select(l => result.Columns[l][r]))}), {column}: SQL {want?.ToString("R", CultureInfo.InvariantCulture) ?? "empty"}, Cuboid {got?.ToString("R", CultureInfo.InvariantCulture) ?? "empty"}");
            }
        }
    }

    /// <summary>[Dimension].[Hierarchy].[Level].</summary>
    private static Level Level(Cube cube, string uniqueName)
    {
        var parts = uniqueName.Trim('[', ']').Split("].[");
        return cube.Levels[(parts[0], parts[1], parts[2])];
    }
}
