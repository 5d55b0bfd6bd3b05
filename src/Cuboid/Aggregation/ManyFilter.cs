using System.Runtime.CompilerServices;
using Cuboid.Expressions;
using Cuboid.Model;
using Cuboid.Storage;

namespace Cuboid.Aggregation;

/// <summary>
/// A filter that reads through a many-to-many join (<c>Tag == "red"</c>, a restriction on tags). Logically a cube over
/// such a join aggregates (fact, target row) pairs, and a filter keeps pairs. The operands of its top-level AND that
/// read only the fact's side are a condition on fact rows as usual; those that read the join's target side (alone,
/// or mixed with the fact's side: <c>Tag == "red" | Shop == "Paris"</c>, a user's roles ORed) become, per
/// <em>variant</em> — one truth assignment of their fact-side subconditions —, a mask over the target's rows (plus a
/// last slot for a fact that matched none: the columns' defaults). A fact row passes when its own operands do and
/// some row of its group passes the mask of its variant (EXISTS): the form every reader of fact rows sees
/// (drillthrough, a scan grouped by other levels). A scan grouped by the join's levels reads the masks themselves,
/// so that a fact counts only under the members of the rows that passed (see <see cref="ManyExpansion"/>).
/// </summary>
internal sealed class ManyFilter : RowCondition
{
    /// <summary>Fact-side subconditions one join's conditions may mix in: 2^4 masks over its target rows at most.</summary>
    private const int MaxFactParts = 4;

    private readonly CubeSnapshot _snapshot;
    private readonly RowCondition? _fact;
    private readonly Part[] _parts;

    /// <summary>
    /// One many-to-many join's conditions: the fact-side subconditions that pick a row's variant (bit i for the i-th),
    /// by variant the mask of target rows (last slot: no row), and by variant and group (last slot: none) whether some
    /// row of the group passes.
    /// </summary>
    private sealed record Part(ManyMap Many, RowCondition[] FactParts, bool[][] Masks, bool[][] AnyPass);

    private ManyFilter(CubeSnapshot snapshot, RowCondition? fact, Part[] parts) => (_snapshot, _fact, _parts) = (snapshot, fact, parts);

    /// <summary>Whether <paramref name="condition"/> reads some table through a many-to-many join of <paramref name="snapshot"/>.</summary>
    public static bool Reads(Condition condition, CubeSnapshot snapshot, Func<Hierarchy, HierarchyIndex> indexOf) =>
        Sides(condition, snapshot, indexOf).Any(side => side is not null);

    public static ManyFilter Compile(Condition condition, CubeSnapshot snapshot, Func<Hierarchy, HierarchyIndex> indexOf, Func<Column, TableStore> tableOf)
    {
        var operands = condition is AndCondition and ? LevelFilter.Flatten(and).ToList() : [condition];
        var fact = new List<Condition>();
        var byJoin = new Dictionary<JoinDefinition, (ManyMap Many, List<Condition> Operands)>();
        foreach (var operand in operands)
        {
            var joins = Sides(operand, snapshot, indexOf).OfType<ManyMap>().Distinct().ToList();
            if (joins.Count == 0) fact.Add(operand);
            else if (joins.Count > 1) throw new NotSupportedException($"A condition on both '{joins[0].Join.Target.Name}' and '{joins[1].Join.Target.Name}', each joined many-to-many, is not supported yet; write it as an AND of conditions on either.");
            else if (byJoin.TryGetValue(joins[0].Join, out var known)) known.Operands.Add(operand);
            else byJoin[joins[0].Join] = (joins[0], [operand]);
        }
        var factCondition = fact.Count switch
        {
            0 => null,
            1 => LevelFilter.CompileRows(fact[0], snapshot, indexOf, tableOf),
            _ => LevelFilter.CompileRows(new AndCondition(fact), snapshot, indexOf, tableOf),
        };
        var parts = byJoin.Values.Select(p => CompilePart(p.Many, p.Operands.Count == 1 ? p.Operands[0] : new AndCondition(p.Operands), snapshot, indexOf, tableOf));
        return new ManyFilter(snapshot, factCondition, [.. parts]);
    }

    /// <summary>How many masks <paramref name="many"/>'s conditions have (1: no fact-side subcondition; 0: no condition on that join).</summary>
    public int VariantsOf(ManyMap many) => PartOf(many)?.Masks.Length ?? 0;

    /// <summary>The mask of <paramref name="many"/>'s target rows for <paramref name="variant"/>, with the last slot for a fact that matched none (null: no condition on that join).</summary>
    public bool[]? MaskOf(ManyMap many, int variant = 0) => PartOf(many)?.Masks[variant];

    /// <summary>Each row's variant of <paramref name="many"/>'s conditions: which of their fact-side subconditions it meets.</summary>
    public void Variants(ManyMap many, in ChunkView view, Span<byte> variants) => Assign(PartOf(many)!, view, variants);

    private Part? PartOf(ManyMap many) => _parts.FirstOrDefault(p => p.Many == many);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Eval(in ChunkView view, Span<bool> result)
    {
        var (n, offset, sel) = (view.Count, view.Offset, view.Selection);
        if (_fact is null) result[..n].Fill(true);
        else _fact.Eval(view, result);
        foreach (var part in _parts)
        {
            var groups = _snapshot.FactGroupsOf(part.Many, view.Index);
            var none = (uint)(part.AnyPass[0].Length - 1);
            if (part.FactParts.Length == 0)
            {
                var anyPass = part.AnyPass[0];
                for (var r = 0; r < n; r++)
                {
                    var g = (uint)groups[sel is null ? offset + r : sel[r]];
                    result[r] &= anyPass[g < none ? g : none];   // -1 (no group) wraps to the last slot
                }
                continue;
            }
            using var lease = BufferPool.Bytes(n, out var variants);
            Assign(part, view, variants);
            for (var r = 0; r < n; r++)
            {
                var g = (uint)groups[sel is null ? offset + r : sel[r]];
                result[r] &= part.AnyPass[variants[r]][g < none ? g : none];
            }
        }
    }

    private static void Assign(Part part, in ChunkView view, Span<byte> variants)
    {
        var n = view.Count;
        variants[..n].Clear();
        using var lease = BufferPool.Bools(n, out var pass);
        for (var i = 0; i < part.FactParts.Length; i++)
        {
            part.FactParts[i].Eval(view, pass);
            var bit = (byte)(1 << i);
            for (var r = 0; r < n; r++) variants[r] |= pass[r] ? bit : (byte)0;
        }
    }

    /// <summary>
    /// One join's conditions: its fact-side subconditions (the largest subtrees that read only the fact's side), and for
    /// each truth assignment of them the target rows that pass (Shannon's expansion of the condition on them).
    /// </summary>
    private static Part CompilePart(ManyMap many, Condition condition, CubeSnapshot snapshot, Func<Hierarchy, HierarchyIndex> indexOf, Func<Column, TableStore> tableOf)
    {
        var factParts = new List<Condition>();
        CollectFactParts(condition, many, snapshot, indexOf, factParts);
        if (factParts.Count > MaxFactParts)
        {
            throw new NotSupportedException(
                $"A condition on '{many.Join.Target.Name}', joined many-to-many, may mix in at most {MaxFactParts} conditions on the facts' side with OR or NOT; this one has {factParts.Count}.");
        }
        var targetMasks = new Dictionary<Condition, bool[]>(ReferenceEqualityComparer.Instance);
        var length = snapshot.Data[many.Join.Target.Store].RowIdLimit + 1;
        bool[] Evaluate(Condition c, int variant)
        {
            var part = factParts.FindIndex(f => ReferenceEquals(f, c));
            if (part >= 0)
            {
                var constant = new bool[length];
                if ((variant & (1 << part)) != 0) Array.Fill(constant, true);
                return constant;
            }
            switch (c)
            {
                case AndCondition and:
                    return and.Operands.Select(o => Evaluate(o, variant)).Aggregate(And);
                case OrCondition or:
                    return or.Operands.Select(o => Evaluate(o, variant)).Aggregate((a, b) =>
                    {
                        for (var i = 0; i < a.Length; i++) a[i] |= b[i];
                        return a;
                    });
                case NotCondition not:
                    var inner = Evaluate(not.Operand, variant);
                    for (var i = 0; i < inner.Length; i++) inner[i] = !inner[i];
                    return inner;
            }
            if (!targetMasks.TryGetValue(c, out var mask)) targetMasks[c] = mask = Mask(c, many, snapshot, indexOf, tableOf);
            return (bool[])mask.Clone();
        }
        var masks = Enumerable.Range(0, 1 << factParts.Count).Select(v => Evaluate(condition, v)).ToArray();
        return new Part(many, [.. factParts.Select(f => LevelFilter.CompileRows(f, snapshot, indexOf, tableOf))], masks, [.. masks.Select(m => AnyPass(many, m))]);
    }

    /// <summary>The largest subconditions of <paramref name="condition"/> that read only the fact's side.</summary>
    private static void CollectFactParts(Condition condition, ManyMap many, CubeSnapshot snapshot, Func<Hierarchy, HierarchyIndex> indexOf, List<Condition> parts)
    {
        var sides = Sides(condition, snapshot, indexOf).Distinct().ToList();
        if (sides is [null])
        {
            if (!parts.Any(p => ReferenceEquals(p, condition))) parts.Add(condition);
            return;
        }
        switch (condition)
        {
            case CompositeCondition composite:
                foreach (var operand in composite.Operands) CollectFactParts(operand, many, snapshot, indexOf, parts);
                return;
            case NotCondition not:
                CollectFactParts(not.Operand, many, snapshot, indexOf, parts);
                return;
        }
        if (sides.Contains(null))
        {
            throw new NotSupportedException(
                $"A condition that compares a column of '{many.Join.Target.Name}', joined many-to-many, with one on the facts' side is not supported yet.");
        }
    }

    /// <summary>Per group, whether one of its rows passes; a group without live rows, and the last slot, as a fact that matched nothing.</summary>
    private static bool[] AnyPass(ManyMap many, bool[] mask)
    {
        var unmatched = mask[^1];
        var pass = new bool[many.GroupCount + 1];
        for (var g = 0; g < many.GroupCount; g++)
        {
            var rows = many.RowsOf(g);
            var any = rows.IsEmpty && unmatched;
            foreach (var row in rows) any |= mask[row];
            pass[g] = any;
        }
        pass[^1] = unmatched;
        return pass;
    }

    /// <summary>
    /// The many-to-many join each leaf of <paramref name="condition"/> reads through, null for a leaf on the fact's side (its
    /// own columns, those of tables joined one-to-one, a hierarchy anchored there).
    /// </summary>
    private static IEnumerable<ManyMap?> Sides(Condition condition, CubeSnapshot snapshot, Func<Hierarchy, HierarchyIndex> indexOf)
    {
        if (LevelFilter.LevelOf(condition) is { } level)
        {
            var index = indexOf(level.Hierarchy);
            return [index.FactAnchored(snapshot.Graph) ? null : snapshot.ManyTo(index.Anchor)];
        }
        return condition switch
        {
            CompositeCondition composite => composite.Operands.SelectMany(o => Sides(o, snapshot, indexOf)),
            NotCondition not => Sides(not.Operand, snapshot, indexOf),
            _ => WhereExpression.ConditionColumns(condition).Select(c => snapshot.ManyTo(c.Table)).DefaultIfEmpty(null),
        };
    }

    /// <summary>Which target rows of <paramref name="many"/> a condition on its side accepts, by row id, and in the last slot for no row.</summary>
    private static bool[] Mask(Condition condition, ManyMap many, CubeSnapshot snapshot, Func<Hierarchy, HierarchyIndex> indexOf, Func<Column, TableStore> tableOf)
    {
        if (LevelFilter.LevelOf(condition) is { } level)
        {
            var index = indexOf(level.Hierarchy);
            if (index.ManyOf(snapshot) != many) throw many.ReadThrough($"a condition on level '{level.Name}'");
            var accepted = LevelFilter.AcceptedMembers(condition, indexOf)!;
            var codes = index.AnchorCodes(snapshot)[level.Depth];
            var mask = new bool[codes.Length];
            for (var t = 0; t < codes.Length; t++) mask[t] = (uint)codes[t] < (uint)accepted.Length && accepted[codes[t]];
            return mask;
        }
        // Columns of the target and the tables beyond it: evaluated once per target row, and once for no row (the defaults).
        var target = many.Join.Target;
        return JoinedTableCondition.ByRow(RowCondition.Compile(condition, tableOf), snapshot, target, new TargetScope(snapshot, target));
    }

    private static bool[] And(bool[] a, bool[] b)
    {
        for (var i = 0; i < a.Length; i++) a[i] &= b[i];
        return a;
    }

    /// <summary>Reads from a many-to-many join's target: its own columns, and those of the tables joined beyond it.</summary>
    private sealed class TargetScope(CubeSnapshot snapshot, Table target) : RowScope(target.Store, snapshot.Data)
    {
        public override int[]? RowsOf(TableStore table, int chunk) =>
            table == Base ? null : snapshot.RowsAlong(target, chunk, snapshot.Graph.PathBetween(target, snapshot.Graph.Tables.First(t => t.Store == table)));
    }
}
