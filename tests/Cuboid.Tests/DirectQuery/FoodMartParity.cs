using System.Globalization;
using System.Text.Json;
using Cuboid.Measures;
using Cuboid.Tests.Mdx.Conformance;
using Cuboid.Tests.Support;

namespace Cuboid.Tests.DirectQuery;

/// <summary>
/// The FoodMart cube built once in memory and once over a database's copy of the same tables:
/// both must answer the Mondrian suite and the measure cases identically.
/// </summary>
public abstract class ExternalFoodMart : IDisposable
{
    private static readonly Lazy<(Session Session, Cube Cube, List<ConformanceOutcome> Suite)> s_memory = new(() =>
    {
        var session = TestData.NewSession();
        var cube = FoodMart.Build(session);
        return (session, cube, MondrianConformance.Run(session));
    });

    protected ExternalFoodMart()
    {
    }

    /// <summary>The cube in memory, and its answers to the suite.</summary>
    public static (Session Session, Cube Cube, List<ConformanceOutcome> Suite) Memory => s_memory.Value;

    public static IEnumerable<Table> MemoryTables => FoodMart.Tables.Select(t => Memory.Session.Tables[t]);

    public Session Session { get; } = TestData.NewSession();

    public ExternalDatabase Database { get; private set; } = null!;

    public Cube Cube { get; private set; } = null!;

    protected void Build(ExternalConnectionInfo connection, string schema)
    {
        Database = Session.ConnectToExternalDatabase(connection);
        Cube = FoodMart.Build(Session, (name, keys) => Session.AddExternalTable(Database.Tables[schema, name], keys: keys));
    }

    /// <summary>The suite over the database: each query printing what it prints in memory.</summary>
    public List<string> SuiteDifferences()
    {
        var actual = MondrianConformance.Run(Session);
        return [.. Memory.Suite.Zip(actual).Where(p => p.First.Actual != p.Second.Actual).Select(p => $"{p.First.Name}:\n{p.First.Actual}\n--- over {Database.Description}:\n{p.Second.Actual}")];
    }

    /// <summary>Each measure case (Measures/Cases) asked of both cubes: the same rows, levels and values.</summary>
    public List<string> MeasureCaseDifferences()
    {
        var differences = new List<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Measures", "Cases"), "*.json").Order(StringComparer.Ordinal))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var item in json.RootElement.EnumerateArray())
            {
                var name = item.GetProperty("name").GetString()!;
                var memory = Ask(Memory.Cube, name, item);
                var external = Ask(Cube, name, item);
                if (memory != external) differences.Add($"{name}:\n{memory}\n--- over {Database.Description}:\n{external}");
            }
        }
        return differences;
    }

    private static string Ask(Cube cube, string name, JsonElement item)
    {
        var measures = new List<Measure>();
        foreach (var property in item.GetProperty("measures").EnumerateObject())
        {
            measures.Add(property.Value.ValueKind == JsonValueKind.Null
                ? cube.Measures[property.Name]
                : cube.Measures.Set($"{name} / {property.Name}", MeasureFormula.Bind(cube, property.Value.GetString()!, message => new ArgumentException(message))));
        }
        var levels = item.GetProperty("levels").EnumerateArray().Select(l => l.GetString()!.Trim('[', ']').Split("].[")).Select(p => cube.Levels[(p[0], p[1], p[2])]).ToList();
        var totals = item.TryGetProperty("totals", out var t) && t.GetBoolean();
        var result = cube.Query(measures, levels, includeTotals: totals);
        var text = new System.Text.StringBuilder();
        for (var r = 0; r < result.RowCount; r++)
        {
            text.AppendJoin(" | ", result.Columns.Select(c => c[r] switch
            {
                null => "-",
                double d => d.ToString("G12", CultureInfo.InvariantCulture),
                var v => Convert.ToString(v, CultureInfo.InvariantCulture),
            })).Append('\n');
        }
        return text.ToString();
    }

    public void Dispose()
    {
        Session.Dispose();
        Database?.Dispose();
        StopServer();
        GC.SuppressFinalize(this);
    }

    /// <summary>Stops the database server, if the fixture started one.</summary>
    protected virtual void StopServer()
    {
    }
}
