using Cuboid.Tests.Support;

namespace Cuboid.Tests.Measures;

/// <summary>Parameter simulations: scenarios as rows, wildcards and Atoti's precedence, used in measure formulas.</summary>
public sealed class SimulationTests
{
    private sealed record Sale(int Id, string Country, string City, double Amount);

    private static readonly Sale[] s_sales =
    [
        new(1, "France", "Paris", 100), new(2, "France", "Lyon", 40), new(3, "Germany", "Berlin", 70), new(4, "Germany", "Munich", 30),
        new(5, "Italy", "Rome", 50),
    ];

    private static (Session, Cube) Build()
    {
        var session = TestData.NewSession();
        var t = session.CreateTable("Sales", new Dictionary<string, DataType>
        {
            ["Id"] = DataType.Int,
            ["Country"] = DataType.String,
            ["City"] = DataType.String,
            ["Amount"] = DataType.Double,
        }, keys: ["Id"]);
        t.Load(s_sales);
        var cube = session.CreateCube(t, "Sales", CubeMode.Manual);
        foreach (var name in new[] { "Id", "Country", "City" }) cube.Hierarchies.Remove(name);
        cube.Hierarchies.Set("Geography", t["Country"], t["City"]);
        cube.Measures["Amount"] = Agg.Sum(t["Amount"]);
        return (session, cube);
    }

    [Fact]
    public void AScenarioChangesTheParameterWhereItsRowsMatch()
    {
        var (session, cube) = Build();
        using var _ = session;
        var (l, m) = (cube.Levels, cube.Measures);
        var simulation = cube.CreateParameterSimulation("Country simulation", new Dictionary<string, double?> { ["Country parameter"] = 1.0 }, [l["Country"]]);
        simulation.Add("France crash", "France", 0.8);
        m["Adjusted"] = Agg.Sum(m["Amount"] * m["Country parameter"], Scope.Origin(l["Country"]));
        var scenario = simulation.ScenarioLevel;

        var result = cube.Query([m["Country parameter"], m["Adjusted"]], levels: [scenario, l["Country"]]);
        Assert.Equal(["Base", "Base", "Base", "France crash", "France crash", "France crash"], result.Column("Scenario").Values.Cast<string>());
        for (var r = 0; r < result.RowCount; r++)
        {
            var (name, country) = ((string)result[r, "Scenario"]!, (string)result[r, "Country"]!);
            var factor = name == "France crash" && country == "France" ? 0.8 : 1.0;
            Assert.Equal(factor, result.Column("Country parameter").GetDouble(r));
            Assert.Equal(s_sales.Where(s => s.Country == country).Sum(s => s.Amount) * factor, result.Column("Adjusted").GetDouble(r)!.Value, 9);
        }

        // Totals per scenario; a query that does not name the scenarios sees the base one.
        var totals = cube.Query([m["Adjusted"]], levels: [scenario]);
        Assert.Equal([290.0, 290.0 - 0.2 * 140], totals.Column("Adjusted").Values.Cast<double?>().Select(v => Math.Round(v!.Value, 9)));
        Assert.Equal(290.0, cube.Query([m["Adjusted"]]).Column("Adjusted").GetDouble(0)!.Value, 9);
        Assert.Equal(290.0 - 0.2 * 140, cube.Query([m["Adjusted"]], filter: scenario == "France crash").Column("Adjusted").GetDouble(0)!.Value, 9);

        var wrong = Assert.Throws<ArgumentException>(() => simulation.Add("Bad", "France"));
        Assert.Contains("has 2 values after the scenario (Country, Country parameter); got 1", wrong.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NullIsAWildcardAndTheRowWhoseFirstWildcardComesLastWins()
    {
        var (session, cube) = Build();
        using var _ = session;
        var (l, m) = (cube.Levels, cube.Measures);
        var simulation = cube.CreateParameterSimulation("Stress", new Dictionary<string, double?> { ["Shock"] = null, ["Floor"] = 0 }, [l["Country"], l["City"]]);
        simulation.Add("S", null, null, 0.9, 1)           // everywhere
            .Add("S", "France", null, 0.5, null)          // France, any city: first wildcard at City
            .Add("S", null, "Paris", 0.6, 2)              // any country, Paris: first wildcard at Country, so France's row wins there
            .Add("S", "Germany", "Munich", 0.7, 3);       // exact
        var result = cube.Query([m["Shock"], m["Floor"]], levels: [simulation.ScenarioLevel, l["City"]]);
        var expected = new Dictionary<(string, string), (double?, double?)>
        {
            [("Base", "Paris")] = (null, 0),
            [("Base", "Lyon")] = (null, 0),
            [("Base", "Berlin")] = (null, 0),
            [("Base", "Munich")] = (null, 0),
            [("Base", "Rome")] = (null, 0),
            [("S", "Paris")] = (0.5, 0),
            [("S", "Lyon")] = (0.5, 0),
            [("S", "Berlin")] = (0.9, 1),
            [("S", "Munich")] = (0.7, 3),
            [("S", "Rome")] = (0.9, 1),
        };
        Assert.Equal(expected.Count, result.RowCount);
        for (var r = 0; r < result.RowCount; r++)
        {
            var key = ((string)result[r, "Scenario"]!, (string)result[r, "City"]!);
            Assert.Equal(expected[key], (result.Column("Shock").GetDouble(r), result.Column("Floor").GetDouble(r)));   // a null value in a row falls back to the default
        }
        // Above the simulated levels, only wildcard rows apply.
        var byCountry = cube.Query([m["Shock"]], levels: [simulation.ScenarioLevel, l["Country"]], filter: simulation.ScenarioLevel == "S");
        Assert.Equal([0.5, 0.9, 0.9], byCountry.Column("Shock").Values.Cast<double?>());
    }

    [Fact]
    public void MdxSeesTheScenarios()
    {
        var (session, cube) = Build();
        using var _ = session;
        var (l, m) = (cube.Levels, cube.Measures);
        var simulation = cube.CreateParameterSimulation("Country simulation", new Dictionary<string, double?> { ["Country parameter"] = 1.0 }, [l["Country"]]);
        simulation.Add("France crash", "France", 0.8);
        m["Adjusted"] = Agg.Sum(m["Amount"] * m["Country parameter"], Scope.Origin(l["Country"]));
        var cells = session.QueryMdx("SELECT {[Measures].[Adjusted]} ON 0, [Country simulation].[Country simulation].[Scenario].Members ON 1 FROM [Sales]").CellSet!;
        Assert.Equal([290.0, 262.0], cells.Cells.Select(c => Math.Round((double)c.Value!, 9)));
        var sliced = session.QueryMdx("SELECT {[Measures].[Adjusted]} ON 0 FROM [Sales]").CellSet!;
        Assert.Equal(290.0, (double)sliced.Cells[0].Value!, 9);   // the base scenario by default
    }
}
