using Cuboid.Model;

namespace Cuboid;

public sealed partial class Session
{
    private readonly Dictionary<string, Cube> _cubes = new(StringComparer.Ordinal);

    /// <summary>The session's cubes by name.</summary>
    public IReadOnlyDictionary<string, Cube> Cubes
    {
        get { lock (_writeLock) return new Dictionary<string, Cube>(_cubes); }
    }

    /// <summary>
    /// Creates a cube on <paramref name="factTable"/> (named after it by default). See
    /// <see cref="CubeMode"/> for what each mode creates.
    /// </summary>
    public Cube CreateCube(Table factTable, string? name = null, CubeMode mode = CubeMode.Auto)
    {
        ArgumentNullException.ThrowIfNull(factTable);
        if (factTable.Session != this) throw new ArgumentException($"Table '{factTable.Name}' belongs to another session.", nameof(factTable));
        name ??= factTable.Name;
        var cube = new Cube(this, factTable, name);
        CubeModel.Populate(cube, mode);
        lock (_writeLock)
        {
            ThrowIfClosed();
            if (_cubes.ContainsKey(name)) throw new ArgumentException($"The session already has a cube named '{name}'.", nameof(name));
            cube.Refresh(_current);
            _cubes.Add(name, cube);
            if (_epochTable is not null) cube.AddEpoch(_epochTable);
        }
        return cube;
    }

    /// <summary>Joins changed: cubes rebuild their join graphs.</summary>
    internal void OnSchemaChanged()
    {
        lock (_writeLock)
        {
            foreach (var cube in _cubes.Values) cube.OnSchemaChanged(_current);
        }
    }
}
