using Cuboid.Storage;

namespace Cuboid.Expressions;

/// <summary>
/// A compiled row-level numeric expression. It computes a whole chunk at a time into a buffer
/// (vectorized interpretation): one virtual call per node per chunk, then tight loops, so
/// <c>quantity * price</c> over 10M rows costs a few passes over L2-resident buffers.
/// </summary>
internal abstract class RowCalc
{
    /// <summary>Fills <paramref name="values"/> and <paramref name="valid"/> (false for null) for the chunk's rows.</summary>
    public abstract void Eval(in ChunkView view, Span<double> values, Span<bool> valid);

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
}

internal sealed class ColumnCalc(TableStore table, ColumnSchema column) : RowCalc
{
    public override (TableStore Table, ColumnSchema Column)? AsColumn => (table, column);

    public override void Eval(in ChunkView view, Span<double> values, Span<bool> valid)
    {
        if (!column.Type.IsNumeric() && column.Type != DataType.Boolean)
        {
            throw new InvalidOperationException($"Column '{column.Name}' is {column.Type}; only numbers can be computed on.");
        }
        ColumnGather.Doubles(view, table, column, values, valid);
    }
}

internal sealed class ConstantCalc(double? value) : RowCalc
{
    public override void Eval(in ChunkView view, Span<double> values, Span<bool> valid)
    {
        values[..view.Count].Fill(value ?? 0);
        valid[..view.Count].Fill(value.HasValue);
    }
}

internal sealed class ArithmeticCalc(ArithmeticOperator op, RowCalc left, RowCalc right) : RowCalc
{
    public override void Eval(in ChunkView view, Span<double> values, Span<bool> valid)
    {
        var n = view.Count;
        left.Eval(view, values, valid);
        using var rightValues = BufferPool.Doubles(n, out var rv);
        using var rightValid = BufferPool.Bools(n, out var rok);
        right.Eval(view, rv, rok);
        switch (op)
        {
            case ArithmeticOperator.Add: for (var i = 0; i < n; i++) values[i] += rv[i]; break;
            case ArithmeticOperator.Subtract: for (var i = 0; i < n; i++) values[i] -= rv[i]; break;
            case ArithmeticOperator.Multiply: for (var i = 0; i < n; i++) values[i] *= rv[i]; break;
            case ArithmeticOperator.Divide:
                for (var i = 0; i < n; i++)
                {
                    // Division by zero gives null, not infinity: an empty denominator has no ratio.
                    if (rv[i] == 0) rok[i] = false;
                    else values[i] /= rv[i];
                }
                break;
            case ArithmeticOperator.Modulo:
                for (var i = 0; i < n; i++)
                {
                    if (rv[i] == 0) rok[i] = false;
                    else values[i] %= rv[i];
                }
                break;
        }
        for (var i = 0; i < n; i++) valid[i] &= rok[i];
    }
}

internal sealed class WhereCalc(RowCondition condition, RowCalc then, RowCalc otherwise) : RowCalc
{
    public override void Eval(in ChunkView view, Span<double> values, Span<bool> valid)
    {
        var n = view.Count;
        using var maskBuffer = BufferPool.Bools(n, out var mask);
        condition.Eval(view, mask);
        then.Eval(view, values, valid);
        using var elseValues = BufferPool.Doubles(n, out var ev);
        using var elseValid = BufferPool.Bools(n, out var eok);
        otherwise.Eval(view, ev, eok);
        for (var i = 0; i < n; i++)
        {
            if (mask[i]) continue;
            values[i] = ev[i];
            valid[i] = eok[i];
        }
    }
}
