using Cuboid.Aggregation;

namespace Cuboid.Measures;

/// <summary>
/// What a measure is computed from: the aggregate result at the query's granularity, and the
/// aggregator that answers other granularities (totals, parents) with the same filter, rolling
/// them up from this result when it can.
/// </summary>
internal sealed record MeasureInput(AggregateResult Result, Aggregator Aggregator);

/// <summary>
/// The compiled form of a measure: which aggregations it needs from a scan, and how to compute
/// its value for every cell of an aggregate result at once (vectors, not cell by cell).
/// </summary>
internal abstract class MeasureCalc
{
    public abstract DataType ResultType { get; }

    public abstract IEnumerable<AggregateSpec> Leaves { get; }

    /// <summary>Values for every cell; <c>valid[i]</c> false is an empty cell.</summary>
    public abstract (double[] Values, bool[] Valid) Eval(MeasureInput input);

    /// <summary>Whether the measure's values are arrays (read with <see cref="EvalArrays"/>, not <see cref="Eval"/>).</summary>
    public bool ReturnsArray => ResultType == DataType.DoubleArray;

    /// <summary>Array measures: every cell's array, null for an empty cell.</summary>
    public virtual double[]?[] EvalArrays(MeasureInput input) =>
        throw new InvalidOperationException("This measure gives a number per cell, not an array.");

    /// <summary>Whether the measure's values are not numbers — members, strings, dates (read with <see cref="EvalObjects"/>).</summary>
    public virtual bool ReturnsObjects => false;

    /// <summary>Measures of other values: every cell's value (typed as <see cref="ResultType"/>), null for an empty cell.</summary>
    public virtual object?[] EvalObjects(MeasureInput input) =>
        throw new InvalidOperationException("This measure gives a number per cell.");

    public static MeasureCalc Compile(MeasureDefinition definition)
    {
        // Definitions built on definitions (in C#, or from MDX) may nest deeper than the stack holds: an error, not a crash.
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        return CompileNode(definition);
    }

    private static MeasureCalc CompileNode(MeasureDefinition definition) => definition switch
    {
        AggregatedMeasure a when a.Input.DataType.IsArray() => new ArrayLeafCalc(a),
        ArrayMeasure a => ArrayFunctionCalc.Create(a, Compile(a.Array)),
        MemberAggregation a => new MemberCalc(a, Compile(a.Measure)),
        LookupMeasure l => new LookupCalc(l),
        ParameterIndexMeasure p => new MemberCalcs.Index(p.Level),
        SimulationMeasure s => new SimulationCalc(s),
        MemberValueMeasure v => new MemberCalcs.Value(v.Level),
        ArrayElementMeasure e => new MemberCalcs.Element(Compile(e.Array), Compile(e.Index)),
        MdxArithmeticMeasure a => new MdxArithmeticCalc(a.Operator, Compile(a.Left), Compile(a.Right)),
        ConcatMeasure c => new ConcatCalc(c.Separator, [.. c.Parts.Select(p => p is MeasureDefinition d ? (object)Compile(d) : p)]),
        _ => CompileScalar(definition),
    };

    /// <summary>Between numbers, or element-wise when an operand is an array.</summary>
    private static MeasureCalc Arithmetic(ArithmeticOperator op, MeasureCalc left, MeasureCalc right) =>
        left.ReturnsArray || right.ReturnsArray ? new ArrayArithmeticCalc(op, left, right) : new ArithmeticMeasureCalc(op, left, right);

    private static LocationCalc ParentCalc(ParentValueMeasure p) =>
        new(Compile(p.Measure), LocationShift.Parent(p.Hierarchy, p.Degrees), p.ApplyFilters ? null : p.Hierarchy);

    private static MeasureCalc CompileScalar(MeasureDefinition definition) => definition switch
    {
        Measure m => Compile(m.Definition),
        AggregatedMeasure a => new AggregatedCalc(a),
        ArithmeticMeasure a => Arithmetic(a.Operator, Compile(a.Left), Compile(a.Right)),
        ConstantMeasure c => new ConstantMeasureCalc(c.Value),
        ContributorsCountMeasure => new LeafCalc(AggregateSpec.Contributors, DataType.Long),
        // The member's value: computed on its facts, read at the cell's location above the level.
        AtMeasure a => new LocationCalc(new FilterCalc(Compile(a.Measure), a.Level == a.Value), LocationShift.Up(a.Level.Hierarchy, a.Level.Depth - 1)),
        AtLevelMeasure a => new AtLevelCalc(Compile(a.Measure), a.Level, a.Source),
        DateDiffMeasure d => new DateDiffCalc(d),
        DateShiftMeasure d => new DateShiftCalc(Compile(d.Measure), d),
        FilterMeasure f => new FilterCalc(Compile(f.Measure), f.Condition),
        MathMeasure m => new MathCalc(m.Function, [.. m.Operands.Select(Compile)], m.Digits),
        FunctionMeasure f => new FunctionMeasureCalc(f.Function, [.. f.Arguments.Select(Compile)]),
        CustomAggregatedMeasure c => new CustomAggregatedCalc(c),
        TotalMeasure t => new LocationCalc(Compile(t.Measure), LocationShift.Total(t.Hierarchies)),
        ScopedAggregation a => ScopeCalc.Create(a, Compile(a.Measure)),
        ParentValueMeasure p => p.TotalValue is null
            ? ParentCalc(p)
            : new ParentOrTotalCalc(ParentCalc(p), Compile(p.TotalValue), p),
        RankMeasure r => new RankCalc(Compile(r.Measure), r.Hierarchy, r.Ascending, r.ApplyFilters),
        ShiftMeasure s => new LocationCalc(Compile(s.Measure), LocationShift.Along(s.Level, s.Offset, s.Partitioning)),
        EdgeMeasure e => new EdgeCalc(Compile(e.Measure), e),
        WhereMeasure w => new WhereMeasureCalc(MeasureConditionCalc.Compile(w.Condition), Compile(w.Then), w.Otherwise is null ? null : Compile(w.Otherwise)),
        UpdateTimestampMeasure => new LeafCalc(new AggregateSpec(LeafKind.LastUpdate, null), DataType.LocalDateTime),
        _ => throw new NotSupportedException($"Measure {definition} cannot be computed yet."),
    };
}

/// <summary>One leaf as it is: counts for count-like leaves, values for the others.</summary>
internal sealed class LeafCalc(AggregateSpec spec, DataType type) : MeasureCalc
{
    public override DataType ResultType => type;
    public override IEnumerable<AggregateSpec> Leaves => [spec];

    public override (double[] Values, bool[] Valid) Eval(MeasureInput input)
    {
        var result = input.Result;
        var leaf = result.Leaf(spec);
        var contributors = result.Leaf(AggregateSpec.Contributors).Counts;
        var n = result.CellCount;
        var values = new double[n];
        var valid = new bool[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = leaf.Values.Length > 0 ? leaf.Values[i] : leaf.Counts[i];
            valid[i] = contributors[i] > 0;
        }
        return (values, valid);
    }
}

internal sealed class AggregatedCalc(AggregatedMeasure measure) : MeasureCalc
{
    private readonly AggregateSpec _main = new(measure.Function switch
    {
        AggregationFunction.Sum or AggregationFunction.Mean => LeafKind.Sum,
        AggregationFunction.Min => LeafKind.Min,
        AggregationFunction.Max => LeafKind.Max,
        AggregationFunction.Count => LeafKind.Count,
        AggregationFunction.Prod => LeafKind.Prod,
        AggregationFunction.Quantile => LeafKind.Quantile,
        AggregationFunction.SquareSum or AggregationFunction.SampleVariance or AggregationFunction.PopulationVariance
            or AggregationFunction.SampleStd or AggregationFunction.PopulationStd => LeafKind.SquareSum,
        _ => LeafKind.CountDistinct,
    }, measure.Input, measure.Quantile);

    /// <summary>Variances also need the plain sum.</summary>
    private readonly AggregateSpec _sum = new(LeafKind.Sum, measure.Input);

    private bool IsVariance => measure.Function is AggregationFunction.SampleVariance or AggregationFunction.PopulationVariance
        or AggregationFunction.SampleStd or AggregationFunction.PopulationStd;

    public override DataType ResultType => measure.ResultType;

    public override IEnumerable<AggregateSpec> Leaves => IsVariance ? [_main, _sum] : [_main];

    public override (double[] Values, bool[] Valid) Eval(MeasureInput input)
    {
        var result = input.Result;
        var leaf = result.Leaf(_main);
        var n = result.CellCount;
        var values = new double[n];
        var valid = new bool[n];
        var contributors = result.Leaf(AggregateSpec.Contributors).Counts;
        for (var i = 0; i < n; i++)
        {
            var count = leaf.Counts[i];
            switch (measure.Function)
            {
                case AggregationFunction.Count or AggregationFunction.CountDistinct:
                    values[i] = count;
                    valid[i] = contributors[i] > 0;
                    break;
                case AggregationFunction.Mean:
                    values[i] = count == 0 ? 0 : leaf.Values[i] / count;
                    valid[i] = count > 0;
                    break;
                case AggregationFunction.SampleVariance or AggregationFunction.PopulationVariance or AggregationFunction.SampleStd or AggregationFunction.PopulationStd:
                    var sample = measure.Function is AggregationFunction.SampleVariance or AggregationFunction.SampleStd;
                    var mean = count == 0 ? 0 : result.Leaf(_sum).Values[i] / count;
                    // E[x²] − mean², over n or n − 1; clamped at 0 against rounding.
                    var variance = Math.Max(0, (leaf.Values[i] - count * mean * mean) / (sample ? count - 1 : count));
                    values[i] = measure.Function is AggregationFunction.SampleStd or AggregationFunction.PopulationStd ? Math.Sqrt(variance) : variance;
                    valid[i] = sample ? count > 1 : count > 0;
                    break;
                default:
                    values[i] = leaf.Values[i];
                    valid[i] = count > 0;   // only nulls under the cell: the aggregate is null
                    break;
            }
        }
        return (values, valid);
    }
}

internal sealed class ArithmeticMeasureCalc(ArithmeticOperator op, MeasureCalc left, MeasureCalc right) : MeasureCalc
{
    public override DataType ResultType =>
        op != ArithmeticOperator.Divide && left.ResultType == DataType.Long && right.ResultType == DataType.Long ? DataType.Long : DataType.Double;

    public override IEnumerable<AggregateSpec> Leaves => left.Leaves.Concat(right.Leaves);

    public override (double[] Values, bool[] Valid) Eval(MeasureInput input)
    {
        var result = input.Result;
        var (a, aok) = left.Eval(input);
        var (b, bok) = right.Eval(input);
        var n = a.Length;
        var values = new double[n];
        var valid = new bool[n];
        for (var i = 0; i < n; i++)
        {
            // Null in, null out; dividing by zero is empty rather than infinite.
            valid[i] = aok[i] && bok[i] && !(op is ArithmeticOperator.Divide or ArithmeticOperator.Modulo && b[i] == 0);
            if (!valid[i]) continue;
            values[i] = op switch
            {
                ArithmeticOperator.Add => a[i] + b[i],
                ArithmeticOperator.Subtract => a[i] - b[i],
                ArithmeticOperator.Multiply => a[i] * b[i],
                ArithmeticOperator.Divide => a[i] / b[i],
                _ => a[i] % b[i],
            };
        }
        return (values, valid);
    }
}

internal sealed class ConstantMeasureCalc(double value) : MeasureCalc
{
    public override DataType ResultType => value == Math.Floor(value) && Math.Abs(value) < 1e15 ? DataType.Long : DataType.Double;
    public override IEnumerable<AggregateSpec> Leaves => [];

    public override (double[] Values, bool[] Valid) Eval(MeasureInput input)
    {
        var result = input.Result;
        var n = result.CellCount;
        var values = new double[n];
        Array.Fill(values, value);
        var valid = new bool[n];
        Array.Fill(valid, true);
        return (values, valid);
    }
}
