namespace Cuboid;

/// <summary>A table's scenarios: <c>table.Scenarios["What if"].Load(rows)</c> changes that branch only.</summary>
public sealed class TableScenarios
{
    private readonly Table _table;

    internal TableScenarios(Table table) => _table = table;

    /// <summary>The table as seen and changed in scenario <paramref name="scenario"/> (which must exist).</summary>
    public TableScenario this[string scenario]
    {
        get
        {
            _table.Session.VersionOf(scenario);   // fails naming the scenarios when it does not exist
            return new TableScenario(_table, scenario);
        }
    }
}

/// <summary>One table in one scenario: loads, appends and drops that change that scenario only.</summary>
public sealed class TableScenario
{
    internal TableScenario(Table table, string scenario)
    {
        Table = table;
        Scenario = scenario;
    }

    /// <summary>The table.</summary>
    public Table Table { get; }

    /// <summary>The scenario.</summary>
    public string Scenario { get; }

    /// <summary>Rows in the scenario.</summary>
    public long RowCount => Table.Session.VersionOf(Scenario)[Table.Store].RowCount;

    /// <summary>See <see cref="Cuboid.Table.Load{T}(IEnumerable{T}, ErrorHandling)"/>.</summary>
    public LoadReport Load<T>(IEnumerable<T> rows, ErrorHandling errorHandling = ErrorHandling.Fail) => Table.Load(rows, errorHandling, Scenario);

    /// <summary>See <see cref="Cuboid.Table.Load(CsvLoad)"/>.</summary>
    public LoadReport Load(CsvLoad csv) => Table.Load(csv, Scenario);

    /// <summary>See <see cref="Cuboid.Table.Append(object?[][])"/>.</summary>
    public LoadReport Append(params object?[][] rows) => Table.Append(rows, Scenario);

    /// <summary>See <see cref="Cuboid.Table.Drop(Condition?)"/>.</summary>
    public long Drop(Condition? condition = null) => Table.Drop(condition, Scenario);
}
