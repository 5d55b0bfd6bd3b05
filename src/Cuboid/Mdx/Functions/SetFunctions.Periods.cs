using Cuboid.Mdx.Binding;
using Cuboid.Mdx.Execution;

namespace Cuboid.Mdx.Functions;

/// <summary>
/// Time-series sets. Cuboid has no level types: Ytd, Qtd, Mtd and Wtd find the level by name
/// (Year, Quarter, Month, Week) in the member's hierarchy, and a call without a member uses
/// the current member of the Time dimension's first hierarchy.
/// </summary>
internal static partial class SetFunctions
{
    private static void RegisterPeriods()
    {
        FunctionTable.Add("LastPeriods", (e, c, f) =>
        {
            var n = e.AsInt(f[0], c);
            var target = f.Has(1) ? e.Evaluate(f[1], c) : TimeMember(e, c, f);
            if (target is null) return MdxSet.Empty;
            var member = e.MemberOf(target, f.At, c);
            var members = Navigation.LevelMembers(member);
            var index = Navigation.IndexOf(members, member);
            if (index < 0 || n == 0) return MdxSet.Empty;
            var (from, to) = n > 0 ? (Math.Max(0, index - n + 1), index) : (index, Math.Min(members.Count - 1, index - n - 1));
            return MdxSet.Of(members.Skip(from).Take(to - from + 1));
        });
        FunctionTable.Add("PeriodsToDate", (e, c, f) =>
        {
            var member = f.Has(1) ? e.AsMember(e.Evaluate(f[1], c), f[1]) : f.Has(0) ? c[e.AsLevel(e.Evaluate(f[0], c), f[0]).Hierarchy] : TimeMember(e, c, f);
            var level = f.Has(0) ? e.AsLevel(e.Evaluate(f[0], c), f[0]) : member.Hierarchy.Levels.FirstOrDefault(l => l.Depth >= 0);
            return ToDate(member, level);
        });
        FunctionTable.Add("Ytd", (e, c, f) => ToDateByName(e, c, f, "Year"));
        FunctionTable.Add("Qtd", (e, c, f) => ToDateByName(e, c, f, "Quarter"));
        FunctionTable.Add("Mtd", (e, c, f) => ToDateByName(e, c, f, "Month"));
        FunctionTable.Add("Wtd", (e, c, f) => ToDateByName(e, c, f, "Week"));
    }

    private static MdxSet ToDateByName(Evaluator e, MdxContext c, FunctionCallSite f, string levelName)
    {
        var member = f.Has(0) ? e.AsMember(e.Evaluate(f[0], c), f[0]) : TimeMember(e, c, f);
        var level = member.Hierarchy.Levels.FirstOrDefault(l => l.Depth >= 0 && l.Name.Contains(levelName, StringComparison.OrdinalIgnoreCase))
            ?? throw e.Error(f.At, MdxErrorCodes.PeriodLevelMissing, $"{f.Name} needs a level named like '{levelName}' in {member.Hierarchy.UniqueName}.");
        return ToDate(member, level);
    }

    /// <summary>The members of <paramref name="member"/>'s level from the start of its ancestor at <paramref name="level"/> to the member.</summary>
    private static MdxSet ToDate(MdxMember member, MdxLevel? level)
    {
        if (level is null || member.Kind != MemberKind.Regular || level.Depth > member.Depth) return MdxSet.Empty;
        var ancestor = level.Depth < 0 ? member.Hierarchy.AllMember : Navigation.AncestorAt(member, level.Depth);
        if (ancestor is null) return MdxSet.Empty;
        var members = Navigation.DescendantsAt(ancestor, member.Depth).ToList();
        var index = Navigation.IndexOf(members, member);
        return MdxSet.Of(members.Take(index + 1));
    }

    private static MdxMember TimeMember(Evaluator e, MdxContext c, FunctionCallSite f)
    {
        var time = e.Catalog.DefaultHierarchy("Time") ?? throw e.Error(f.At, MdxErrorCodes.NoTimeDimension, $"{f.Name} needs a member: the cube has no Time dimension.");
        return c[time];
    }
}
