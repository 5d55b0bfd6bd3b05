namespace Cuboid.Server.Json;

/// <summary>A level: MDX unique name and depth (0 is the All level when the hierarchy has one).</summary>
internal sealed record LevelJson(string Name, string UniqueName, int Depth, string Caption);

internal sealed record HierarchyJson(string Name, string UniqueName, bool Slicing, string? AllMemberName, string? Folder, bool Visible, IReadOnlyList<LevelJson> Levels, string Caption);

internal sealed record DimensionJson(string Name, IReadOnlyList<HierarchyJson> Hierarchies, string Caption);

internal sealed record MeasureJson(string Name, string UniqueName, string? Folder, string? Formatter, bool Visible, string? Description, string Caption);

/// <summary>
/// A cube's structure as MDX names it (the names the web app writes queries with), grouped by dimension, as
/// <see cref="Cube.Describe"/> gives it; each element's caption is what users read (translated for the request's locale).
/// </summary>
internal sealed record CubeJson(string Name, IReadOnlyList<DimensionJson> Dimensions, IReadOnlyList<MeasureJson> Measures, string Caption)
{
    public static CubeJson Of(CubeStructure cube) => new(
        cube.Name,
        [.. cube.Hierarchies.GroupBy(h => h.Dimension, StringComparer.Ordinal).Select(g => new DimensionJson(g.Key, [.. g.Select(Hierarchy)], g.First().DimensionCaption))],
        [.. cube.Measures.Select(m => new MeasureJson(m.Name, m.UniqueName, m.Folder, m.Formatter, m.Visible, m.Description, m.Caption))],
        cube.Caption);

    private static HierarchyJson Hierarchy(HierarchyInfo h) =>
        new(h.Name, h.UniqueName, h.Slicing, h.AllMemberName, h.Folder, h.Visible, [.. h.Levels.Select(l => new LevelJson(l.Name, l.UniqueName, l.Depth, l.Caption))], h.Caption);
}
