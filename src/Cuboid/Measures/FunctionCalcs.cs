using Cuboid.Aggregation;

namespace Cuboid.Measures;

/// <summary>A math function over measure values, cell by cell; empty in, empty out.</summary>
internal sealed class MathCalc(MathFunction function, MeasureCalc[] operands, int digits) : MeasureCalc
{
    public override DataType ResultType =>
        function is MathFunction.Abs or MathFunction.Min or MathFunction.Max && operands.All(o => o.ResultType == DataType.Long) ? DataType.Long : DataType.Double;

    public override IEnumerable<AggregateSpec> Leaves => operands.SelectMany(o => o.Leaves);

    public override (double[] Values, bool[] Valid) Eval(MeasureInput input)
    {
        var result = input.Result;
        var inputs = operands.Select(o => o.Eval(input)).ToArray();
        var n = result.CellCount;
        var values = new double[n];
        var valid = new bool[n];
        for (var i = 0; i < n; i++)
        {
            var x = inputs[0].Values[i];
            valid[i] = function is MathFunction.Min or MathFunction.Max ? inputs.Any(v => v.Valid[i]) : inputs.All(v => v.Valid[i]);
            if (!valid[i]) continue;
            values[i] = function switch
            {
                MathFunction.Abs => Math.Abs(x),
                MathFunction.Sqrt => Math.Sqrt(x),
                MathFunction.Exp => Math.Exp(x),
                MathFunction.Log => Math.Log(x),
                MathFunction.Log10 => Math.Log10(x),
                MathFunction.Ceil => Math.Ceiling(x),
                MathFunction.Floor => Math.Floor(x),
                MathFunction.Round => Math.Round(x, digits, MidpointRounding.AwayFromZero),
                MathFunction.Sin => Math.Sin(x),
                MathFunction.Cos => Math.Cos(x),
                MathFunction.Tan => Math.Tan(x),
                MathFunction.Erf => Erf(x),
                MathFunction.Erfc => 1 - Erf(x),
                MathFunction.Pow => Math.Pow(x, inputs[1].Values[i]),
                // Min and Max skip the empty operands, as Atoti's do.
                MathFunction.Min => inputs.Where(v => v.Valid[i]).Min(v => v.Values[i]),
                _ => inputs.Where(v => v.Valid[i]).Max(v => v.Values[i]),
            };
        }
        return (values, valid);
    }

    /// <summary>The error function, by Abramowitz and Stegun's formula 7.1.26 (absolute error under 1.5e-7).</summary>
    private static double Erf(double x)
    {
        var sign = Math.Sign(x);
        x = Math.Abs(x);
        var t = 1 / (1 + 0.3275911 * x);
        var y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.Exp(-x * x);
        return sign * y;
    }
}

/// <summary>Fn.Where on measures: per cell, Then where the condition holds, Otherwise (or empty) elsewhere.</summary>
internal sealed class WhereMeasureCalc(MeasureConditionCalc condition, MeasureCalc then, MeasureCalc? otherwise) : MeasureCalc
{
    public override DataType ResultType => otherwise is null || otherwise.ResultType == then.ResultType ? then.ResultType : DataType.Double;

    public override IEnumerable<AggregateSpec> Leaves => [.. then.Leaves, .. otherwise?.Leaves ?? [], .. condition.Leaves];

    public override (double[] Values, bool[] Valid) Eval(MeasureInput input)
    {
        var result = input.Result;
        var mask = condition.Eval(input);
        var (a, aok) = then.Eval(input);
        var (b, bok) = otherwise?.Eval(input) ?? (new double[input.Result.CellCount], new bool[input.Result.CellCount]);
        var n = result.CellCount;
        var values = new double[n];
        var valid = new bool[n];
        for (var i = 0; i < n; i++) (values[i], valid[i]) = mask[i] ? (a[i], aok[i]) : (b[i], bok[i]);
        return (values, valid);
    }
}

/// <summary>A condition on measures, evaluated for every cell at once.</summary>
internal abstract class MeasureConditionCalc
{
    public abstract IEnumerable<AggregateSpec> Leaves { get; }

    public abstract bool[] Eval(MeasureInput input);

    public static MeasureConditionCalc Compile(Condition condition) => condition switch
    {
        MeasureCondition m => new Comparison(MeasureCalc.Compile(m.Left), m.Operator, m.Right is null ? null : MeasureCalc.Compile(m.Right)),
        AndCondition and => new Combine([.. and.Operands.Select(Compile)], all: true),
        OrCondition or => new Combine([.. or.Operands.Select(Compile)], all: false),
        NotCondition not => new Not(Compile(not.Operand)),
        MdxComparisonCondition c => new MdxComparison(MeasureCalc.Compile(c.Left), c.Operator, MeasureCalc.Compile(c.Right)),
        _ => throw new ArgumentException($"Fn.Where on measures takes conditions on measures; '{condition}' is not one."),
    };

    /// <summary>MDX's comparison: an empty cell is 0, and doubles order as CompareTo orders them (NaN first).</summary>
    private sealed class MdxComparison(MeasureCalc left, ComparisonOperator op, MeasureCalc right) : MeasureConditionCalc
    {
        public override IEnumerable<AggregateSpec> Leaves => [.. left.Leaves, .. right.Leaves];

        public override bool[] Eval(MeasureInput input)
        {
            var (a, aok) = left.Eval(input);
            var (b, bok) = right.Eval(input);
            var mask = new bool[a.Length];
            for (var i = 0; i < mask.Length; i++)
            {
                mask[i] = op.Holds((aok[i] ? a[i] : 0).CompareTo(bok[i] ? b[i] : 0));
            }
            return mask;
        }
    }

    private sealed class Comparison(MeasureCalc left, ComparisonOperator op, MeasureCalc? right) : MeasureConditionCalc
    {
        public override IEnumerable<AggregateSpec> Leaves => [.. left.Leaves, .. right?.Leaves ?? []];

        public override bool[] Eval(MeasureInput input)
        {
            var result = input.Result;
            var (a, aok) = left.Eval(input);
            var mask = new bool[result.CellCount];
            if (right is null)
            {
                for (var i = 0; i < mask.Length; i++) mask[i] = op == ComparisonOperator.Equal ? !aok[i] : aok[i];
                return mask;
            }
            var (b, bok) = right.Eval(input);
            for (var i = 0; i < mask.Length; i++)
            {
                // A comparison with an empty cell is false (Atoti).
                mask[i] = aok[i] && bok[i] && op switch
                {
                    ComparisonOperator.Equal => a[i] == b[i],
                    ComparisonOperator.NotEqual => a[i] != b[i],
                    ComparisonOperator.Less => a[i] < b[i],
                    ComparisonOperator.LessOrEqual => a[i] <= b[i],
                    ComparisonOperator.Greater => a[i] > b[i],
                    _ => a[i] >= b[i],
                };
            }
            return mask;
        }
    }

    private sealed class Combine(MeasureConditionCalc[] operands, bool all) : MeasureConditionCalc
    {
        public override IEnumerable<AggregateSpec> Leaves => operands.SelectMany(o => o.Leaves);

        public override bool[] Eval(MeasureInput input)
        {
            var result = input.Result;
            var masks = operands.Select(o => o.Eval(input)).ToArray();
            var mask = new bool[result.CellCount];
            for (var i = 0; i < mask.Length; i++) mask[i] = all ? masks.All(m => m[i]) : masks.Any(m => m[i]);
            return mask;
        }
    }

    private sealed class Not(MeasureConditionCalc operand) : MeasureConditionCalc
    {
        public override IEnumerable<AggregateSpec> Leaves => operand.Leaves;

        public override bool[] Eval(MeasureInput input) => [.. operand.Eval(input).Select(b => !b)];
    }
}
