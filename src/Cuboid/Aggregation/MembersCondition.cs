using Cuboid.Model;

namespace Cuboid.Aggregation;

/// <summary>
/// Named members of one level, each by the values of its path from the top level (a city is
/// Portland under Oregon, not under Maine): what an MDX slicer set or an Aggregate() set keeps.
/// A path names the same member in every scenario's data, so the condition compiles for any snapshot.
/// </summary>
internal sealed class MembersCondition : Condition
{
    private MembersCondition(Level level, IReadOnlyList<object?[]> paths)
    {
        Level = level;
        Paths = paths;
    }

    public Level Level { get; }

    /// <summary>Per member, its ancestors' values and its own, top first.</summary>
    public IReadOnlyList<object?[]> Paths { get; }

    /// <summary>The members of one level, given by their codes in <paramref name="index"/>.</summary>
    public static MembersCondition Of(Level level, HierarchyIndex index, IEnumerable<int> codes)
    {
        var depth = level.Depth;
        var levels = level.Hierarchy.Levels;
        return new MembersCondition(level, [.. codes.Select(code =>
        {
            var path = new object?[depth + 1];
            for (var d = 0; d <= depth; d++) path[d] = levels[d].Source.ValueOf(index.Members.Key(d, index.Members.Ancestor(depth, code, d)));
            return path;
        })]);
    }

    /// <summary>Which members of the level in <paramref name="index"/> the paths name (codes whose path is one of them).</summary>
    public bool[] Accepted(HierarchyIndex index)
    {
        var depth = Level.Depth;
        var levels = Level.Hierarchy.Levels;
        var accepted = new bool[index.Members.Count(depth)];
        // The member's own value first: only the few codes whose value is named have their ancestors compared.
        var byValue = Paths.GroupBy(p => p[depth]).ToDictionary(g => new Key(g.Key), g => g.ToList());
        for (var code = 0; code < accepted.Length; code++)
        {
            if (!byValue.TryGetValue(new Key(levels[depth].Source.ValueOf(index.Members.Key(depth, code))), out var paths)) continue;
            accepted[code] = paths.Any(path => Matches(path, index, code));
        }
        return accepted;
    }

    /// <summary>Whether the member <paramref name="code"/> (at <paramref name="depth"/>, or below it) lies under one of the named members.</summary>
    public bool Holds(HierarchyIndex index, int depth, int code) =>
        depth >= Level.Depth && Paths.Any(path => Matches(path, index, index.Members.Ancestor(depth, code, Level.Depth)));

    private bool Matches(object?[] path, HierarchyIndex index, int code)
    {
        var levels = Level.Hierarchy.Levels;
        for (var d = Level.Depth; d >= 0; d--)
        {
            if (!Equals(path[d], levels[d].Source.ValueOf(index.Members.Key(d, index.Members.Ancestor(Level.Depth, code, d))))) return false;
        }
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Level} in ({string.Join(", ", Paths.Select(p => string.Join("/", p.Select(Loading.ValueConversion.Describe))))})";

    /// <summary>A dictionary key that may be null.</summary>
    private readonly record struct Key(object? Value);
}
