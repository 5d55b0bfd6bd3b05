namespace Cuboid;

/// <summary>
/// Functions on array (vector) measures, as Atoti's <c>atoti.array</c>: reductions that give a
/// number per cell (the 95% quantile of a summed P&amp;L vector is a value at risk), and
/// element-wise transformations that give another vector. An array measure comes from
/// <see cref="Agg.Sum(ColumnExpression)"/> or <see cref="Agg.Mean(ColumnExpression)"/> over an
/// array column, which add the vectors element by element; arithmetic between an array and a
/// number, or two arrays of one length, is element-wise too.
/// </summary>
public static class Arrays
{
    /// <summary>Sum of the elements.</summary>
    public static Measure Sum(Measure array) => Of(ArrayFunction.Sum, array);

    /// <summary>Mean of the elements.</summary>
    public static Measure Mean(Measure array) => Of(ArrayFunction.Mean, array);

    /// <summary>Smallest element.</summary>
    public static Measure Min(Measure array) => Of(ArrayFunction.Min, array);

    /// <summary>Largest element.</summary>
    public static Measure Max(Measure array) => Of(ArrayFunction.Max, array);

    /// <summary>Product of the elements.</summary>
    public static Measure Prod(Measure array) => Of(ArrayFunction.Prod, array);

    /// <summary>Number of elements.</summary>
    public static Measure Len(Measure array) => Of(ArrayFunction.Len, array);

    /// <summary>Variance of the elements (sample by default, as Atoti).</summary>
    public static Measure Var(Measure array, VarianceMode mode = VarianceMode.Sample) => Of(ArrayFunction.Var, array, new ArrayArguments { Variance = mode });

    /// <summary>Standard deviation of the elements (sample by default).</summary>
    public static Measure Std(Measure array, VarianceMode mode = VarianceMode.Sample) => Of(ArrayFunction.Std, array, new ArrayArguments { Variance = mode });

    /// <summary>The <paramref name="q"/> quantile of the elements.</summary>
    public static Measure Quantile(Measure array, double q, QuantileMode mode = QuantileMode.Inc, QuantileInterpolation interpolation = QuantileInterpolation.Linear) =>
        Of(ArrayFunction.Quantile, array, new ArrayArguments { Quantile = new QuantileOptions(q, mode, interpolation) });

    /// <summary>The index (0-based, in the unsorted array) of the element at the <paramref name="q"/> quantile; the interpolation picks a neighbour: Lower (default), Higher or Nearest.</summary>
    public static Measure QuantileIndex(Measure array, double q, QuantileMode mode = QuantileMode.Inc, QuantileInterpolation interpolation = QuantileInterpolation.Lower)
    {
        if (interpolation is not (QuantileInterpolation.Lower or QuantileInterpolation.Higher or QuantileInterpolation.Nearest))
        {
            throw new ArgumentException($"A quantile index is an element's index: interpolation must be Lower, Higher or Nearest, not {interpolation}.", nameof(interpolation));
        }
        return Of(ArrayFunction.QuantileIndex, array, new ArrayArguments { Quantile = new QuantileOptions(q, mode, interpolation) });
    }

    /// <summary>The <paramref name="n"/>-th greatest element (1 is the greatest).</summary>
    public static Measure NthGreatest(Measure array, int n) => Of(ArrayFunction.NthGreatest, array, new ArrayArguments { N = Positive(n) });

    /// <summary>The <paramref name="n"/>-th lowest element (1 is the lowest).</summary>
    public static Measure NthLowest(Measure array, int n) => Of(ArrayFunction.NthLowest, array, new ArrayArguments { N = Positive(n) });

    /// <summary>The <paramref name="n"/> greatest elements, in their order in the array (not sorted, as Atoti).</summary>
    public static Measure NGreatest(Measure array, int n) => Of(ArrayFunction.NGreatest, array, new ArrayArguments { N = Positive(n) });

    /// <summary>The <paramref name="n"/> lowest elements, in their order in the array.</summary>
    public static Measure NLowest(Measure array, int n) => Of(ArrayFunction.NLowest, array, new ArrayArguments { N = Positive(n) });

    /// <summary>The elements sorted.</summary>
    public static Measure Sort(Measure array, bool ascending = true) => Of(ArrayFunction.Sort, array, new ArrayArguments { Ascending = ascending });

    /// <summary>Running sums: element i is the sum of elements 0…i.</summary>
    public static Measure PrefixSum(Measure array) => Of(ArrayFunction.PrefixSum, array);

    /// <summary>The array with its negative elements replaced by 0.</summary>
    public static Measure PositiveValues(Measure array) => Of(ArrayFunction.PositiveValues, array);

    /// <summary>The array with its positive elements replaced by 0.</summary>
    public static Measure NegativeValues(Measure array) => Of(ArrayFunction.NegativeValues, array);

    /// <summary>The array with each element equal to a key of <paramref name="replacements"/> replaced by its value (NaN keys match NaN).</summary>
    public static Measure Replace(Measure array, IReadOnlyDictionary<double, double> replacements) =>
        Of(ArrayFunction.Replace, array, new ArrayArguments { Replacements = replacements.ToDictionary() });

    /// <summary>The element at <paramref name="index"/> (0-based; a from-end index counts from the last); empty where the array is shorter.</summary>
    public static Measure Element(Measure array, Index index) => Of(ArrayFunction.Element, array, new ArrayArguments { Range = index..index });

    /// <summary>The elements in <paramref name="range"/>, clamped to the array (as Python slices).</summary>
    public static Measure Slice(Measure array, Range range) => Of(ArrayFunction.Slice, array, new ArrayArguments { Range = range });

    private static Measure Of(ArrayFunction function, Measure array, ArrayArguments? arguments = null) =>
        new(new ArrayMeasure(function, array.AsOperand, arguments ?? new ArrayArguments()));

    private static int Positive(int n, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(n))] string? name = null) =>
        n >= 1 ? n : throw new ArgumentOutOfRangeException(name, n, "n counts elements from 1.");
}

/// <summary>What <see cref="Arrays"/> computes.</summary>
internal enum ArrayFunction
{
    Sum, Mean, Min, Max, Prod, Len, Var, Std, Quantile, QuantileIndex, NthGreatest, NthLowest,
    NGreatest, NLowest, Sort, PrefixSum, PositiveValues, NegativeValues, Replace, Element, Slice,
}

/// <summary>The parameters of an <see cref="ArrayMeasure"/>, used by the functions that take them.</summary>
public sealed record ArrayArguments
{
    /// <summary>How many elements, or which one (1-based) for NthGreatest and NthLowest.</summary>
    public int N { get; init; }

    /// <summary>Sort order.</summary>
    public bool Ascending { get; init; } = true;

    /// <summary>Sample or population, for Var and Std.</summary>
    public VarianceMode Variance { get; init; }

    /// <summary>Which quantile.</summary>
    public QuantileOptions? Quantile { get; init; }

    /// <summary>Elements to replace, for Replace.</summary>
    public IReadOnlyDictionary<double, double>? Replacements { get; init; }

    /// <summary>The element (Start) or slice, for Element and Slice.</summary>
    public Range Range { get; init; }
}

/// <summary>A function of <see cref="Arrays"/> applied to an array measure.</summary>
internal sealed class ArrayMeasure : MeasureDefinition
{
    internal ArrayMeasure(ArrayFunction function, MeasureDefinition array, ArrayArguments arguments)
    {
        Function = function;
        Array = array;
        Arguments = arguments;
    }

    /// <summary>The function.</summary>
    public ArrayFunction Function { get; }

    /// <summary>The array measure it applies to.</summary>
    public MeasureDefinition Array { get; }

    /// <summary>Its parameters.</summary>
    public ArrayArguments Arguments { get; }

    /// <summary>Whether the result is an array (the transformations) rather than a number per cell.</summary>
    public bool ReturnsArray => Function is ArrayFunction.NGreatest or ArrayFunction.NLowest or ArrayFunction.Sort or ArrayFunction.PrefixSum
        or ArrayFunction.PositiveValues or ArrayFunction.NegativeValues or ArrayFunction.Replace or ArrayFunction.Slice;

    internal override IEnumerable<MeasureDefinition> Operands => [Array];

    /// <inheritdoc/>
    public override string ToString() => $"Arrays.{Function}({Array})";
}
