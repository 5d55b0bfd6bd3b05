using Cuboid.Aggregation;

namespace Cuboid.Mdx.Execution;

/// <summary>
/// MDX members, tuples and sets as the conditions on levels every aggregation filter is made of
/// (the slicer set, the set of an Aggregate()): a set is the OR of its tuples, a tuple the AND of
/// its members, and the tuples of one member each at one level are one condition naming them all.
/// </summary>
internal static class MemberConditions
{
    /// <summary>A member of a level as the condition naming it; null for any other member (an All member keeps every fact).</summary>
    public static Condition? Of(MdxMember member) =>
        member.Kind == MemberKind.Regular ? MembersCondition.Of(member.Hierarchy.Model!.Levels[member.Depth], member.Hierarchy.Index!, [member.Code]) : null;

    /// <summary>The facts under any tuple of the set: null when one tuple keeps them all (All members only), no fact for an empty set.</summary>
    public static Condition? OfSet(IReadOnlyList<MdxMember[]> tuples)
    {
        var regular = tuples.Select(t => t.Where(m => m.Kind == MemberKind.Regular).ToArray()).ToList();
        if (regular.Any(t => t.Length == 0)) return null;
        if (regular.Count > 1 && regular.All(t => t.Length == 1 && t[0].Hierarchy == regular[0][0].Hierarchy && t[0].Depth == regular[0][0].Depth))
        {
            var first = regular[0][0];
            return MembersCondition.Of(first.Hierarchy.Model!.Levels[first.Depth], first.Hierarchy.Index!, regular.Select(t => t[0].Code).Distinct());
        }
        var conditions = regular.Select(t => t.Length == 1 ? Of(t[0])! : new AndCondition([.. t.Select(m => Of(m)!)])).ToList();
        return conditions.Count == 1 ? conditions[0] : new OrCondition(conditions);
    }
}
