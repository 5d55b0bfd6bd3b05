namespace Cuboid;

public sealed partial class Session
{
    /// <summary>The scenarios: <see cref="BaseScenario"/> first, then the others by name.</summary>
    public IReadOnlyList<string> Scenarios => [BaseScenario, .. _branches.Keys.Order(StringComparer.Ordinal)];

    /// <summary>
    /// Branches the data of <paramref name="origin"/> into a new scenario (what-if). It shares
    /// every table version with its origin — creating it copies nothing — and its changes
    /// (<c>table.Scenarios[name].Load(…)</c>) make new versions of what they touch only.
    /// </summary>
    public void CreateScenario(string name, string origin = BaseScenario)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        lock (_writeLock)
        {
            ThrowIfClosed();
            if (_transaction is not null) throw new InvalidOperationException($"Scenario '{name}' cannot be created inside a transaction: commit or dispose it first.");
            if (name == BaseScenario || _branches.ContainsKey(name)) throw new ArgumentException($"Scenario '{name}' exists already.", nameof(name));
            _branches = _branches.Add(name, VersionOf(origin));
        }
        EpochTable().Append([[name]]);
        _log.Write($"scenario '{name}' created from '{origin}'");
    }

    /// <summary>
    /// The table of scenario names the cubes' Epoch hierarchies read (made with the first scenario):
    /// a parameter table, joined to no fact — the branches' own data is what differs.
    /// </summary>
    internal Table EpochTable()
    {
        lock (_writeLock)
        {
            if (_epochTable is not null) return _epochTable;
            _epochTable = CreateTable(EpochTableName, new Dictionary<string, DataType> { ["Branch"] = DataType.String }, keys: ["Branch"]);
            _epochTable.Append([[BaseScenario]]);
            foreach (var cube in _cubes.Values) cube.AddEpoch(_epochTable);
            return _epochTable;
        }
    }

    private Table? _epochTable;

    /// <summary>The name of the table of scenarios.</summary>
    internal const string EpochTableName = "Epoch";

    /// <summary>Deletes a scenario; what only it referenced is freed once no query reads it.</summary>
    public void DeleteScenario(string name)
    {
        if (name == BaseScenario) throw new ArgumentException("The base scenario cannot be deleted.", nameof(name));
        lock (_writeLock)
        {
            if (_transaction is not null) throw new InvalidOperationException($"Scenario '{name}' cannot be deleted inside a transaction: commit or dispose it first.");
            if (!_branches.ContainsKey(name)) throw new KeyNotFoundException($"Session '{Name}' has no scenario '{name}'. Its scenarios: {string.Join(", ", Scenarios)}.");
            _branches = _branches.Remove(name);
        }
        EpochTable().Drop(EpochTable()["Branch"] == name);
        _log.Write($"scenario '{name}' deleted");
    }
}
