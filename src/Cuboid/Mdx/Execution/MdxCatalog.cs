using Cuboid.Model;

namespace Cuboid.Mdx.Execution;

/// <summary>
/// The cube as one MDX query sees it: its hierarchies (measures first) over one cube snapshot,
/// and name lookup for dimensions and hierarchies. Mondrian's conventions: a dimension's default
/// hierarchy is the one with the dimension's name (or its only one); <c>[Dim.Hier]</c> and
/// <c>[Dim].[Hier]</c> both name a hierarchy.
/// </summary>
internal sealed class MdxCatalog
{
    public MdxCatalog(Cube cube, CubeSnapshot snapshot, string scenario = Session.BaseScenario)
    {
        Cube = cube;
        Snapshot = snapshot;
        Scenario = scenario;
        cube.PrepareAll(snapshot);   // members are navigated from the hierarchy indexes, which must be complete for this snapshot
        Measures = new MdxHierarchy(0, [.. cube.Measures.Where(m => m.Visible)]);
        var hierarchies = new List<MdxHierarchy> { Measures };
        foreach (var h in cube.Hierarchies) hierarchies.Add(new MdxHierarchy(hierarchies.Count, h, cube.IndexOf(h), snapshot));
        Hierarchies = hierarchies;
        // The Epoch hierarchy's default member is the scenario the query reads.
        if (hierarchies.FirstOrDefault(h => h.Model is not null && h.Model == cube.EpochHierarchy) is { } epoch)
        {
            epoch.DefaultOverride = epoch.MembersAt(0).FirstOrDefault(m => m.Name == scenario);
        }
    }

    /// <summary>The model this catalog was built from (see <see cref="MdxCatalogPool.Stamp"/>).</summary>
    public IReadOnlyList<object?> Stamp { get; init; } = [];

    /// <summary>Forgets what the last query added (its WITH members), before another query uses the catalog.</summary>
    public void Reset()
    {
        foreach (var hierarchy in Hierarchies) hierarchy.CalculatedMembers.Clear();
    }

    /// <summary>The scenario whose data the query reads.</summary>
    public string Scenario { get; }

    public Cube Cube { get; }
    public CubeSnapshot Snapshot { get; }
    public MdxHierarchy Measures { get; }
    public IReadOnlyList<MdxHierarchy> Hierarchies { get; }

    public IEnumerable<string> Dimensions => Hierarchies.Select(h => h.Dimension).Distinct(StringComparer.OrdinalIgnoreCase);

    public bool IsDimension(string name) => Hierarchies.Any(h => string.Equals(h.Dimension, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The default hierarchy of dimension <paramref name="dimension"/>.</summary>
    public MdxHierarchy? DefaultHierarchy(string dimension)
    {
        var inDimension = Hierarchies.Where(h => string.Equals(h.Dimension, dimension, StringComparison.OrdinalIgnoreCase)).ToList();
        return inDimension.FirstOrDefault(h => string.Equals(h.Name, h.Dimension, StringComparison.OrdinalIgnoreCase))
            ?? (inDimension.Count >= 1 ? inDimension[0] : null);
    }

    /// <summary>A hierarchy by (dimension, name); by name alone it must be unique.</summary>
    public MdxHierarchy? Hierarchy(string? dimension, string name) =>
        Hierarchies.FirstOrDefault(h => (dimension is null || string.Equals(h.Dimension, dimension, StringComparison.OrdinalIgnoreCase))
            && string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Levels named <paramref name="name"/> in any hierarchy (for <c>[Store Name]</c> and <c>[Customers].[Name]</c>).</summary>
    public IEnumerable<MdxLevel> LevelsNamed(string name, MdxHierarchy? within = null) =>
        (within is null ? Hierarchies : [within]).SelectMany(h => h.Levels).Where(l => string.Equals(l.Name, name, StringComparison.OrdinalIgnoreCase));
}
