using Cuboid.Mdx.Binding;
using Cuboid.Mdx.Execution;
using Cuboid.Mdx.Syntax;

namespace Cuboid.Mdx.Functions;

internal static partial class SetFunctions
{
    /// <summary>Descendants(member or set, [level or distance], [flag]) with SELF, AFTER, BEFORE and their combinations, and LEAVES.</summary>
    private static object? Descendants(Evaluator e, MdxContext c, FunctionCallSite f)
    {
        var source = Set(e, c, f[0]);
        var result = new List<MdxMember>();
        foreach (var tuple in source.Tuples)
        {
            var member = tuple[0];
            var leafDepth = Navigation.LevelCount(member.Hierarchy) - 1;
            var depth = leafDepth;
            var flag = "SELF";
            var byDistance = false;
            if (f.Has(1))
            {
                var target = e.Evaluate(f[1], c);
                byDistance = target is double;
                depth = target switch
                {
                    double distance => member.Depth + (int)distance,
                    _ => e.AsLevel(target, f[1]).Depth,
                };
                flag = "SELF";
            }
            else
            {
                flag = "SELF_AND_AFTER";
                depth = member.Depth;
            }
            if (f.Count > 2 && f[2].Syntax is IdentifierNode { Segments: [var s] }) flag = s.Name.ToUpperInvariant();
            // LEAVES without a level, or with a distance of 0 or less: every leaf under the member, as Mondrian (a level there gives none).
            if (flag == "LEAVES" && (byDistance && depth <= member.Depth || !f.Has(1))) depth = leafDepth;
            if (depth > leafDepth && flag is "SELF" or "BEFORE_AND_AFTER" or "AFTER") continue;   // nothing that deep
            depth = Math.Min(depth, leafDepth);
            AddDescendants(member, depth, flag, leafDepth, result);
        }
        return MdxSet.Of(result);
    }

    private static void AddDescendants(MdxMember member, int depth, string flag, int leafDepth, List<MdxMember> result)
    {
        bool Wanted(int d) => flag switch
        {
            "SELF" => d == depth,
            "AFTER" => d > depth,
            "BEFORE" => d < depth,
            "BEFORE_AND_AFTER" => d != depth,
            "SELF_AND_AFTER" => d >= depth,
            "SELF_AND_BEFORE" => d <= depth,
            "SELF_BEFORE_AFTER" => true,
            "LEAVES" => d <= depth && d == leafDepth,
            _ => d == depth,
        };
        void Walk(MdxMember m)
        {
            if (Wanted(m.Depth)) result.Add(m);
            if (m.Depth >= leafDepth || (flag is "SELF" or "BEFORE" or "SELF_AND_BEFORE" && m.Depth >= depth)) return;
            foreach (var child in Navigation.Children(m)) Walk(child);
        }
        Walk(member);
    }

    private static int Stable(int compare, int a, int b) => compare != 0 ? compare : a.CompareTo(b);

    private static object? SortKey(Evaluator e, MdxContext c, Calc key) => e.EvaluateScalar(key, c);

    /// <summary>Numbers before strings; empty sorts as the smallest, NaN just below +Infinity (see <see cref="SortKeys"/>).</summary>
    internal static int CompareKeys(object? a, object? b) => (a, b) switch
    {
        (null, null) => 0,
        (null, _) => -1,
        (_, null) => 1,
        (string x, string y) => string.Compare(x, y, StringComparison.Ordinal),
        (string, _) => 1,
        (_, string) => -1,
        _ => SortKeys.CompareNumbers(Convert.ToDouble(a, System.Globalization.CultureInfo.InvariantCulture), Convert.ToDouble(b, System.Globalization.CultureInfo.InvariantCulture)),
    };

    private static object? TopCount(Evaluator e, MdxContext c, FunctionCallSite f, bool top)
    {
        var set = Set(e, c, f[0]);
        var n = Math.Max(0, e.AsInt(f[1], c));
        if (!f.Has(2)) return top ? Take(set, 0, n) : Take(set, Math.Max(0, set.Count - n), n);   // no key: the first or last n
        var keys = SortKeys.Of(e, f[2], e.ValuesOver(set, f[2], c));
        return new MdxSet([.. keys.Best(n, descending: top).Select(i => set.Tuples[i])]);
    }

    /// <summary>TopPercent / TopSum and their Bottom forms: the best tuples until their total reaches the threshold.</summary>
    private static object? TopBy(Evaluator e, MdxContext c, FunctionCallSite f, bool top, bool percent)
    {
        var set = Set(e, c, f[0]);
        var threshold = e.AsNumber(e.EvaluateScalar(f[1], c), f[1]);
        var values = e.ValuesOver(set, f[2], c).Select(v => e.AsNullableNumber(v, f[2])).ToList();
        var order = Enumerable.Range(0, set.Count).ToList();
        order.Sort((a, b) => Stable(CompareKeys(values[a], values[b]) * (top ? -1 : 1), a, b));
        var total = values.Sum(v => v ?? 0);
        var limit = percent ? total * threshold / 100 : threshold;
        var result = new List<MdxMember[]>();
        double running = 0;
        foreach (var i in order)
        {
            if (top ? running >= limit : running >= limit && result.Count > 0) break;
            result.Add(set.Tuples[i]);
            running += values[i] ?? 0;
        }
        return new MdxSet(result);
    }
}
