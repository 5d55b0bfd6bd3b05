using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Cuboid.Loading;
using Cuboid.Storage;

namespace Cuboid.Expressions;

/// <summary>
/// A compiled row-level condition: fills a mask for a chunk. Comparisons with null are false.
/// Strings compare through a per-code table built once per evaluation from the column
/// dictionary, so a string filter costs one array lookup per row.
/// </summary>
internal abstract class RowCondition
{
    public abstract void Eval(in ChunkView view, Span<bool> result);

    /// <summary>An estimate of the share of rows the condition keeps (1 when unknown): a scan sizes its cells by it.</summary>
    public virtual double Selectivity => 1;

    public static RowCondition Compile(Condition condition, Func<Column, TableStore> tableOf) => condition switch
    {
        AndCondition and => new AndRowCondition([.. and.Operands.Select(o => Compile(o, tableOf))]),
        OrCondition or => new OrRowCondition([.. or.Operands.Select(o => Compile(o, tableOf))]),
        NotCondition not => new NotRowCondition(Compile(not.Operand, tableOf)),
        ComparisonCondition { Subject: ColumnExpression, Value: ColumnExpression } cc =>
            new CalcComparison(RowCalc.Compile((ColumnExpression)cc.Subject, tableOf), cc.Operator, RowCalc.Compile((ColumnExpression)cc.Value!, tableOf)),
        // A number against a number: compared as doubles in the vector, no value decoded per row.
        ComparisonCondition { Subject: Column column } cc when IsNumberBound(cc) => Bounds(column, [cc], tableOf),
        ComparisonCondition { Subject: Column column } cc => ColumnPredicate(column, tableOf(column), v => Compare(v, cc.Operator, cc.Value)),
        ComparisonCondition { Subject: ColumnExpression e } cc => new ConstantComparison(RowCalc.Compile(e, tableOf), cc.Operator, cc.Value is null ? null : ColumnGather.ToDouble(cc.Value)),
        IsInCondition { Subject: Column column } i => ColumnPredicate(column, tableOf(column), v => i.Values.Any(x => Compare(v, ComparisonOperator.Equal, x)) != i.Negated),
        IsNullCondition { Subject: Column column } n => ColumnPredicate(column, tableOf(column), v => (v is null) != n.Negated, nullsToo: true),
        _ => throw new NotSupportedException($"The condition {condition} cannot be applied to table rows."),
    };

    /// <summary>A numeric column compared with a number (<c>x &gt;= 4</c>): several of them on one column make one range (<see cref="Bounds"/>).</summary>
    public static bool IsNumberBound(ComparisonCondition condition) =>
        condition is { Subject: Column column, Value: int or long or double or float or short or byte or decimal } && column.DataType.IsNumeric();

    /// <summary>
    /// Comparisons of one numeric column with numbers, all of which must hold (<c>x &gt;= 4 AND x &lt;= 6</c>):
    /// one <see cref="ColumnComparison"/> that tests their common range in one pass over a packed chunk.
    /// </summary>
    public static RowCondition Bounds(Column column, IReadOnlyList<ComparisonCondition> bounds, Func<Column, TableStore> tableOf)
    {
        (ComparisonOperator, double)[] tests = [.. bounds.Select(b => (b.Operator, ColumnGather.ToDouble(b.Value)))];
        RowCondition[] general = [.. tests.Select(t => new ConstantComparison(RowCalc.Compile(column, tableOf), t.Item1, t.Item2))];
        return new ColumnComparison(tableOf(column), column.Schema, tests, general.Length == 1 ? general[0] : new AndRowCondition(general));
    }

    /// <summary>Compares a stored value with a user's constant (converted to the stored value's type). Null compares false.</summary>
    internal static bool Compare(object? stored, ComparisonOperator op, object? constant)
    {
        if (stored is null || constant is null) return false;
        int order;
        if (stored is string s) order = string.CompareOrdinal(s, Convert.ToString(constant, System.Globalization.CultureInfo.InvariantCulture));
        else if (stored is double or float or int or long)
        {
            if (constant is string) return op == ComparisonOperator.NotEqual;
            order = ColumnGather.ToDouble(stored).CompareTo(ColumnGather.ToDouble(constant));
        }
        else
        {
            var type = DataTypes.FromClrType(stored.GetType());
            if (type is null || !ValueConversion.TryConvert(constant, type.Value, out var converted) || converted is null)
            {
                if (constant is string text && type is { } t && TryParse(text, t, out converted)) { }
                else return op == ComparisonOperator.NotEqual;
            }
            order = ((IComparable)stored).CompareTo(converted);
        }
        return op.Holds(order);
    }

    private static bool TryParse(string text, DataType type, out object? value)
    {
        var parser = new TextParser(new CsvOptions());
        value = null;
        switch (type)
        {
            case DataType.LocalDate when parser.TryParseDate(text, out var d): value = d; return true;
            case DataType.LocalDateTime when parser.TryParseDateTime(text, out var dt): value = dt; return true;
            case DataType.Boolean when parser.TryParseBool(text, out var b): value = b; return true;
            default: return false;
        }
    }

    private static RowCondition ColumnPredicate(Column column, TableStore table, Func<object?, bool> predicate, bool nullsToo = false) =>
        new ColumnPredicateCondition(table, column.Schema, predicate, nullsToo);
}

/// <summary>
/// A predicate on one column's values. For strings it is evaluated once per dictionary code;
/// for other types once per distinct value met in the chunk (cached), so the row loop only looks up.
/// </summary>
internal sealed class ColumnPredicateCondition(TableStore table, ColumnSchema column, Func<object?, bool> predicate, bool nullsToo) : RowCondition
{
    private volatile bool[]? _codeTable;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Eval(in ChunkView view, Span<bool> result)
    {
        var n = view.Count;
        using var keysLease = BufferPool.Longs(n, out var keys);
        ColumnGather.Keys(view, table, column, keys);
        if (column.Type == DataType.String)
        {
            var codes = CodeTable();
            var nullResult = nullsToo && predicate(null);
            for (var i = 0; i < n; i++)
            {
                var k = keys[i];
                result[i] = k == KeyEncoding.Null ? nullResult : (ulong)k < (ulong)codes.Length && codes[k];
            }
            return;
        }
        var cache = new Dictionary<long, bool>();
        for (var i = 0; i < n; i++)
        {
            var k = keys[i];
            if (!cache.TryGetValue(k, out var ok)) cache[k] = ok = predicate(KeyEncoding.Decode(column, k));
            result[i] = ok;
        }
    }

    private bool[] CodeTable()
    {
        var dictionary = column.Dictionary!;
        var table = _codeTable;
        if (table is not null && table.Length == dictionary.Count) return table;
        table = new bool[dictionary.Count];
        for (var c = 0; c < table.Length; c++) table[c] = predicate(dictionary[c]);
        _codeTable = table;
        return table;
    }
}

internal sealed class CalcComparison(RowCalc left, ComparisonOperator op, RowCalc right) : RowCondition
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Eval(in ChunkView view, Span<bool> result)
    {
        var n = view.Count;
        using var a = BufferPool.Doubles(n, out var lv);
        using var b = BufferPool.Bools(n, out var lok);
        using var c = BufferPool.Doubles(n, out var rv);
        using var d = BufferPool.Bools(n, out var rok);
        left.EvalWithValidity(view, lv, lok);
        right.EvalWithValidity(view, rv, rok);
        for (var i = 0; i < n; i++)
        {
            result[i] = lok[i] && rok[i] && op switch
            {
                ComparisonOperator.Equal => lv[i] == rv[i],
                ComparisonOperator.NotEqual => lv[i] != rv[i],
                ComparisonOperator.Less => lv[i] < rv[i],
                ComparisonOperator.LessOrEqual => lv[i] <= rv[i],
                ComparisonOperator.Greater => lv[i] > rv[i],
                _ => lv[i] >= rv[i],
            };
        }
    }
}

/// <summary>A row value against a constant, one loop per operator (null, on either side, compares false).</summary>
internal sealed class ConstantComparison(RowCalc left, ComparisonOperator op, double? constant) : RowCondition
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Eval(in ChunkView view, Span<bool> result)
    {
        var n = view.Count;
        var r = result[..n];
        if (constant is not { } c)
        {
            r.Clear();
            return;
        }
        using var a = BufferPool.Doubles(n, out var values);
        using var b = BufferPool.Bools(n, out var valid);
        left.EvalWithValidity(view, values, valid);
        var v = values[..n];
        var ok = valid[..n];
        switch (op)
        {
            case ComparisonOperator.Equal: for (var i = 0; i < r.Length; i++) r[i] = ok[i] & v[i] == c; break;
            case ComparisonOperator.NotEqual: for (var i = 0; i < r.Length; i++) r[i] = ok[i] & v[i] != c; break;
            case ComparisonOperator.Less: for (var i = 0; i < r.Length; i++) r[i] = ok[i] & v[i] < c; break;
            case ComparisonOperator.LessOrEqual: for (var i = 0; i < r.Length; i++) r[i] = ok[i] & v[i] <= c; break;
            case ComparisonOperator.Greater: for (var i = 0; i < r.Length; i++) r[i] = ok[i] & v[i] > c; break;
            default: for (var i = 0; i < r.Length; i++) r[i] = ok[i] & v[i] >= c; break;
        }
    }
}

/// <summary>
/// All operands hold. While many rows are left, each operand is evaluated on the whole slice and
/// the masks are combined a vector at a time; once a quarter or fewer are left, the rows left
/// become a selection that each later operand is evaluated on and narrows (as vectorized engines
/// do): a selective condition spares the others, and no later pass touches every row again.
/// </summary>
internal sealed class AndRowCondition(RowCondition[] operands) : RowCondition
{
    /// <summary>As if the operands were independent.</summary>
    public override double Selectivity => operands.Aggregate(1.0, (product, o) => product * o.Selectivity);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Eval(in ChunkView view, Span<bool> result)
    {
        var n = view.Count;
        var mask = result[..n];
        if (operands.Length == 0)
        {
            mask.Fill(true);   // all of nothing holds
            return;
        }
        operands[0].Eval(view, mask);
        if (operands.Length == 1) return;
        using var otherLease = BufferPool.Bools(n, out var other);
        var bytes = MemoryMarshal.Cast<bool, byte>(mask);
        var left = bytes.Count((byte)1);
        var o = 1;
        for (; o < operands.Length && left > n / 4; o++)
        {
            operands[o].Eval(view, other);
            And(bytes, MemoryMarshal.Cast<bool, byte>(other[..n]));
            left = bytes.Count((byte)1);
        }
        if (o == operands.Length || left == 0) return;
        using var positionsLease = BufferPool.Ints(n, out var positions);   // rows left, as positions in the view
        using var selectionLease = BufferPool.Ints(n, out _);
        var selection = selectionLease.Array;                                // the same rows as chunk offsets
        var k = Compaction.Positions(mask, 0, positions);
        var outer = view.Selection;
        for (var j = 0; j < k; j++) selection[j] = outer is null ? view.Offset + positions[j] : outer[positions[j]];
        for (; o < operands.Length && k > 0; o++)
        {
            operands[o].Eval(new ChunkView(view.Scope, view.Index, 0, k, selection), other);
            var kept = 0;
            for (var j = 0; j < k; j++)
            {
                positions[kept] = positions[j];
                selection[kept] = selection[j];
                kept += other[j] ? 1 : 0;
            }
            k = kept;
        }
        mask.Clear();
        for (var j = 0; j < k; j++) mask[positions[j]] = true;
    }

    /// <summary>target &amp;= other, on masks of 0 and 1 bytes.</summary>
    private static void And(Span<byte> target, ReadOnlySpan<byte> other)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= target.Length - Vector256<byte>.Count; i += Vector256<byte>.Count) (Vector256.Create(target[i..]) & Vector256.Create(other[i..])).CopyTo(target[i..]);
        }
        for (; i < target.Length; i++) target[i] &= other[i];
    }
}

internal sealed class OrRowCondition(RowCondition[] operands) : RowCondition
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Eval(in ChunkView view, Span<bool> result)
    {
        var n = view.Count;
        if (operands.Length == 0)
        {
            result[..n].Clear();   // any of nothing does not
            return;
        }
        operands[0].Eval(view, result);
        using var lease = BufferPool.Bools(n, out var other);
        for (var o = 1; o < operands.Length; o++)
        {
            operands[o].Eval(view, other);
            for (var i = 0; i < n; i++) result[i] |= other[i];
        }
    }
}

internal sealed class NotRowCondition(RowCondition operand) : RowCondition
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Eval(in ChunkView view, Span<bool> result)
    {
        operand.Eval(view, result);
        for (var i = 0; i < view.Count; i++) result[i] = !result[i];
    }
}
