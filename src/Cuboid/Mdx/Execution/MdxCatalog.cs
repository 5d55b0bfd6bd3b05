using Cuboid.Aggregation;
using Cuboid.Model;

namespace Cuboid.Mdx.Execution;

/// <summary>
/// The cube as one MDX query sees it: its hierarchies (measures first) over one cube snapshot,
/// and name lookup for dimensions and hierarchies. Mondrian's conventions: a dimension's default
/// hierarchy is the one with the dimension's name (or its only one); <c>[Dim.Hier]</c> and
/// <c>[Dim].[Hier]</c> both name a hierarchy. Built for one user's <see cref="DataAccess"/>: the
/// measures and hierarchies hidden from them cannot be named, and a restricted user's levels list
/// only the members with facts they may see.
/// </summary>
internal sealed class MdxCatalog
{
    public MdxCatalog(Cube cube, CubeSnapshot snapshot, string scenario = Session.BaseScenario, DataAccess? access = null)
    {
        Cube = cube;
        Snapshot = snapshot;
        Scenario = scenario;
        Access = access ?? DataAccess.Everything;
        cube.PrepareAll(snapshot);   // members are navigated from the hierarchy indexes, which must be complete for this snapshot
        Measures = new MdxHierarchy(0, [.. cube.Measures.Where(m => m.Visible && Access.Sees(m))]);
        var hierarchies = new List<MdxHierarchy> { Measures };
        var visible = Visible = Access.Restriction is { } restriction ? new VisibleMembers(cube, snapshot, restriction, scenario) : null;
        foreach (var h in cube.Hierarchies)
        {
            // A hidden hierarchy stays in every context (at its default member, as SSAS's hidden attributes) but cannot be named.
            hierarchies.Add(new MdxHierarchy(hierarchies.Count, h, cube.IndexOf(h), snapshot, visible) { Hidden = !Access.Sees(h) });
        }
        Hierarchies = hierarchies;
        Named = [.. hierarchies.Where(h => !h.Hidden)];
        // The Epoch hierarchy's default member is the scenario the query reads.
        if (hierarchies.FirstOrDefault(h => h.Model is not null && h.Model == cube.EpochHierarchy) is { } epoch)
        {
            epoch.DefaultOverride = epoch.MembersAt(0).FirstOrDefault(m => m.Name == scenario);
        }
    }

    /// <summary>The model this catalog was built from (see <see cref="MdxCatalogPool.Stamp"/>).</summary>
    public IReadOnlyList<object?> Stamp { get; init; } = [];

    /// <summary>What the pool keeps the catalog under: its scenario and its access (<see cref="DataAccess.KeyFor"/>).</summary>
    public string PoolKey { get; init; } = Session.BaseScenario;

    /// <summary>Forgets what the last query added (its WITH members), before another query uses the catalog.</summary>
    public void Reset()
    {
        foreach (var hierarchy in Hierarchies) hierarchy.CalculatedMembers.Clear();
    }

    /// <summary>What the query's user may see.</summary>
    public DataAccess Access { get; }

    /// <summary>The members a restricted user may see (null: all), for the catalog's levels and the measures its queries compute.</summary>
    public VisibleMembers? Visible { get; }

    /// <summary>The scenario whose data the query reads.</summary>
    public string Scenario { get; }

    public Cube Cube { get; }
    public CubeSnapshot Snapshot { get; }
    public MdxHierarchy Measures { get; }
    /// <summary>Every hierarchy, hidden ones too: the coordinates of a cell.</summary>
    public IReadOnlyList<MdxHierarchy> Hierarchies { get; }

    /// <summary>The hierarchies the user may name and discover (measures first).</summary>
    public IReadOnlyList<MdxHierarchy> Named { get; }

    /// <summary>
    /// The columns of what is hidden from the user — the levels, captions and properties of hidden hierarchies, the
    /// columns hidden measures aggregate — which a drillthrough neither returns nor names.
    /// </summary>
    public IReadOnlySet<Column> HiddenColumns => _hiddenColumns ??=
        [.. Hierarchies.Where(h => h.Hidden).SelectMany(h => h.Model!.Levels)
            .SelectMany(l => new[] { l.Column, l.CaptionColumn }.Concat(l.Properties.Values)).OfType<Column>()
            .Concat(Cube.Measures.Where(m => !Access.Sees(m)).SelectMany(m => Cuboid.Measures.MeasureCalc.Compile(m).Leaves)
                .SelectMany(leaf => leaf.Input?.Columns() ?? []))];

    private HashSet<Column>? _hiddenColumns;

    public IEnumerable<string> Dimensions => Named.Select(h => h.Dimension).Distinct(StringComparer.OrdinalIgnoreCase);

    public bool IsDimension(string name) => Named.Any(h => string.Equals(h.Dimension, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The default hierarchy of dimension <paramref name="dimension"/>.</summary>
    public MdxHierarchy? DefaultHierarchy(string dimension)
    {
        var inDimension = Named.Where(h => string.Equals(h.Dimension, dimension, StringComparison.OrdinalIgnoreCase)).ToList();
        return inDimension.FirstOrDefault(h => string.Equals(h.Name, h.Dimension, StringComparison.OrdinalIgnoreCase))
            ?? (inDimension.Count >= 1 ? inDimension[0] : null);
    }

    /// <summary>A hierarchy by (dimension, name); by name alone it must be unique.</summary>
    public MdxHierarchy? Hierarchy(string? dimension, string name) =>
        Named.FirstOrDefault(h => (dimension is null || string.Equals(h.Dimension, dimension, StringComparison.OrdinalIgnoreCase))
            && string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Levels named <paramref name="name"/> in any hierarchy (for <c>[Store Name]</c> and <c>[Customers].[Name]</c>).</summary>
    public IEnumerable<MdxLevel> LevelsNamed(string name, MdxHierarchy? within = null) =>
        (within is null ? Named : [within]).SelectMany(h => h.Levels).Where(l => string.Equals(l.Name, name, StringComparison.OrdinalIgnoreCase));
}
