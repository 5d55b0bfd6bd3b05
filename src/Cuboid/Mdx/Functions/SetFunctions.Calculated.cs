using Cuboid.Mdx.Binding;
using Cuboid.Mdx.Execution;
using Cuboid.Mdx.Syntax;

namespace Cuboid.Mdx.Functions;

internal static partial class SetFunctions
{
    private static void RegisterCalculated()
    {
        FunctionTable.Add("AddCalculatedMembers", AddCalculatedMembers);
        FunctionTable.Add("StripCalculatedMembers", (e, c, f) => new MdxSet([.. Set(e, c, f[0]).Tuples.Where(t => t.All(m => m.Kind != MemberKind.Calculated))]));
        FunctionTable.Add("CalculatedChild", (e, c, f) =>
        {
            var parent = e.MemberOf(e.Evaluate(f[0], c), f[0], c);
            var name = Evaluator.Text(e.EvaluateScalar(f[1], c));
            return parent.Hierarchy.CalculatedMembers.FirstOrDefault(m => m.Parent == parent && string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));
        });
        FunctionTable.Add("VisualTotals", VisualTotals);
    }

    /// <summary>
    /// AddCalculatedMembers(set): the set, then the calculated members of the levels its members are
    /// on (the calculated measures, for measures), as Mondrian — those the cube defines too, visible or not.
    /// </summary>
    private static object? AddCalculatedMembers(Evaluator e, MdxContext c, FunctionCallSite f)
    {
        var set = Set(e, c, f[0]);
        var tuples = new List<MdxMember[]>(set.Tuples);
        var seen = new HashSet<MdxMember[]>(set.Tuples, TupleComparer.Instance);
        foreach (var (hierarchy, depth) in set.Tuples.Where(t => t.Length == 1).Select(t => (t[0].Hierarchy, t[0].Depth)).Distinct())
        {
            foreach (var calculated in hierarchy.CalculatedMembers.Where(m => hierarchy.IsMeasures || m.Depth == depth))
            {
                if (seen.Add([calculated])) tuples.Add([calculated]);
            }
        }
        return new MdxSet(tuples);
    }

    /// <summary>
    /// VisualTotals(set [, pattern]): each member followed in the set by some of its descendants becomes
    /// their total — the aggregate of the lowest of them — named by the pattern ("*" standing for its
    /// name) or as before, as in Mondrian and SSAS. The totals are calculated members made for the query.
    /// </summary>
    private static object? VisualTotals(Evaluator e, MdxContext c, FunctionCallSite f)
    {
        var set = Set(e, c, f[0]);
        var pattern = f.Has(1) ? Evaluator.Text(e.EvaluateScalar(f[1], c)) : null;
        var members = set.Tuples.Select(t => t[0]).ToList();
        var result = new List<MdxMember[]>(set.Count);
        for (var i = 0; i < set.Count; i++)
        {
            var member = members[i];
            // The set's members below this one that have none of the set's members below them.
            var below = members.Skip(i + 1).TakeWhile(m => m != member && Navigation.IsAncestorOrSelf(member, m)).ToList();
            var lowest = below.Where(m => !below.Any(other => other != m && Navigation.IsAncestorOrSelf(m, other))).ToList();
            if (lowest.Count == 0 || member.Kind != MemberKind.Regular && !member.IsAll)
            {
                result.Add(set.Tuples[i]);
                continue;
            }
            var formula = MdxParser.ParseExpression("Aggregate({" + string.Join(", ", lowest.Select(m => m.UniqueName)) + "})").Expression;
            var name = pattern is null ? member.Name : pattern.Replace("*", member.Name, StringComparison.Ordinal);
            var total = MdxMember.OfCalculated(member.Hierarchy, new CalculatedMember(name, formula, 0, null, visible: true), member.Parent);
            result.Add([total, .. set.Tuples[i].Skip(1)]);
        }
        return new MdxSet(result);
    }
}
