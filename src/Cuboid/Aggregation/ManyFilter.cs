using System.Runtime.CompilerServices;
using Cuboid.Expressions;
using Cuboid.Model;
using Cuboid.Storage;

namespace Cuboid.Aggregation;

/// <summary>
/// A filter that reads through a many-to-many join (<c>Tag == "red"</c>, a restriction on tags). Logically a cube over
/// such a join aggregates (fact, target row) pairs, and a filter keeps pairs: the operands of its top-level AND that read
/// only the target's side become one mask over the target's rows (plus a last slot for a fact that matched none: the
/// columns' defaults), and those that read only the fact's side a condition on fact rows as usual. A fact row passes when
/// its own operands do and some row of its group passes the mask (EXISTS): the form every reader of fact rows sees
/// (drillthrough, a scan grouped by other levels). A scan grouped by the join's levels reads the mask itself, so that a
/// fact counts only under the members of the rows that passed (see <see cref="ManyExpansion"/>).
/// </summary>
internal sealed class ManyFilter : RowCondition
{
    private readonly CubeSnapshot _snapshot;
    private readonly RowCondition? _fact;
    private readonly Part[] _parts;

    /// <summary>The mask of one many-to-many join's target rows (last slot: no row), and by group (last slot: none) whether some row passes.</summary>
    private sealed record Part(ManyMap Many, bool[] Mask, bool[] AnyPass);

    private ManyFilter(CubeSnapshot snapshot, RowCondition? fact, Part[] parts) => (_snapshot, _fact, _parts) = (snapshot, fact, parts);

    /// <summary>Whether <paramref name="condition"/> reads some table through a many-to-many join of <paramref name="snapshot"/>.</summary>
    public static bool Reads(Condition condition, CubeSnapshot snapshot, Func<Hierarchy, HierarchyIndex> indexOf) =>
        Sides(condition, snapshot, indexOf).Any(side => side is not null);

    public static ManyFilter Compile(Condition condition, CubeSnapshot snapshot, Func<Hierarchy, HierarchyIndex> indexOf, Func<Column, TableStore> tableOf)
    {
        var operands = condition is AndCondition and ? LevelFilter.Flatten(and).ToList() : [condition];
        var fact = new List<Condition>();
        var byJoin = new Dictionary<JoinDefinition, (ManyMap Many, bool[]? Mask)>();
        foreach (var operand in operands)
        {
            var sides = Sides(operand, snapshot, indexOf).Distinct().ToList();
            if (sides is [null]) fact.Add(operand);
            else if (sides is [{ } many])
            {
                var mask = Mask(operand, many, snapshot, indexOf, tableOf);
                if (byJoin.TryGetValue(many.Join, out var known)) mask = And(known.Mask!, mask);
                byJoin[many.Join] = (many, mask);
            }
            else
            {
                var join = sides.First(s => s is not null)!.Join;
                throw new NotSupportedException(
                    $"A condition that combines (with OR or NOT) columns or levels on both sides of the many-to-many join from '{join.Source.Name}' to '{join.Target.Name}' "
                    + "is not supported yet; write it as an AND of conditions on either side.");
            }
        }
        var factCondition = fact.Count switch
        {
            0 => null,
            1 => LevelFilter.CompileRows(fact[0], snapshot, indexOf, tableOf),
            _ => LevelFilter.CompileRows(new AndCondition(fact), snapshot, indexOf, tableOf),
        };
        return new ManyFilter(snapshot, factCondition, [.. byJoin.Values.Select(p => new Part(p.Many, p.Mask!, AnyPass(p.Many, p.Mask!)))]);
    }

    /// <summary>The mask of <paramref name="many"/>'s target rows, with the last slot for a fact that matched none (null: no condition on that join).</summary>
    public bool[]? MaskOf(ManyMap many) => _parts.FirstOrDefault(p => p.Many == many)?.Mask;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Eval(in ChunkView view, Span<bool> result)
    {
        var (n, offset, sel) = (view.Count, view.Offset, view.Selection);
        if (_fact is null) result[..n].Fill(true);
        else _fact.Eval(view, result);
        foreach (var part in _parts)
        {
            var groups = _snapshot.FactGroupsOf(part.Many, view.Index);
            var anyPass = part.AnyPass;
            var none = (uint)(anyPass.Length - 1);
            for (var r = 0; r < n; r++)
            {
                var g = (uint)groups[sel is null ? offset + r : sel[r]];
                result[r] &= anyPass[g < none ? g : none];   // -1 (no group) wraps to the last slot
            }
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
        switch (condition)
        {
            case AndCondition and:
                return and.Operands.Select(o => Mask(o, many, snapshot, indexOf, tableOf)).Aggregate(And);
            case OrCondition or:
                return or.Operands.Select(o => Mask(o, many, snapshot, indexOf, tableOf)).Aggregate((a, b) =>
                {
                    for (var i = 0; i < a.Length; i++) a[i] |= b[i];
                    return a;
                });
            case NotCondition not:
                var inner = Mask(not.Operand, many, snapshot, indexOf, tableOf);
                for (var i = 0; i < inner.Length; i++) inner[i] = !inner[i];
                return inner;
        }
        // Columns of the target and the tables beyond it: evaluated once per target row, and once for no row (the defaults).
        var compiled = RowCondition.Compile(condition, tableOf);
        var target = many.Join.Target;
        var version = snapshot.Data[target.Store];
        var result = new bool[version.RowIdLimit + 1];
        var scope = new TargetScope(snapshot, target);
        for (var c = 0; c < version.Chunks.Length; c++)
        {
            var count = version.Chunks[c].Count;
            using var lease = BufferPool.Bools(count, out var pass);
            compiled.Eval(new ChunkView(scope, c, 0, count), pass);
            pass.CopyTo(result.AsSpan(Chunk.RowId(c, 0), count));
        }
        Span<bool> unmatched = stackalloc bool[1];
        compiled.Eval(new ChunkView(new NoRowScope(snapshot.Graph.Fact.Store, snapshot.Data), 0, 0, 1), unmatched);
        result[^1] = unmatched[0];
        return result;
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

    /// <summary>One fact row that matched no row through the join: every joined column reads its default.</summary>
    private sealed class NoRowScope(TableStore fact, DataVersion data) : RowScope(fact, data)
    {
        private static readonly int[] s_none = [-1];

        public override int[]? RowsOf(TableStore table, int chunk) => table == Base ? null : s_none;
    }
}
