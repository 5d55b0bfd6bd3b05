using System.Collections;
using Cuboid.Model;

namespace Cuboid;

/// <summary>The hierarchies of a cube: <c>cube.Hierarchies["City"]</c>, <c>Set</c>, <c>Remove</c>.</summary>
public sealed class HierarchyCollection : IEnumerable<Hierarchy>
{
    private readonly Cube _cube;
    private readonly List<Hierarchy> _items = [];

    internal HierarchyCollection(Cube cube) => _cube = cube;

    /// <summary>The number of hierarchies.</summary>
    public int Count => _items.Count;

    /// <summary>The hierarchy named <paramref name="name"/>; an error when unknown or when two dimensions have one of that name.</summary>
    public Hierarchy this[string name]
    {
        get
        {
            var found = _items.Where(h => h.Name == name).ToList();
            return found.Count switch
            {
                1 => found[0],
                0 => throw new KeyNotFoundException($"Cube '{_cube.Name}' has no hierarchy '{name}'. Its hierarchies: {string.Join(", ", _items.Select(h => h.UniqueName))}."),
                _ => throw new ArgumentException($"'{name}' is ambiguous in cube '{_cube.Name}': {string.Join(", ", found.Select(h => h.UniqueName))}. Use (dimension, hierarchy)."),
            };
        }
    }

    /// <summary>The hierarchy <paramref name="key"/> = (dimension, hierarchy).</summary>
    public Hierarchy this[(string Dimension, string Hierarchy) key] =>
        _items.FirstOrDefault(h => h.Dimension == key.Dimension && h.Name == key.Hierarchy)
        ?? throw new KeyNotFoundException($"Cube '{_cube.Name}' has no hierarchy [{key.Dimension}].[{key.Hierarchy}].");

    /// <summary>True when a hierarchy of that name exists (in any dimension).</summary>
    public bool Contains(string name) => _items.Any(h => h.Name == name);

    /// <summary>True when <paramref name="hierarchy"/> is one of the cube's (not removed or replaced since).</summary>
    internal bool Contains(Hierarchy hierarchy)
    {
        lock (_items) return _items.Contains(hierarchy);
    }

    /// <summary>
    /// Creates or replaces the hierarchy <paramref name="name"/> with one level per column, top
    /// first, named after the columns. Its dimension is the first column's table, unless the
    /// replaced hierarchy had one.
    /// </summary>
    public Hierarchy Set(string name, params Column[] columns)
    {
        ArgumentOutOfRangeException.ThrowIfZero(columns.Length);
        return Set(name, [.. columns.Select(c => new Level(c.Name, new ColumnLevelSource(c)))], null);
    }

    /// <summary>Creates or replaces a hierarchy from levels of other hierarchies (their columns, names and orders).</summary>
    public Hierarchy Set(string name, params Level[] levels)
    {
        ArgumentOutOfRangeException.ThrowIfZero(levels.Length);
        return Set(name, [.. levels.Select(l => new Level(l.Name, l.Source) { Order = l.Order })], null);
    }

    /// <summary>Creates or replaces a hierarchy whose levels have their own names: <c>Set("Geo", ("Country", t["country_code"]), ("City", t["city"]))</c>.</summary>
    public Hierarchy Set(string name, params (string Level, Column Column)[] levels) =>
        Set(name, [.. levels.Select(l => new Level(l.Level, new ColumnLevelSource(l.Column)))], null);

    /// <summary>Creates or replaces the hierarchy (dimension, name) with named levels.</summary>
    public Hierarchy Set((string Dimension, string Hierarchy) key, params (string Level, Column Column)[] levels) =>
        Set(key.Hierarchy, [.. levels.Select(l => new Level(l.Level, new ColumnLevelSource(l.Column)))], key.Dimension);

    /// <summary>Creates or replaces the hierarchy (dimension, name).</summary>
    public Hierarchy Set((string Dimension, string Hierarchy) key, params Column[] columns) =>
        Set(key.Hierarchy, [.. columns.Select(c => new Level(c.Name, new ColumnLevelSource(c)))], key.Dimension);

    /// <summary>Deletes the hierarchy named <paramref name="name"/>.</summary>
    public void Remove(string name)
    {
        var hierarchy = this[name];
        lock (_items) _items.Remove(hierarchy);
        _cube.OnModelChanged();
    }

    internal Hierarchy Set(string name, List<Level> levels, string? dimension)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        foreach (var level in levels.Where(l => !_cube.IsParameterTable(l.Column.Table))) _cube.CheckReachable(level.Column, $"level '{level.Name}'");
        if (levels.Select(l => _cube.IsParameterTable(l.Column.Table)).Distinct().Count() > 1 || (_cube.IsParameterTable(levels[0].Column.Table) && levels.Any(l => l.Column.Table != levels[0].Column.Table)))
        {
            throw new ArgumentException($"Hierarchy '{name}' mixes a parameter table with other tables: a parameter hierarchy's levels all come from its own table.", nameof(levels));
        }
        var duplicate = levels.GroupBy(l => l.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"Hierarchy '{name}' would have two levels named '{duplicate.Key}'.", nameof(levels));
        lock (_items)
        {
            var existing = _items.FindIndex(h => h.Name == name && (dimension is null || h.Dimension == dimension));
            var dim = dimension ?? (existing >= 0 ? _items[existing].Dimension : levels[0].Column.Table.Name);
            var hierarchy = new Hierarchy(_cube, dim, name, levels);
            if (existing >= 0) _items[existing] = hierarchy;
            else _items.Add(hierarchy);
            _cube.OnModelChanged();
            return hierarchy;
        }
    }

    internal void Rename(Hierarchy hierarchy, string dimension, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dimension);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        lock (_items)
        {
            if (_items.Any(h => h != hierarchy && h.Dimension == dimension && h.Name == name))
            {
                throw new ArgumentException($"Cube '{_cube.Name}' already has a hierarchy [{dimension}].[{name}].");
            }
            hierarchy.SetNames(dimension, name);
        }
        // Cached cells are keyed by unique names: after swapping two names a key would find the other's cells.
        _cube.OnModelChanged();
    }

    /// <inheritdoc/>
    public IEnumerator<Hierarchy> GetEnumerator()
    {
        lock (_items) return _items.ToList().GetEnumerator();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>The levels of a cube by name: <c>cube.Levels["City"]</c> or <c>cube.Levels[("Geo", "Geo", "City")]</c>.</summary>
public sealed class LevelCollection : IEnumerable<Level>
{
    private readonly Cube _cube;

    internal LevelCollection(Cube cube) => _cube = cube;

    /// <summary>The level named <paramref name="name"/>; an error when unknown or ambiguous.</summary>
    public Level this[string name]
    {
        get
        {
            var found = this.Where(l => l.Name == name).ToList();
            return found.Count switch
            {
                1 => found[0],
                0 => throw new KeyNotFoundException($"Cube '{_cube.Name}' has no level '{name}'. Its levels: {string.Join(", ", this.Select(l => l.Name).Distinct())}."),
                _ => throw new ArgumentException($"The level name '{name}' is ambiguous in cube '{_cube.Name}': {string.Join(", ", found.Select(l => l.UniqueName))}. Use (dimension, hierarchy, level)."),
            };
        }
    }

    /// <summary>The level (dimension, hierarchy, level).</summary>
    public Level this[(string Dimension, string Hierarchy, string Level) key] =>
        _cube.Hierarchies[(key.Dimension, key.Hierarchy)][key.Level];

    /// <inheritdoc/>
    public IEnumerator<Level> GetEnumerator() => _cube.Hierarchies.SelectMany(h => h.Levels).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>The measures of a cube: get with <c>m["Name"]</c>, define with <c>m["Name"] = Agg.Sum(...)</c>.</summary>
public sealed class MeasureCollection : IEnumerable<Measure>
{
    private readonly Cube _cube;
    private readonly List<Measure> _items = [];

    internal MeasureCollection(Cube cube) => _cube = cube;

    /// <summary>The number of measures.</summary>
    public int Count => _items.Count;

    /// <summary>Gets a measure, or defines (replaces) one.</summary>
    public Measure this[string name]
    {
        get
        {
            lock (_items)
            {
                return _items.FirstOrDefault(m => m.Name == name)
                    ?? throw new KeyNotFoundException($"Cube '{_cube.Name}' has no measure '{name}'. Its measures: {string.Join(", ", _items.Select(m => m.Name))}.");
            }
        }
        set => Set(name, value);
    }

    /// <summary>True when a measure of that name exists.</summary>
    public bool Contains(string name)
    {
        lock (_items) return _items.Any(m => m.Name == name);
    }

    /// <summary>Defines (or replaces) the measure <paramref name="name"/>.</summary>
    public Measure Set(string name, Measure definition)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.Depth >= MeasureDefinition.MaxDepth)
        {
            throw new ArgumentException($"Measure '{name}' is built on other measures and operations more than {MeasureDefinition.MaxDepth} levels deep.", nameof(definition));
        }
        _cube.CheckDefinition(name, definition.AsOperand);
        var measure = new Measure(_cube, name, definition);
        lock (_items)
        {
            var existing = _items.FindIndex(m => m.Name == name);
            if (existing >= 0) _items[existing] = measure;
            else _items.Add(measure);
        }
        _cube.OnModelChanged();
        return measure;
    }

    /// <summary>Deletes the measure <paramref name="name"/>.</summary>
    public void Remove(string name)
    {
        lock (_items)
        {
            if (_items.RemoveAll(m => m.Name == name) == 0) throw new KeyNotFoundException($"Cube '{_cube.Name}' has no measure '{name}'.");
        }
        _cube.OnModelChanged();
    }

    /// <inheritdoc/>
    public IEnumerator<Measure> GetEnumerator()
    {
        lock (_items) return _items.ToList().GetEnumerator();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
