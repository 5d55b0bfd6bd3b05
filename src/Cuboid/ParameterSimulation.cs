namespace Cuboid;

/// <summary>
/// A parameter simulation (Atoti's <c>create_parameter_simulation</c>): a table of scenarios, a
/// slicing hierarchy of them (the base scenario first and by default), and one measure per
/// parameter whose value at a cell is read from the row of the cell's scenario that matches the
/// cell's members on the simulated levels. A null level value in a row is a wildcard; when several
/// rows match, the one whose first wildcard comes last wins (a row without wildcard wins over all).
/// Where no row matches, or the row's value is null, the parameter's default applies.
/// </summary>
public sealed class ParameterSimulation
{
    internal ParameterSimulation(Cube cube, string name, Table table, IReadOnlyList<Level> levels, IReadOnlyList<(string Name, double? Default)> parameters, string baseScenario)
    {
        Cube = cube;
        Name = name;
        Table = table;
        Levels = levels;
        Parameters = parameters;
        BaseScenario = baseScenario;
    }

    /// <summary>The cube the simulation belongs to.</summary>
    public Cube Cube { get; }

    /// <summary>The simulation's name: its table's and its hierarchy's.</summary>
    public string Name { get; }

    /// <summary>The scenarios' rows: Scenario, the simulated levels, then one column per parameter.</summary>
    public Table Table { get; }

    /// <summary>The levels simulated on.</summary>
    public IReadOnlyList<Level> Levels { get; }

    /// <summary>The parameter measures and their defaults.</summary>
    public IReadOnlyList<(string Name, double? Default)> Parameters { get; }

    /// <summary>The scenario every query sees unless it asks for another.</summary>
    public string BaseScenario { get; }

    /// <summary>The scenario level (for queries and filters).</summary>
    public Level ScenarioLevel => Cube.Hierarchies[(Name, Name)].Levels[0];

    /// <summary>
    /// Adds (or replaces) a row: <c>Add("France crash", "France", 0.8)</c> — the scenario, a value (or null, any
    /// member) per simulated level, then a value per parameter. A new scenario becomes a member of the hierarchy.
    /// </summary>
    public ParameterSimulation Add(string scenario, params object?[] values)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scenario);
        var expected = Levels.Count + Parameters.Count;
        if (values.Length != expected)
        {
            throw new ArgumentException($"A row of simulation '{Name}' has {expected} values after the scenario ({string.Join(", ", Levels.Select(l => l.Name).Concat(Parameters.Select(p => p.Name)))}); got {values.Length}.", nameof(values));
        }
        // The row with the same scenario and coordinates (wildcards included) is replaced.
        var same = Levels.Select((level, i) => values[i] is null ? Table[level.Name].IsNull() : Table[level.Name] == values[i])
            .Aggregate(Table["Scenario"] == scenario, (all, condition) => all & condition);
        Table.Drop(same);
        Table.Append([[scenario, .. values]]);
        return this;
    }
}
