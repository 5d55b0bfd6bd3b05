using System.Runtime.CompilerServices;
using Cuboid.Expressions;
using Cuboid.Model;
using Cuboid.Storage;

namespace Cuboid.Aggregation;

/// <summary>
/// Compiles a query filter into a condition on fact rows. A condition on a level becomes a
/// table of accepted member codes (each member's value is tested once), looked up with the
/// row's member code; AND, OR and NOT combine masks. Conditions on columns are allowed too; those
/// on one joined table's columns are evaluated once per row of that table (JoinedTableCondition).
/// </summary>
internal static class LevelFilter
{
    public static RowCondition Compile(Condition condition, CubeSnapshot snapshot, Func<Hierarchy, HierarchyIndex> indexOf, Func<Column, TableStore> tableOf) => condition switch
    {
        _ when JoinedTableCondition.TableOf(condition, snapshot) is { } joined => new JoinedTableCondition(RowCondition.Compile(condition, tableOf), snapshot, joined),
        AndCondition and => And(and, snapshot, indexOf, tableOf),
        OrCondition or => new OrRowCondition([.. or.Operands.Select(o => Compile(o, snapshot, indexOf, tableOf))]),
        NotCondition not => new NotRowCondition(Compile(not.Operand, snapshot, indexOf, tableOf)),
        _ when LevelOf(condition) is { } level => new LevelCondition(snapshot, indexOf(level.Hierarchy), level.Depth, AcceptedMembers(condition, indexOf)!),
        _ => RowCondition.Compile(condition, tableOf),
    };

    /// <summary>
    /// An AND's operands, nested ANDs flattened, cheapest first (<see cref="Cost"/>); the numeric
    /// bounds on one fact column (<c>x &gt;= 4</c>, <c>x &lt;= 6</c>) merged into one range test.
    /// </summary>
    private static AndRowCondition And(AndCondition and, CubeSnapshot snapshot, Func<Hierarchy, HierarchyIndex> indexOf, Func<Column, TableStore> tableOf)
    {
        var operands = Flatten(and).ToList();
        var bounds = operands.OfType<ComparisonCondition>()
            .Where(c => RowCondition.IsNumberBound(c) && c.Operator != ComparisonOperator.NotEqual && ((Column)c.Subject).Table == snapshot.Graph.Fact)
            .GroupBy(c => ((Column)c.Subject).Schema).Where(g => g.Count() > 1).ToList();
        var compiled = new List<(int Cost, RowCondition Condition)>();
        foreach (var group in bounds)
        {
            compiled.Add((1, RowCondition.Bounds((Column)group.First().Subject, [.. group], tableOf)));
            operands.RemoveAll(o => group.Contains(o));
        }
        compiled.AddRange(operands.Select(o => (Cost(o, snapshot, indexOf), Compile(o, snapshot, indexOf, tableOf))));
        // Among conditions of one cost, a level's that accepts fewer of its members first: it leaves fewer rows to the next.
        return new AndRowCondition([.. compiled.OrderBy(c => c.Cost).ThenBy(c => c.Condition is LevelCondition level ? level.Selectivity : 0.5).Select(c => c.Condition)]);
    }

    /// <summary>The operands of nested ANDs as one list.</summary>
    private static IEnumerable<Condition> Flatten(AndCondition and) => and.Operands.SelectMany(o => o is AndCondition inner ? Flatten(inner) : [o]);

    /// <summary>
    /// What a condition costs a row, roughly, to order an AND's operands (OrderBy is stable): the
    /// fact's own columns compared in the scan's vectors (1) first, then a level's member codes or a
    /// joined table's rows through the join map (2), then values gathered through joins (3). An AND
    /// evaluates its later operands only on the rows the earlier ones left, so the cheap ones
    /// filter for the dear ones; the result is the same in any order.
    /// </summary>
    private static int Cost(Condition condition, CubeSnapshot snapshot, Func<Hierarchy, HierarchyIndex> indexOf)
    {
        if (JoinedTableCondition.TableOf(condition, snapshot) is not null) return 2;
        if (LevelOf(condition) is { } level) return indexOf(level.Hierarchy).FactAnchored(snapshot.Graph) ? 1 : 2;
        return condition switch
        {
            CompositeCondition composite => composite.Operands.Select(o => Cost(o, snapshot, indexOf)).DefaultIfEmpty(1).Max(),
            NotCondition not => Cost(not.Operand, snapshot, indexOf),
            _ => WhereExpression.ConditionColumns(condition).All(c => c.Table == snapshot.Graph.Fact) ? 1 : 3,
        };
    }

    /// <summary>The level a condition on one level's members is about (null for other conditions).</summary>
    public static Level? LevelOf(Condition condition) => condition switch
    {
        ComparisonCondition { Subject: Level level } => level,
        IsInCondition { Subject: Level level } => level,
        IsNullCondition { Subject: Level level } => level,
        MembersCondition m => m.Level,
        _ => null,
    };

    /// <summary>Which members of its level (by code) a condition on one level accepts, each member's value tested once; null for other conditions.</summary>
    public static bool[]? AcceptedMembers(Condition condition, Func<Hierarchy, HierarchyIndex> indexOf) => condition switch
    {
        ComparisonCondition { Subject: Level level } c => Members(indexOf(level.Hierarchy), level, v => RowCondition.Compare(v, c.Operator, c.Value)),
        IsInCondition { Subject: Level level } i => Members(indexOf(level.Hierarchy), level, v => i.Values.Any(x => RowCondition.Compare(v, ComparisonOperator.Equal, x)) != i.Negated),
        IsNullCondition { Subject: Level level } n => Members(indexOf(level.Hierarchy), level, v => (v is null) != n.Negated),
        MembersCondition m => m.Accepted(indexOf(m.Level.Hierarchy)),
        _ => null,
    };

    private static bool[] Members(HierarchyIndex index, Level level, Func<object?, bool> accept)
    {
        var depth = level.Depth;
        var count = index.Members.Count(depth);
        var table = new bool[count];
        for (var code = 0; code < count; code++) table[code] = accept(level.Source.ValueOf(index.Members.Key(depth, code)));
        return table;
    }
}

/// <summary>
/// Rows whose member at one level is in a table of accepted codes. For a hierarchy anchored on
/// a joined table the acceptance is first spread over that table's rows, so a fact row costs one
/// lookup through its join map; for a fact-anchored one, one lookup of its member code.
/// </summary>
internal sealed class LevelCondition : RowCondition
{
    private readonly CubeSnapshot _snapshot;
    private readonly HierarchyIndex _index;
    private readonly int _depth;
    private readonly bool[] _accepted;
    private readonly bool[]? _byAnchorRow;
    private readonly PackedRange? _range;

    /// <summary>The share of the level's members the condition accepts: an estimate of the share of rows it keeps.</summary>
    public override double Selectivity { get; }   // the accepted codes when they are one run (one member, most often): tested 32 bytes a vector

    public LevelCondition(CubeSnapshot snapshot, HierarchyIndex index, int depth, bool[] accepted)
    {
        (_snapshot, _index, _depth, _accepted) = (snapshot, index, depth, accepted);
        Selectivity = accepted.Length == 0 ? 0 : (double)accepted.Count(a => a) / accepted.Length;
        if (index.FactAnchored(snapshot.Graph)) return;
        _range = Contiguous(accepted);
        var codes = index.AnchorCodes(snapshot)[depth];
        _byAnchorRow = new bool[codes.Length];
        for (var i = 0; i < codes.Length; i++) _byAnchorRow[i] = (uint)codes[i] < (uint)accepted.Length && accepted[codes[i]];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Eval(in ChunkView view, Span<bool> result)
    {
        var (n, offset, sel) = (view.Count, view.Offset, view.Selection);
        if (_byAnchorRow is null)
        {
            var codes = _index.FactChunkCodes(_snapshot, view.Index)[_depth];
            var accepted = _accepted;
            if (sel is null)
            {
                var slice = codes.AsSpan(offset, n);
                for (var r = 0; r < slice.Length; r++) result[r] = (uint)slice[r] < (uint)accepted.Length && accepted[slice[r]];
            }
            else
            {
                for (var r = 0; r < n; r++) result[r] = (uint)codes[sel[r]] < (uint)accepted.Length && accepted[codes[sel[r]]];
            }
            return;
        }
        // A level of at most 65,536 members: its codes, 1 or 2 bytes a fact row, instead of the join map and a lookup by joined row.
        switch (_index.NarrowFactCodes(_snapshot, _depth, view.Index))
        {
            case byte[] bytes:
                if (_range is { } range && sel is null) range.Eval(bytes.AsSpan(offset, n), default, default, 1, result[..n]);
                else Lookup(bytes, offset, n, sel, result);
                return;
            case ushort[] shorts:
                if (_range is { } wide && sel is null) wide.Eval(default, shorts.AsSpan(offset, n), default, 2, result[..n]);
                else Lookup(shorts, offset, n, sel, result);
                return;
        }
        using var idLease = BufferPool.Ints(n, out var idBuffer);
        var rows = view.Map(_snapshot.FactRowsOf(_index.Anchor, view.Index)!, idBuffer);
        var byRow = _byAnchorRow;
        var unmatched = (uint)(byRow.Length - 1);
        for (var r = 0; r < rows.Length; r++)
        {
            var id = (uint)rows[r];
            result[r] = byRow[id < unmatched ? id : unmatched];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Lookup<T>(T[] codes, int offset, int n, int[]? sel, Span<bool> result) where T : unmanaged, System.Numerics.IBinaryInteger<T>
    {
        var accepted = _accepted;
        if (sel is null)
        {
            var slice = codes.AsSpan(offset, n);
            for (var r = 0; r < slice.Length; r++) result[r] = uint.CreateTruncating(slice[r]) < (uint)accepted.Length && accepted[int.CreateTruncating(slice[r])];
        }
        else
        {
            for (var r = 0; r < n; r++) result[r] = uint.CreateTruncating(codes[sel[r]]) < (uint)accepted.Length && accepted[int.CreateTruncating(codes[sel[r]])];
        }
    }

    /// <summary>The accepted codes as one range of byte codes, when they are one run; null otherwise.</summary>
    private static PackedRange? Contiguous(bool[] accepted)
    {
        var first = Array.IndexOf(accepted, true);
        if (first < 0) return new PackedRange(0, 0, Empty: true, Negated: false);
        var last = Array.LastIndexOf(accepted, true);
        if (last > ushort.MaxValue || Array.IndexOf(accepted, false, first, last - first + 1) >= 0) return null;
        return new PackedRange((uint)first, (uint)last, Empty: false, Negated: false);
    }
}
