namespace Cuboid.Server.Json;

/// <summary>A level: MDX unique name and depth (0 is the All level when the hierarchy has one).</summary>
internal sealed record LevelJson(string Name, string UniqueName, int Depth);

internal sealed record HierarchyJson(string Name, string UniqueName, bool Slicing, string? AllMemberName, string? Folder, bool Visible, IReadOnlyList<LevelJson> Levels);

internal sealed record DimensionJson(string Name, IReadOnlyList<HierarchyJson> Hierarchies);

internal sealed record MeasureJson(string Name, string UniqueName, string? Folder, string? Formatter, bool Visible, string? Description);

/// <summary>A cube's structure as MDX names it (the names the web app writes queries with), grouped by dimension, as <see cref="Cube.Describe"/> gives it.</summary>
internal sealed record CubeJson(string Name, IReadOnlyList<DimensionJson> Dimensions, IReadOnlyList<MeasureJson> Measures)
{
    public static CubeJson Of(CubeStructure cube) => new(
        cube.Name,
        [.. cube.Hierarchies.GroupBy(h => h.Dimension, StringComparer.Ordinal).Select(g => new DimensionJson(g.Key, [.. g.Select(Hierarchy)]))],
        [.. cube.Measures.Select(m => new MeasureJson(m.Name, m.UniqueName, m.Folder, m.Formatter, m.Visible, m.Description))]);

    private static HierarchyJson Hierarchy(HierarchyInfo h) =>
        new(h.Name, h.UniqueName, h.Slicing, h.AllMemberName, h.Folder, h.Visible, [.. h.Levels.Select(l => new LevelJson(l.Name, l.UniqueName, l.Depth))]);
}
