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
            if (name == BaseScenario || _branches.ContainsKey(name)) throw new ArgumentException($"Scenario '{name}' exists already.", nameof(name));
            _branches = _branches.Add(name, VersionOf(origin));
        }
        _log.Write($"scenario '{name}' created from '{origin}'");
        foreach (var cube in _cubes.Values) cube.OnScenariosChanged();
    }

    /// <summary>Deletes a scenario; what only it referenced is freed once no query reads it.</summary>
    public void DeleteScenario(string name)
    {
        if (name == BaseScenario) throw new ArgumentException("The base scenario cannot be deleted.", nameof(name));
        lock (_writeLock)
        {
            if (!_branches.ContainsKey(name)) throw new KeyNotFoundException($"Session '{Name}' has no scenario '{name}'. Its scenarios: {string.Join(", ", Scenarios)}.");
            _branches = _branches.Remove(name);
        }
        _log.Write($"scenario '{name}' deleted");
        foreach (var cube in _cubes.Values) cube.OnScenariosChanged();
    }
}
