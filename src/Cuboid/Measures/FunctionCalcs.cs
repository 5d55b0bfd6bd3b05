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
        var inputs = operands.Select(o => o.Eval(input)).ToArray();
        // The functions of plain rules are the built-in IMeasureFunctions; Round keeps its digits, Min and Max skip empty operands (as Atoti's do).
        if (BuiltInMeasureFunctions.Of(function) is { } builtIn) return FunctionCells.Evaluate(builtIn, inputs, input.Result.CellCount);
        var n = input.Result.CellCount;
        var values = new double[n];
        var valid = new bool[n];
        for (var i = 0; i < n; i++)
        {
            valid[i] = function is MathFunction.Min or MathFunction.Max ? inputs.Any(v => v.Valid[i]) : inputs.All(v => v.Valid[i]);
            if (!valid[i]) continue;
            values[i] = function switch
            {
                MathFunction.Round => Math.Round(inputs[0].Values[i], digits, MidpointRounding.AwayFromZero),
                MathFunction.Min => inputs.Where(v => v.Valid[i]).Min(v => v.Values[i]),
                _ => inputs.Where(v => v.Valid[i]).Max(v => v.Values[i]),
            };
        }
        return (values, valid);
    }
}

/// <summary>A plug-in's <see cref="IMeasureFunction"/> on measures (<c>Fn.Call</c>).</summary>
internal sealed class FunctionMeasureCalc(IMeasureFunction function, MeasureCalc[] operands) : MeasureCalc
{
    public override DataType ResultType => DataType.Double;

    public override IEnumerable<AggregateSpec> Leaves => operands.SelectMany(o => o.Leaves);

    public override (double[] Values, bool[] Valid) Eval(MeasureInput input) =>
        FunctionCells.Evaluate(function, [.. operands.Select(o => o.Eval(input))], input.Result.CellCount);
}

/// <summary>An <see cref="IMeasureFunction"/> over every cell: one argument buffer for all of them, no allocation a cell.</summary>
internal static class FunctionCells
{
    public static (double[] Values, bool[] Valid) Evaluate(IMeasureFunction function, (double[] Values, bool[] Valid)[] inputs, int cells)
    {
        var values = new double[cells];
        var valid = new bool[cells];
        var arguments = new double?[inputs.Length];
        for (var i = 0; i < cells; i++)
        {
            for (var a = 0; a < inputs.Length; a++) arguments[a] = inputs[a].Valid[i] ? inputs[a].Values[i] : null;
            if (function.Evaluate(arguments) is not { } value) continue;
            values[i] = value;
            valid[i] = true;
        }
        return (values, valid);
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

/// <summary>A plug-in's aggregation of fact rows (<c>Agg.Custom</c>): its state per cell, finished by its Result with the cell's count of values.</summary>
internal sealed class CustomAggregatedCalc(CustomAggregatedMeasure measure) : MeasureCalc
{
    private readonly AggregateSpec _spec = new(LeafKind.Custom, measure.Input, Function: measure.Function);

    public override DataType ResultType => DataType.Double;

    public override IEnumerable<AggregateSpec> Leaves => [_spec];

    public override (double[] Values, bool[] Valid) Eval(MeasureInput input)
    {
        var leaf = input.Result.Leaf(_spec);
        var n = input.Result.CellCount;
        var values = new double[n];
        var valid = new bool[n];
        for (var i = 0; i < n; i++)
        {
            if (leaf.Counts[i] <= 0 || measure.Function.Result(leaf.Values[i], leaf.Counts[i]) is not { } value) continue;
            values[i] = value;
            valid[i] = true;
        }
        return (values, valid);
    }
}
