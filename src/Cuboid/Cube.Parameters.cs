namespace Cuboid;

public sealed partial class Cube
{
    private readonly HashSet<Table> _parameterTables = [];

    internal bool IsParameterTable(Table table)
    {
        lock (_lock) return _parameterTables.Contains(table);
    }

    /// <summary>
    /// A single-level hierarchy of the given members, joined to no fact (Atoti's
    /// <c>create_parameter_hierarchy_from_members</c>): every fact counts under each member, so a
    /// measure that does not read the member has the same value on each, and measures can use the
    /// member (<see cref="Fn.MemberValue"/>, the index measure, an array indexed by it). Members keep
    /// the given order; <paramref name="indexMeasureName"/> names a measure giving each member's position (0-based).
    /// The members are stored in a table of the session named <paramref name="name"/>.
    /// </summary>
    public Hierarchy CreateParameterHierarchyFromMembers(string name, IEnumerable<object> members, DataType? dataType = null, string? indexMeasureName = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var list = members.ToList();
        if (list.Count == 0) throw new ArgumentException($"Parameter hierarchy '{name}' needs at least one member.", nameof(members));
        if (list.Any(m => m is null)) throw new ArgumentException($"Parameter hierarchy '{name}' has a null member.", nameof(members));
        var duplicate = list.GroupBy(m => m).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"Parameter hierarchy '{name}' lists member '{duplicate.Key}' twice.", nameof(members));
        var type = dataType ?? TypeOf(list[0], name);
        // Typed as the column, so that the level's custom order (the given order) compares equal values.
        list = [.. list.Select(m => m.GetType() == type.ClrType() || m is not IConvertible ? m : Convert.ChangeType(m, type.ClrType(), System.Globalization.CultureInfo.InvariantCulture))];
        var table = Session.CreateTable(name, new Dictionary<string, DataType> { [name] = type }, keys: [name]);
        table.Append([.. list.Select(m => new[] { m })]);
        lock (_lock) _parameterTables.Add(table);
        var hierarchy = Hierarchies.Set((name, name), (name, table[name]));
        hierarchy.Levels[0].Order = LevelOrder.Custom([.. list]);
        if (indexMeasureName is not null) Measures[indexMeasureName] = new Measure(new ParameterIndexMeasure(hierarchy.Levels[0]));
        return hierarchy;
    }

    /// <summary>A parameter hierarchy whose members are the distinct values <paramref name="column"/> holds now, in their natural order.</summary>
    public Hierarchy CreateParameterHierarchyFromColumn(string name, Column column, string? indexMeasureName = null)
    {
        var values = column.Table.Query([column]).Column(column.Name).Values.Cast<object?>().Where(v => v is not null).Distinct().Order().Cast<object>();
        return CreateParameterHierarchyFromMembers(name, values, column.DataType, indexMeasureName);
    }

    /// <summary>
    /// Creates a parameter simulation (see <see cref="ParameterSimulation"/>): a table named
    /// <paramref name="name"/>, a slicing hierarchy of its scenarios with <paramref name="baseScenario"/>
    /// first, and one measure per entry of <paramref name="parameters"/> (its default value).
    /// </summary>
    public ParameterSimulation CreateParameterSimulation(string name, IReadOnlyDictionary<string, double?> parameters, IReadOnlyList<Level>? levels = null, string baseScenario = "Base")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (parameters.Count == 0) throw new ArgumentException($"Simulation '{name}' needs at least one parameter measure.", nameof(parameters));
        levels ??= [];
        var clash = levels.Select(l => l.Name).Concat(parameters.Keys).Append("Scenario").GroupBy(n => n).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null) throw new ArgumentException($"Simulation '{name}' would have two columns named '{clash.Key}' (levels, parameters and Scenario share the table).", nameof(parameters));
        foreach (var existing in parameters.Keys.Where(Measures.Contains)) throw new ArgumentException($"Cube '{Name}' already has a measure named '{existing}'.", nameof(parameters));
        var types = new Dictionary<string, DataType> { ["Scenario"] = DataType.String };
        foreach (var level in levels) types[level.Name] = level.DataType;
        foreach (var parameter in parameters.Keys) types[parameter] = DataType.Double;
        // No keys: a null coordinate (a wildcard) cannot be a key; ParameterSimulation.Add replaces rows itself.
        var table = Session.CreateTable(name, types, defaultValues: levels.ToDictionary(l => l.Name, _ => (object?)null));
        table.Append([[baseScenario, .. levels.Select(_ => (object?)null), .. parameters.Values.Select(v => (object?)v)]]);
        lock (_lock) _parameterTables.Add(table);
        var hierarchy = Hierarchies.Set((name, name), ("Scenario", table["Scenario"]));
        hierarchy.Levels[0].Order = LevelOrder.Custom(baseScenario);
        hierarchy.Slicing = true;
        var simulation = new ParameterSimulation(this, name, table, levels, [.. parameters.Select(p => (p.Key, p.Value))], baseScenario);
        foreach (var (parameter, fallback) in parameters) Measures[parameter] = new Measure(new SimulationMeasure(simulation, parameter, fallback));
        return simulation;
    }

    /// <summary>The Epoch hierarchy (level Branch): the scenarios, side by side in a query. Null until the session has a scenario.</summary>
    public Hierarchy? EpochHierarchy { get; private set; }

    /// <summary>Adds the slicing Epoch hierarchy over the session's table of scenarios (the base first and by default).</summary>
    internal void AddEpoch(Table epochs)
    {
        if (EpochHierarchy is not null) return;
        lock (_lock) _parameterTables.Add(epochs);
        var hierarchy = Hierarchies.Set(("Epoch", "Epoch"), ("Branch", epochs["Branch"]));
        hierarchy.Levels[0].Order = LevelOrder.Custom(Session.BaseScenario);
        hierarchy.Slicing = true;
        EpochHierarchy = hierarchy;
    }

    private static DataType TypeOf(object member, string name) => member switch
    {
        int => DataType.Int,
        long => DataType.Long,
        float => DataType.Float,
        double => DataType.Double,
        string => DataType.String,
        bool => DataType.Boolean,
        DateOnly => DataType.LocalDate,
        DateTime => DataType.LocalDateTime,
        _ => throw new ArgumentException($"Parameter hierarchy '{name}': members of type {member.GetType().Name} are not supported; give a DataType."),
    };
}
