namespace Cuboid;

/// <summary>
/// The node types of measure formulas: an aggregation of fact rows, arithmetic, a constant, a
/// named measure (<see cref="Measure"/>). Users build them through <see cref="Agg"/>, <see cref="Fn"/>
/// and the operators of <see cref="Measure"/>.
/// </summary>
public abstract class MeasureDefinition
{
    /// <summary>
    /// How deep a measure's formula may go, named measures it reads included: deep enough for any real
    /// model, shallow enough that compiling and computing it (recursive walks) cannot overflow the stack.
    /// </summary>
    internal const int MaxDepth = 256;

    private int _depth;

    private protected MeasureDefinition()
    {
    }

    /// <summary>The measures this one reads (for cycle checks and dependencies).</summary>
    internal abstract IEnumerable<MeasureDefinition> Operands { get; }

    /// <summary>
    /// The levels of the formula from this node down, through the named measures it reads (a leaf: 1).
    /// Computed once, without recursion, so a formula of any depth can be measured before anything walks it.
    /// </summary>
    internal int Depth
    {
        get
        {
            if (_depth > 0) return _depth;
            // Post-order on an explicit stack: each node's depth once its operands have theirs.
            var stack = new Stack<(MeasureDefinition Node, bool OperandsDone)>();
            stack.Push((this, false));
            while (stack.Count > 0)
            {
                var (node, operandsDone) = stack.Pop();
                if (node._depth > 0) continue;
                if (operandsDone)
                {
                    node._depth = 1 + node.Operands.Select(o => o._depth).DefaultIfEmpty(0).Max();
                    continue;
                }
                stack.Push((node, true));
                foreach (var operand in node.Operands)
                {
                    if (operand._depth == 0) stack.Push((operand, false));
                }
            }
            return _depth;
        }
    }
}

/// <summary>The aggregation functions over fact rows.</summary>
public enum AggregationFunction
{
    /// <summary>Sum of the non-null values.</summary>
    Sum,
    /// <summary>Mean of the non-null values.</summary>
    Mean,
    /// <summary>Smallest value.</summary>
    Min,
    /// <summary>Largest value.</summary>
    Max,
    /// <summary>Number of non-null values.</summary>
    Count,
    /// <summary>Number of distinct non-null values.</summary>
    CountDistinct,
    /// <summary>Product of the non-null values.</summary>
    Prod,
    /// <summary>Sum of the squares of the non-null values.</summary>
    SquareSum,
    /// <summary>Sample variance (n − 1 in the denominator).</summary>
    SampleVariance,
    /// <summary>Population variance (n in the denominator).</summary>
    PopulationVariance,
    /// <summary>Sample standard deviation.</summary>
    SampleStd,
    /// <summary>Population standard deviation.</summary>
    PopulationStd,
    /// <summary>A quantile of the non-null values (<see cref="AggregatedMeasure.Quantile"/>), the median among them.</summary>
    Quantile,
}

/// <summary>Which variance (or standard deviation) Agg.Var and Agg.Std compute, as Atoti's <c>mode</c>.</summary>
public enum VarianceMode
{
    /// <summary>Divide by n − 1: the estimate from a sample.</summary>
    Sample,
    /// <summary>Divide by n: the whole population.</summary>
    Population,
}

/// <summary><c>Agg.Sum(expression)</c> and its kin: fact rows aggregated per cell.</summary>
internal sealed class AggregatedMeasure : MeasureDefinition
{
    internal AggregatedMeasure(AggregationFunction function, ColumnExpression input, QuantileOptions? quantile = null)
    {
        if (input.DataType.IsArray() && function is not (AggregationFunction.Sum or AggregationFunction.Mean))
        {
            throw new ArgumentException($"Agg.{function} cannot aggregate {input} ({input.DataType}): arrays aggregate with Agg.Sum or Agg.Mean (element-wise), and Arrays.* reduce the result.", nameof(input));
        }
        if (!input.DataType.IsArray() && !input.DataType.IsNumeric() && input.DataType != DataType.Boolean
            && function is not (AggregationFunction.Count or AggregationFunction.CountDistinct)
            && !(IsOrdered(input.DataType) && function is AggregationFunction.Min or AggregationFunction.Max))
        {
            var allowed = IsOrdered(input.DataType) ? "Agg.Min, Agg.Max, Agg.Count and Agg.CountDistinct" : "Agg.Count and Agg.CountDistinct";
            throw new ArgumentException($"Agg.{function} cannot aggregate {input} ({input.DataType}): a {input.DataType} takes {allowed}.", nameof(input));
        }
        Function = function;
        Input = input;
        Quantile = quantile;
    }

    /// <summary>Which quantile, for <see cref="AggregationFunction.Quantile"/>.</summary>
    public QuantileOptions? Quantile { get; }

    /// <summary>The aggregation function.</summary>
    public AggregationFunction Function { get; }

    /// <summary>The row-level expression aggregated.</summary>
    public ColumnExpression Input { get; }

    /// <summary>Dates and times: their minimum and maximum are dates and times (the first and last trade day…).</summary>
    internal static bool IsOrdered(DataType type) => type is DataType.LocalDate or DataType.LocalDateTime or DataType.LocalTime;

    /// <summary>The type of the aggregated values.</summary>
    public DataType ResultType => Function switch
    {
        AggregationFunction.Min or AggregationFunction.Max when IsOrdered(Input.DataType) => Input.DataType,
        AggregationFunction.Count or AggregationFunction.CountDistinct => DataType.Long,
        AggregationFunction.Mean or AggregationFunction.Quantile or AggregationFunction.Prod or AggregationFunction.SquareSum or AggregationFunction.SampleVariance
            or AggregationFunction.PopulationVariance or AggregationFunction.SampleStd or AggregationFunction.PopulationStd => DataType.Double,
        _ when Input.DataType.IsArray() => DataType.DoubleArray,
        _ when Input.DataType.IsIntegral() => DataType.Long,
        _ => DataType.Double,
    };

    internal override IEnumerable<MeasureDefinition> Operands => [];

    /// <inheritdoc/>
    public override string ToString() => Quantile is { } q ? $"Quantile({Input}, {q})" : $"{Function}({Input})";
}

/// <summary>Arithmetic between measures; a division by zero or by an empty cell is empty.</summary>
internal sealed class ArithmeticMeasure : MeasureDefinition
{
    internal ArithmeticMeasure(ArithmeticOperator op, MeasureDefinition left, MeasureDefinition right)
    {
        Operator = op;
        Left = left;
        Right = right;
    }

    /// <summary>The operator.</summary>
    public ArithmeticOperator Operator { get; }

    /// <summary>The left operand.</summary>
    public MeasureDefinition Left { get; }

    /// <summary>The right operand.</summary>
    public MeasureDefinition Right { get; }

    internal override IEnumerable<MeasureDefinition> Operands => [Left, Right];

    /// <inheritdoc/>
    public override string ToString() => $"({Left} {"+-*/%"[(int)Operator]} {Right})";
}

/// <summary>A constant.</summary>
internal sealed class ConstantMeasure : MeasureDefinition
{
    internal ConstantMeasure(double value) => Value = value;

    /// <summary>The constant.</summary>
    public double Value { get; }

    internal override IEnumerable<MeasureDefinition> Operands => [];

    /// <inheritdoc/>
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The number of fact rows under a cell: Atoti's <c>contributors.COUNT</c>.</summary>
internal sealed class ContributorsCountMeasure : MeasureDefinition
{
    internal ContributorsCountMeasure()
    {
    }

    internal override IEnumerable<MeasureDefinition> Operands => [];

    /// <inheritdoc/>
    public override string ToString() => "contributors.COUNT";
}

/// <summary>When the fact rows under a cell were last committed: Atoti's <c>update.TIMESTAMP</c>.</summary>
internal sealed class UpdateTimestampMeasure : MeasureDefinition
{
    internal UpdateTimestampMeasure()
    {
    }

    internal override IEnumerable<MeasureDefinition> Operands => [];

    /// <inheritdoc/>
    public override string ToString() => "update.TIMESTAMP";
}
