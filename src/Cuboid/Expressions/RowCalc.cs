using System.Runtime.CompilerServices;
using Cuboid.Storage;

namespace Cuboid.Expressions;

/// <summary>
/// A compiled row-level numeric expression. It computes a whole chunk at a time into a buffer
/// (vectorized interpretation): one virtual call per node per chunk, then tight loops, so
/// <c>quantity * price</c> over 10M rows costs a few passes over L2-resident buffers.
/// </summary>
internal abstract class RowCalc
{
    /// <summary>
    /// Fills <paramref name="values"/> for the view's rows. Returns whether some value is null;
    /// only then is <paramref name="valid"/> (false for null) filled, so calcs over columns
    /// without nulls never touch it.
    /// </summary>
    public abstract bool Eval(in ChunkView view, Span<double> values, Span<bool> valid);

    /// <summary>A column read straight from storage when the calc is just that column, else null.</summary>
    public virtual (TableStore Table, ColumnSchema Column)? AsColumn => null;

    public static RowCalc Compile(ColumnExpression expression, Func<Column, TableStore> tableOf) => expression switch
    {
        Column c => new ColumnCalc(tableOf(c), c.Schema),
        ConstantExpression k => new ConstantCalc(k.Value is null ? null : ColumnGather.ToDouble(k.Value)),
        ArithmeticExpression a => new ArithmeticCalc(a.Operator, Compile(a.Left, tableOf), Compile(a.Right, tableOf)),
        WhereExpression w => new WhereCalc(RowCondition.Compile(w.Condition, tableOf), Compile(w.Then, tableOf),
            w.Otherwise is null ? new ConstantCalc(null) : Compile(w.Otherwise, tableOf)),
        _ => throw new NotSupportedException($"Cannot compute {expression} on rows."),
    };

    /// <summary>The input of a distinct count: a bare column of any type is counted by its keys.</summary>
    public static RowCalc CompileDistinct(ColumnExpression expression, Func<Column, TableStore> tableOf) =>
        expression is Column c ? new ColumnCalc(tableOf(c), c.Schema, keysOnly: true) : Compile(expression, tableOf);

    /// <summary>Makes <paramref name="valid"/> meaningful whatever <see cref="Eval"/> returned.</summary>
    public bool EvalWithValidity(in ChunkView view, Span<double> values, Span<bool> valid)
    {
        var hasNulls = Eval(view, values, valid);
        if (!hasNulls) valid[..view.Count].Fill(true);
        return hasNulls;
    }
}

internal sealed class ColumnCalc : RowCalc
{
    private readonly TableStore _table;
    private readonly ColumnSchema _column;

    /// <param name="table">The table holding the column.</param>
    /// <param name="column">The column read.</param>
    /// <param name="keysOnly">True for a distinct count, which reads the column's key encodings (<see cref="RowCalc.AsColumn"/>), so any scalar type will do.</param>
    public ColumnCalc(TableStore table, ColumnSchema column, bool keysOnly = false)
    {
        if (!keysOnly && !column.Type.IsNumeric() && column.Type != DataType.Boolean)
        {
            throw new ArgumentException($"Column '{column.Name}' is {column.Type}; only numbers can be aggregated or computed on.");
        }
        _table = table;
        _column = column;
    }

    public override (TableStore Table, ColumnSchema Column)? AsColumn => (_table, _column);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override bool Eval(in ChunkView view, Span<double> values, Span<bool> valid) =>
        ColumnGather.Doubles(view, _table, _column, values, valid);
}

internal sealed class ConstantCalc(double? value) : RowCalc
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override bool Eval(in ChunkView view, Span<double> values, Span<bool> valid)
    {
        values[..view.Count].Fill(value ?? 0);
        if (value.HasValue) return false;
        valid[..view.Count].Clear();
        return true;
    }
}

internal sealed partial class ArithmeticCalc(ArithmeticOperator op, RowCalc left, RowCalc right) : RowCalc
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override bool Eval(in ChunkView view, Span<double> values, Span<bool> valid)
    {
        if (op == ArithmeticOperator.Multiply && TryMultiplyColumns(view, values)) return false;
        var n = view.Count;
        var leftNulls = left.Eval(view, values, valid);
        using var rightValues = BufferPool.Doubles(n, out var rv);
        using var rightValid = BufferPool.Bools(n, out var rok);
        var rightNulls = right.Eval(view, rv, rok);
        var hasNulls = leftNulls || rightNulls || op is ArithmeticOperator.Divide or ArithmeticOperator.Modulo;
        if (hasNulls && !leftNulls) valid[..n].Fill(true);
        if (rightNulls)
        {
            for (var i = 0; i < n; i++) valid[i] &= rok[i];
        }
        switch (op)
        {
            case ArithmeticOperator.Add: for (var i = 0; i < n; i++) values[i] += rv[i]; break;
            case ArithmeticOperator.Subtract: for (var i = 0; i < n; i++) values[i] -= rv[i]; break;
            case ArithmeticOperator.Multiply: for (var i = 0; i < n; i++) values[i] *= rv[i]; break;
            case ArithmeticOperator.Divide:
                for (var i = 0; i < n; i++)
                {
                    // Division by zero gives null, not infinity: an empty denominator has no ratio.
                    if (rv[i] == 0) valid[i] = false;
                    else values[i] /= rv[i];
                }
                break;
            case ArithmeticOperator.Modulo:
                for (var i = 0; i < n; i++)
                {
                    if (rv[i] == 0) valid[i] = false;
                    else values[i] %= rv[i];
                }
                break;
        }
        return hasNulls;
    }
}

internal sealed partial class ArithmeticCalc
{
    /// <summary>
    /// quantity × price on two columns of the scanned chunk without nulls, read straight from
    /// storage in one loop: the most common measure input, worth skipping the buffers for.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryMultiplyColumns(in ChunkView view, Span<double> values)
    {
        if (left.AsColumn is not { } a || right.AsColumn is not { } b) return false;
        if (a.Table != view.Scope.Base || b.Table != view.Scope.Base) return false;
        var chunk = view.Chunk;
        var (x, y) = (chunk.Columns[a.Column.Index], chunk.Columns[b.Column.Index]);
        if (x.HasNulls || y.HasNulls) return false;
        var (offset, n) = (view.Offset, view.Count);
        if (view.Selection is { } sel)
        {
            switch (x, y)
            {
                case (PrimitiveData<int> i, PrimitiveData<double> d): for (var r = 0; r < n; r++) values[r] = i.Values[sel[r]] * d.Values[sel[r]]; return true;
                case (PrimitiveData<double> d, PrimitiveData<int> i): for (var r = 0; r < n; r++) values[r] = i.Values[sel[r]] * d.Values[sel[r]]; return true;
                case (PrimitiveData<double> d1, PrimitiveData<double> d2): for (var r = 0; r < n; r++) values[r] = d1.Values[sel[r]] * d2.Values[sel[r]]; return true;
                default: return false;
            }
        }
        switch (x, y)
        {
            case (PrimitiveData<int> i, PrimitiveData<double> d):
                Multiply(i.Values.AsSpan(offset, n), d.Values.AsSpan(offset, n), values);
                return true;
            case (PrimitiveData<double> d, PrimitiveData<int> i):
                Multiply(i.Values.AsSpan(offset, n), d.Values.AsSpan(offset, n), values);
                return true;
            case (PrimitiveData<double> d1, PrimitiveData<double> d2):
                Multiply(d1.Values.AsSpan(offset, n), d2.Values.AsSpan(offset, n), values);
                return true;
            default:
                return false;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Multiply(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> result)
    {
        for (var r = 0; r < a.Length; r++) result[r] = a[r] * b[r];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Multiply(ReadOnlySpan<int> ints, ReadOnlySpan<double> doubles, Span<double> result)
    {
        for (var r = 0; r < ints.Length; r++) result[r] = ints[r] * doubles[r];
    }
}

internal sealed class WhereCalc(RowCondition condition, RowCalc then, RowCalc otherwise) : RowCalc
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override bool Eval(in ChunkView view, Span<double> values, Span<bool> valid)
    {
        var n = view.Count;
        using var maskBuffer = BufferPool.Bools(n, out var mask);
        condition.Eval(view, mask);
        then.EvalWithValidity(view, values, valid);
        using var elseValues = BufferPool.Doubles(n, out var ev);
        using var elseValid = BufferPool.Bools(n, out var eok);
        otherwise.EvalWithValidity(view, ev, eok);
        var hasNulls = false;
        for (var i = 0; i < n; i++)
        {
            if (!mask[i])
            {
                values[i] = ev[i];
                valid[i] = eok[i];
            }
            hasNulls |= !valid[i];
        }
        return hasNulls;
    }
}
