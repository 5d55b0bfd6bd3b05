using Cuboid.Mdx.Execution;

namespace Cuboid;

/// <summary>A level as MDX names it: its depth counts the All level (0) when the hierarchy has one.</summary>
public sealed record LevelInfo(string Name, string UniqueName, int Depth)
{
    /// <summary>The level's caption in the locale asked for (<c>_LEVELS_</c>); its name without translations.</summary>
    public string Caption { get; init; } = Name;

    /// <summary>The member properties the level defines (<see cref="Level.Properties"/>), with the type of each.</summary>
    public IReadOnlyList<(string Name, DataType Type)> Properties { get; init; } = [];
}

/// <summary>A hierarchy as a user may see it.</summary>
public sealed record HierarchyInfo(string Dimension, string Name, string UniqueName, bool Slicing, string? AllMemberName, string? Folder, bool Visible, IReadOnlyList<LevelInfo> Levels)
{
    /// <summary>The hierarchy's caption in the locale asked for (<c>_HIERARCHIES_</c>); its name without translations.</summary>
    public string Caption { get; init; } = Name;

    /// <summary>Its dimension's caption in the locale asked for (<c>_DIMENSIONS_</c>).</summary>
    public string DimensionCaption { get; init; } = Dimension;
}

/// <summary>A measure as a user may see it.</summary>
public sealed record MeasureInfo(string Name, string UniqueName, string? Folder, string? Formatter, bool Visible, string? Description)
{
    /// <summary>The measure's caption in the locale asked for (<c>_MEASURES_</c>); its name without translations.</summary>
    public string Caption { get; init; } = Name;
}

/// <summary>What a user may see of a cube's structure (<see cref="Cube.Describe"/>).</summary>
public sealed record CubeStructure(string Name, IReadOnlyList<HierarchyInfo> Hierarchies, IReadOnlyList<MeasureInfo> Measures)
{
    /// <summary>The cube's caption in the locale asked for (<c>_CUBES_</c>); its name without translations.</summary>
    public string Caption { get; init; } = Name;
}

/// <summary>A member of a level, as MDX names it.</summary>
public sealed record LevelMember(string UniqueName, string Name, string Caption);

/// <summary>A page of a level's members, and how many match in all.</summary>
public sealed record MemberPage(int Total, IReadOnlyList<LevelMember> Members);

public sealed partial class Cube
{
    /// <summary>
    /// The cube's structure as <paramref name="user"/> (with <paramref name="roles"/>, their session roles when null) may see
    /// it: the hierarchies and measures their roles show (everything without a user), with MDX's unique names, and captions
    /// in <paramref name="locale"/> (a locale or an <c>Accept-Language</c> value: the session's best offer, see
    /// <see cref="I18nConfig"/>; the names themselves when null).
    /// </summary>
    public CubeStructure Describe(string? user = null, IEnumerable<string>? roles = null, string? locale = null)
    {
        var captions = Session.CaptionsFor(locale);
        return Catalogs.Use(this, Session.BaseScenario, catalog => new CubeStructure(
            Name,
            [.. catalog.Named.Where(h => !h.IsMeasures).Select(h => new HierarchyInfo(
                h.Dimension, h.Name, h.UniqueName, !h.HasAll, h.AllMember?.Name, h.Model!.Folder, h.Model.Visible,
                [.. h.Levels.Select(l => new LevelInfo(l.Name, l.UniqueName, l.Ordinal)
                {
                    Properties = l.Depth < 0 ? [] : [.. h.Model.Levels[l.Depth].Properties.Select(p => (p.Key, p.Value.DataType))],
                    Caption = captions.Of(Lexicon.Levels, l.Name),
                })])
            {
                Caption = captions.Of(Lexicon.Hierarchies, h.Name),
                DimensionCaption = captions.Of(Lexicon.Dimensions, h.Dimension),
            })],
            [.. Measures.Where(catalog.Access.Sees).Select(m => new MeasureInfo(m.Name!, m.UniqueName, m.Folder, m.Formatter, m.Visible, m.Description)
            {
                Caption = captions.Of(Lexicon.Measures, m.Name!),
            })])
        {
            Caption = captions.Of(Lexicon.Cubes, Name),
        },
            Session.Security.AccessOf(user, roles));
    }

    /// <summary>
    /// A page of the members of the level named <paramref name="levelUniqueName"/> (MDX's unique name) whose caption contains
    /// <paramref name="search"/> (any case), in hierarchy order — only those with facts <paramref name="user"/> may see.
    /// An unknown (or hidden) level is a <see cref="KeyNotFoundException"/>. Captions (and the search) are in <paramref name="locale"/>, as for <see cref="Describe"/>.
    /// </summary>
    public MemberPage Members(string levelUniqueName, string? search = null, int offset = 0, int limit = 100, string? user = null, IEnumerable<string>? roles = null, string? locale = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var captions = Session.CaptionsFor(locale);
        return Catalogs.Use(this, Session.BaseScenario, catalog =>
        {
            var level = catalog.Named.SelectMany(h => h.Levels).FirstOrDefault(l => string.Equals(l.UniqueName, levelUniqueName, StringComparison.OrdinalIgnoreCase))
                ?? throw new KeyNotFoundException($"Cube '{Name}' has no level {levelUniqueName}.");
            var members = level.Members.Select(m => new LevelMember(m.UniqueName, m.Name, captions.OfMember(m.UniqueName, m.Caption)));
            if (!string.IsNullOrEmpty(search)) members = members.Where(m => m.Caption.Contains(search, StringComparison.OrdinalIgnoreCase));
            var matching = members.ToList();
            return new MemberPage(matching.Count, [.. matching.Skip(offset).Take(limit)]);
        }, Session.Security.AccessOf(user, roles));
    }
}
