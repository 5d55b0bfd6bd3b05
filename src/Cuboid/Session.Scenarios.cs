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
        if (Ambient is not null) throw new InvalidOperationException($"Scenario '{name}' cannot be created inside a transaction: commit or dispose it first.");
        EnterWriter();   // after any open transaction: what it publishes on its scenario is not lost
        try
        {
            lock (_writeLock)
            {
                ThrowIfClosed();
                if (name == BaseScenario || _branches.ContainsKey(name)) throw new ArgumentException($"Scenario '{name}' exists already.", nameof(name));
                _branches = _branches.Add(name, VersionOf(origin));
            }
        }
        finally
        {
            _writer.Release();
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
        // Its own lock, not the dictionaries': filling the table is a commit, and publishing takes that one.
        lock (_epochLock)
        {
            if (_epochTable is not null) return _epochTable;
            var table = CreateTable(EpochTableName, new Dictionary<string, DataType> { ["Branch"] = DataType.String }, keys: ["Branch"]);
            table.Append([[BaseScenario]]);
            lock (_writeLock)
            {
                foreach (var cube in _cubes.Values) cube.AddEpoch(table);
                return _epochTable = table;
            }
        }
    }

    private readonly Lock _epochLock = new();
    private Table? _epochTable;

    /// <summary>The name of the table of scenarios.</summary>
    internal const string EpochTableName = "Epoch";

    /// <summary>Deletes a scenario; what only it referenced is freed once no query reads it.</summary>
    public void DeleteScenario(string name)
    {
        if (name == BaseScenario) throw new ArgumentException("The base scenario cannot be deleted.", nameof(name));
        if (Ambient is not null) throw new InvalidOperationException($"Scenario '{name}' cannot be deleted inside a transaction: commit or dispose it first.");
        EnterWriter();
        try
        {
            lock (_writeLock)
            {
                if (!_branches.ContainsKey(name)) throw new KeyNotFoundException($"Session '{Name}' has no scenario '{name}'. Its scenarios: {string.Join(", ", Scenarios)}.");
                _branches = _branches.Remove(name);
            }
        }
        finally
        {
            _writer.Release();
        }
        EpochTable().Drop(EpochTable()["Branch"] == name);
        _log.Write($"scenario '{name}' deleted");
    }
}
