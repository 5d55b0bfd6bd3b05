using Cuboid.Mdx.Binding;
using Cuboid.Mdx.Execution;

namespace Cuboid.Mdx.Functions;

/// <summary>Moving around a hierarchy: children, the members of a level, siblings in order, ancestors, hierarchy order.</summary>
internal static class Navigation
{
    public static IReadOnlyList<MdxMember> Children(MdxMember member) => member.Hierarchy.Children(member);

    /// <summary>The members of the member's level in hierarchy order (across parents).</summary>
    public static IReadOnlyList<MdxMember> LevelMembers(MdxMember member) => member.Kind switch
    {
        MemberKind.All => [member],
        MemberKind.Measure => member.Hierarchy.MeasureMembers,
        MemberKind.Calculated => [member],
        _ => member.Hierarchy.MembersAt(member.Depth),
    };

    /// <summary>The member <paramref name="offset"/> places away on its level (null past either end).</summary>
    public static MdxMember? Lead(MdxMember member, int offset)
    {
        var members = LevelMembers(member);
        var index = IndexOf(members, member);
        var target = index + offset;
        return index < 0 || target < 0 || target >= members.Count ? null : members[target];
    }

    public static int IndexOf(IReadOnlyList<MdxMember> members, MdxMember member)
    {
        for (var i = 0; i < members.Count; i++)
        {
            if (ReferenceEquals(members[i], member)) return i;
        }
        return -1;
    }

    /// <summary>The ancestor at model depth <paramref name="depth"/> (-1: All), or null.</summary>
    public static MdxMember? AncestorAt(MdxMember member, int depth)
    {
        var current = member;
        while (current is not null && current.Depth > depth) current = current.Parent;
        return current is not null && current.Depth == depth ? current : null;
    }

    public static bool IsAncestorOrSelf(MdxMember ancestor, MdxMember member)
    {
        for (var m = member; m is not null; m = m.Parent)
        {
            if (ReferenceEquals(m, ancestor)) return true;
        }
        return false;
    }

    /// <summary>The position of each ancestor among its siblings, top first: ordering by it is hierarchy order.</summary>
    public static int[] PathKey(MdxMember member, bool post)
    {
        var path = new List<int>();
        for (var m = member; m is not null; m = m.Parent)
        {
            var siblings = m.Parent is { } p ? Children(p) : LevelMembers(m);
            var index = IndexOf(siblings, m);
            path.Add(index < 0 ? int.MaxValue : index);
        }
        path.Reverse();
        return [.. path];
    }

    /// <summary>The member's ancestors from the top (the All member, or its top-level ancestor), then the member.</summary>
    public static List<MdxMember> AncestorsAndSelf(MdxMember member)
    {
        var path = new List<MdxMember>();
        for (var m = member; m is not null; m = m.Parent) path.Add(m);
        path.Reverse();
        return path;
    }

    /// <summary>Two members of one hierarchy in hierarchy order (parents before children).</summary>
    public static int CompareInHierarchy(MdxMember a, MdxMember b) =>
        a.Kind == MemberKind.Regular && b.Kind == MemberKind.Regular && a.Depth == b.Depth && a.Hierarchy == b.Hierarchy
            ? a.Hierarchy.RankOf(a).CompareTo(b.Hierarchy.RankOf(b))   // no scan of the siblings: a level may have a million
            : ComparePaths(PathKey(a, post: false), PathKey(b, post: false), post: false);

    /// <summary>Pre-order (parents first) or, with <paramref name="post"/>, post-order comparison of path keys.</summary>
    public static int ComparePaths(int[] a, int[] b, bool post)
    {
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            if (a[i] != b[i]) return a[i].CompareTo(b[i]);
        }
        return post ? b.Length.CompareTo(a.Length) : a.Length.CompareTo(b.Length);
    }

    /// <summary>Descendants of <paramref name="member"/> at model depth <paramref name="depth"/>, in hierarchy order.</summary>
    public static IEnumerable<MdxMember> DescendantsAt(MdxMember member, int depth)
    {
        if (member.Depth == depth) return [member];
        if (member.Depth > depth) return [];
        return Children(member).SelectMany(c => DescendantsAt(c, depth));
    }

    public static int LevelCount(MdxHierarchy hierarchy) => hierarchy.Model?.Levels.Count ?? 1;
}
