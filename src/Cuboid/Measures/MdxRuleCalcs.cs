using Cuboid.Aggregation;

namespace Cuboid.Measures;

/// <summary>
/// Arithmetic with MDX's empty-cell rules, for calculated members compiled to measures: empty
/// beside a value is 0 for + and −, makes × empty, an empty dividend is empty and an empty
/// divisor is 0 (x/0 is infinite, 0/0 NaN); −0 is 0 — what the per-cell MDX evaluator does.
/// </summary>
internal sealed class MdxArithmeticMeasure(ArithmeticOperator op, MeasureDefinition left, MeasureDefinition right) : MeasureDefinition
{
    public ArithmeticOperator Operator { get; } = op;
    public MeasureDefinition Left { get; } = left;
    public MeasureDefinition Right { get; } = right;

    internal override IEnumerable<MeasureDefinition> Operands => [Left, Right];

    public override string ToString() => $"({Left} {Operator} {Right})";
}

/// <summary>A comparison with MDX's rules: an empty cell compares as 0.</summary>
internal sealed class MdxComparisonCondition(MeasureDefinition left, ComparisonOperator op, MeasureDefinition right) : Condition
{
    public MeasureDefinition Left { get; } = left;
    public ComparisonOperator Operator { get; } = op;
    public MeasureDefinition Right { get; } = right;

    public override string ToString() => $"{Left} {Operator} {Right}";
}

internal sealed class MdxArithmeticCalc(ArithmeticOperator op, MeasureCalc left, MeasureCalc right) : MeasureCalc
{
    public override DataType ResultType => DataType.Double;

    public override IEnumerable<AggregateSpec> Leaves => left.Leaves.Concat(right.Leaves);

    public override (double[] Values, bool[] Valid) Eval(MeasureInput input)
    {
        var (a, aok) = left.Eval(input);
        var (b, bok) = right.Eval(input);
        var n = a.Length;
        var values = new double[n];
        var valid = new bool[n];
        for (var i = 0; i < n; i++)
        {
            if (Apply(op, aok[i] ? a[i] : null, bok[i] ? b[i] : null) is not { } value) continue;
            values[i] = value;
            valid[i] = true;
        }
        return (values, valid);
    }

    /// <summary>One operation by MDX's rules (null: an empty cell).</summary>
    public static double? Apply(ArithmeticOperator op, double? a, double? b)
    {
        if (a is null && b is null) return null;
        if ((op == ArithmeticOperator.Multiply && (a is null || b is null)) || (op == ArithmeticOperator.Divide && a is null)) return null;
        var (x, y) = (a ?? 0, b ?? 0);
        var value = op switch
        {
            ArithmeticOperator.Add => x + y,
            ArithmeticOperator.Subtract => x - y,
            ArithmeticOperator.Multiply => x * y,
            ArithmeticOperator.Divide => x == 0 && y == 0 ? double.NaN : x / y,
            _ => x % y,
        };
        return value == 0 ? 0 : value;
    }
}
