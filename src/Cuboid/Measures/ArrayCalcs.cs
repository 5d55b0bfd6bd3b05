using System.Numerics.Tensors;
using Cuboid.Aggregation;

namespace Cuboid.Measures;

/// <summary>A measure whose value in a cell is an array of doubles.</summary>
internal abstract class ArrayCalc : MeasureCalc
{
    public override DataType ResultType => DataType.DoubleArray;

    public override (double[] Values, bool[] Valid) Eval(MeasureInput input) =>
        throw new InvalidOperationException("An array measure has no single number per cell: reduce it with Arrays.Sum, Arrays.Quantile… or take an element.");

    public abstract override double[]?[] EvalArrays(MeasureInput input);
}

/// <summary>Agg.Sum or Agg.Mean over an array column: the element-wise sum (divided by the number of arrays for the mean).</summary>
internal sealed class ArrayLeafCalc(AggregatedMeasure measure) : ArrayCalc
{
    private readonly AggregateSpec _spec = new(LeafKind.VectorSum, measure.Input);

    public override IEnumerable<AggregateSpec> Leaves => [_spec];

    public override double[]?[] EvalArrays(MeasureInput input)
    {
        var leaf = input.Result.Leaf(_spec);
        if (measure.Function == AggregationFunction.Sum) return leaf.Vectors;   // shared with the cache: readers never write into them
        var means = new double[]?[leaf.Vectors.Length];
        for (var i = 0; i < means.Length; i++)
        {
            if (leaf.Vectors[i] is not { } sum) continue;
            means[i] = new double[sum.Length];
            TensorPrimitives.Divide(sum, leaf.Counts[i], means[i]);
        }
        return means;
    }
}

/// <summary>Arithmetic where an operand is an array: element-wise, a number applying to every element.</summary>
internal sealed class ArrayArithmeticCalc(ArithmeticOperator op, MeasureCalc left, MeasureCalc right) : ArrayCalc
{
    public override IEnumerable<AggregateSpec> Leaves => left.Leaves.Concat(right.Leaves);

    public override double[]?[] EvalArrays(MeasureInput input)
    {
        var (leftArrays, leftNumbers) = Operand(left, input);
        var (rightArrays, rightNumbers) = Operand(right, input);
        var n = input.Result.CellCount;
        var result = new double[]?[n];
        for (var i = 0; i < n; i++)
        {
            var a = leftArrays?[i];
            var b = rightArrays?[i];
            if ((leftArrays is not null && a is null) || (rightArrays is not null && b is null)) continue;   // an empty operand: an empty cell
            if (leftNumbers is { } ln && !ln.Valid[i] || rightNumbers is { } rn && !rn.Valid[i]) continue;
            if (a is not null && b is not null && a.Length != b.Length)
            {
                throw new InvalidOperationException($"Element-wise {op} of arrays of {a.Length} and {b.Length} elements: the lengths must match.");
            }
            var length = (a ?? b)!.Length;
            var values = new double[length];
            for (var e = 0; e < length; e++)
            {
                var x = a is null ? leftNumbers!.Value.Values[i] : a[e];
                var y = b is null ? rightNumbers!.Value.Values[i] : b[e];
                values[e] = op switch
                {
                    ArithmeticOperator.Add => x + y,
                    ArithmeticOperator.Subtract => x - y,
                    ArithmeticOperator.Multiply => x * y,
                    ArithmeticOperator.Divide => x / y,
                    _ => x % y,
                };
            }
            result[i] = values;
        }
        return result;
    }

    private static (double[]?[]? Arrays, (double[] Values, bool[] Valid)? Numbers) Operand(MeasureCalc calc, MeasureInput input) =>
        calc.ReturnsArray ? (calc.EvalArrays(input), null) : (null, calc.Eval(input));
}

/// <summary>The functions of <see cref="Arrays"/>: a number per cell from each cell's array, or another array.</summary>
internal static class ArrayFunctionCalc
{
    public static MeasureCalc Create(ArrayMeasure measure, MeasureCalc array)
    {
        if (!array.ReturnsArray)
        {
            throw new ArgumentException($"Arrays.{measure.Function} takes an array measure; {measure.Array} gives a number per cell.", nameof(measure));
        }
        return measure.ReturnsArray ? new ArrayTransformCalc(measure, array) : new ArrayReductionCalc(measure, array);
    }
}

/// <summary>A number per cell from the cell's array: empty where the array is (or where it has no such element).</summary>
internal sealed class ArrayReductionCalc(ArrayMeasure measure, MeasureCalc array) : MeasureCalc
{
    public override DataType ResultType => measure.Function is ArrayFunction.Len or ArrayFunction.QuantileIndex ? DataType.Long : DataType.Double;

    public override IEnumerable<AggregateSpec> Leaves => array.Leaves;

    public override (double[] Values, bool[] Valid) Eval(MeasureInput input)
    {
        var arrays = array.EvalArrays(input);
        var values = new double[arrays.Length];
        var valid = new bool[arrays.Length];
        for (var i = 0; i < arrays.Length; i++)
        {
            if (arrays[i] is { } elements && Reduce(elements) is { } value)
            {
                values[i] = value;
                valid[i] = true;
            }
        }
        return (values, valid);
    }

    private double? Reduce(double[] x)
    {
        var args = measure.Arguments;
        var n = x.Length;
        switch (measure.Function)
        {
            case ArrayFunction.Sum: return TensorPrimitives.Sum<double>(x);
            case ArrayFunction.Prod: return n == 0 ? 1 : TensorPrimitives.Product<double>(x);
            case ArrayFunction.Len: return n;
            case ArrayFunction.Element:
                var at = args.Range.Start.GetOffset(n);
                return at >= 0 && at < n ? x[at] : null;
        }
        if (n == 0) return null;
        switch (measure.Function)
        {
            case ArrayFunction.Mean: return TensorPrimitives.Sum<double>(x) / n;
            case ArrayFunction.Min: return TensorPrimitives.Min<double>(x);
            case ArrayFunction.Max: return TensorPrimitives.Max<double>(x);
            case ArrayFunction.Var or ArrayFunction.Std:
                var sample = args.Variance == VarianceMode.Sample;
                if (sample && n < 2) return null;
                var mean = TensorPrimitives.Sum<double>(x) / n;
                var squares = 0d;
                foreach (var v in x) squares += (v - mean) * (v - mean);
                var variance = squares / (sample ? n - 1 : n);
                return measure.Function == ArrayFunction.Std ? Math.Sqrt(variance) : variance;
            case ArrayFunction.NthGreatest or ArrayFunction.NthLowest:
                if (args.N > n) return null;
                var sorted = Sorted(x);
                return measure.Function == ArrayFunction.NthLowest ? sorted[args.N - 1] : sorted[n - args.N];
            case ArrayFunction.Quantile:
                return args.Quantile!.Of(Sorted(x));
            default:   // QuantileIndex: the position in x of the sorted element the quantile picks
                return ArrayOrder.Positions(x)[args.Quantile!.Position(n)];
        }
    }

    private static double[] Sorted(double[] x)
    {
        var copy = (double[])x.Clone();
        Array.Sort(copy);
        return copy;
    }
}

/// <summary>Another array per cell from the cell's array.</summary>
internal sealed class ArrayTransformCalc(ArrayMeasure measure, MeasureCalc array) : ArrayCalc
{
    public override IEnumerable<AggregateSpec> Leaves => array.Leaves;

    public override double[]?[] EvalArrays(MeasureInput input)
    {
        var arrays = array.EvalArrays(input);
        var result = new double[]?[arrays.Length];
        for (var i = 0; i < arrays.Length; i++)
        {
            if (arrays[i] is { } elements) result[i] = Transform(elements);
        }
        return result;
    }

    private double[] Transform(double[] x)
    {
        var args = measure.Arguments;
        var n = x.Length;
        switch (measure.Function)
        {
            case ArrayFunction.Sort:
                var sorted = (double[])x.Clone();
                Array.Sort(sorted);
                if (!args.Ascending) Array.Reverse(sorted);
                return sorted;
            case ArrayFunction.PrefixSum:
                var sums = new double[n];
                var running = 0d;
                for (var e = 0; e < n; e++) sums[e] = running += x[e];
                return sums;
            case ArrayFunction.PositiveValues:
                return [.. x.Select(v => v < 0 ? 0 : v)];
            case ArrayFunction.NegativeValues:
                return [.. x.Select(v => v > 0 ? 0 : v)];
            case ArrayFunction.Replace:
                return [.. x.Select(v => args.Replacements!.TryGetValue(v, out var replacement) ? replacement : v)];
            case ArrayFunction.Slice:
                var start = Math.Clamp(args.Range.Start.GetOffset(n), 0, n);
                var end = Math.Clamp(args.Range.End.GetOffset(n), start, n);
                return x[start..end];
            default:   // NGreatest, NLowest: the n extreme elements, kept in their order in the array
                var positions = ArrayOrder.Positions(x);
                var count = Math.Min(args.N, n);
                var chosen = measure.Function == ArrayFunction.NLowest ? positions[..count] : positions[(n - count)..];
                Array.Sort(chosen);
                return [.. chosen.Select(p => x[p])];
        }
    }
}

internal static class ArrayOrder
{
    /// <summary>The positions of <paramref name="x"/>'s elements in ascending order of value, ties by position: deterministic.</summary>
    public static int[] Positions(double[] x)
    {
        var positions = Enumerable.Range(0, x.Length).ToArray();
        Array.Sort(positions, (a, b) => x[a].CompareTo(x[b]) is var c && c != 0 ? c : a.CompareTo(b));
        return positions;
    }
}
