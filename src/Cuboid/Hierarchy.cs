namespace Cuboid;

/// <summary>
/// A hierarchy of a cube: ordered levels (Year → Month → Day), in a dimension. The All member
/// on top aggregates everything, unless the hierarchy is slicing: then it has no All member and
/// its default member is its first one.
/// </summary>
public sealed class Hierarchy
{
    private readonly List<Level> _levels;
    private string _name;
    private string _dimension;
    private bool _slicing;
    private string _allMemberName = "AllMember";

    internal Hierarchy(Cube cube, string dimension, string name, IEnumerable<Level> levels)
    {
        Cube = cube;
        _dimension = dimension;
        _name = name;
        _levels = [.. levels];
        foreach (var level in _levels) level.Hierarchy = this;
    }

    /// <summary>The cube the hierarchy belongs to.</summary>
    public Cube Cube { get; }

    /// <summary>The hierarchy's name; setting it renames the hierarchy.</summary>
    public string Name
    {
        get => _name;
        set => Cube.Hierarchies.Rename(this, Dimension, value);
    }

    /// <summary>The dimension; setting it moves the hierarchy to another (new or existing) dimension.</summary>
    public string Dimension
    {
        get => _dimension;
        set => Cube.Hierarchies.Rename(this, value, Name);
    }

    /// <summary>The levels, top first.</summary>
    public IReadOnlyList<Level> Levels => _levels;

    /// <summary>A level by name.</summary>
    public Level this[string level] =>
        _levels.FirstOrDefault(l => l.Name == level)
        ?? throw new KeyNotFoundException($"Hierarchy '{Name}' has no level '{level}'. Its levels: {string.Join(", ", _levels.Select(l => l.Name))}.");

    /// <summary>True for a hierarchy without All member (Atoti's slicing hierarchies).</summary>
    public bool Slicing
    {
        get => _slicing;
        set { _slicing = value; Cube.OnModelChanged(); }
    }

    /// <summary>The name of the All member (Atoti's "AllMember" by default).</summary>
    public string AllMemberName
    {
        get => _allMemberName;
        set { ArgumentException.ThrowIfNullOrWhiteSpace(value); _allMemberName = value; }
    }

    /// <summary>Shown in the web app when true.</summary>
    public bool Visible { get; set; } = true;

    /// <summary>The folder the web app shows the hierarchy in.</summary>
    public string? Folder { get; set; }

    /// <summary>
    /// The roles that may see the hierarchy (<c>cube.Hierarchies["Customer"].Roles = ["ROLE_HR"]</c>); everyone when empty,
    /// admins always. For the others it does not exist: absent from discovery, an unknown name in MDX. Its members still
    /// count in every total, as SSAS's hidden attributes do. Changes apply to the next query.
    /// </summary>
    public IReadOnlyList<string> Roles { get; set; } = [];

    /// <summary>The MDX unique name, e.g. <c>[Geography].[City]</c>.</summary>
    public string UniqueName => $"[{Dimension}].[{Name}]";

    internal int IndexOf(Level level) => _levels.IndexOf(level);

    internal void SetNames(string dimension, string name)
    {
        _dimension = dimension;
        _name = name;
    }

    /// <inheritdoc/>
    public override string ToString() => UniqueName;
}
