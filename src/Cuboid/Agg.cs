namespace Cuboid;

/// <summary>Aggregation functions: measures computed from fact rows.</summary>
public static class Agg
{
    /// <summary>Sum of the non-null values of <paramref name="input"/> per cell.</summary>
    public static Measure Sum(ColumnExpression input) => new(new AggregatedMeasure(AggregationFunction.Sum, input));

    /// <summary>Mean of the non-null values per cell.</summary>
    public static Measure Mean(ColumnExpression input) => new(new AggregatedMeasure(AggregationFunction.Mean, input));

    /// <summary>Smallest value per cell.</summary>
    public static Measure Min(ColumnExpression input) => new(new AggregatedMeasure(AggregationFunction.Min, input));

    /// <summary>Largest value per cell.</summary>
    public static Measure Max(ColumnExpression input) => new(new AggregatedMeasure(AggregationFunction.Max, input));

    /// <summary>Number of non-null values per cell.</summary>
    public static Measure Count(ColumnExpression input) => new(new AggregatedMeasure(AggregationFunction.Count, input));

    /// <summary>Sum of a measure's values over a scope (running totals, origin levels, siblings).</summary>
    public static Measure Sum(Measure measure, Scope scope) => new(new ScopedAggregation(AggregationFunction.Sum, measure.AsOperand, scope));

    /// <summary>Mean of a measure's values over a scope.</summary>
    public static Measure Mean(Measure measure, Scope scope) => new(new ScopedAggregation(AggregationFunction.Mean, measure.AsOperand, scope));

    /// <summary>Smallest of a measure's values over a scope.</summary>
    public static Measure Min(Measure measure, Scope scope) => new(new ScopedAggregation(AggregationFunction.Min, measure.AsOperand, scope));

    /// <summary>Largest of a measure's values over a scope.</summary>
    public static Measure Max(Measure measure, Scope scope) => new(new ScopedAggregation(AggregationFunction.Max, measure.AsOperand, scope));

    /// <summary>Number of distinct values of a measure over a scope.</summary>
    public static Measure CountDistinct(Measure measure, Scope scope) => new(new ScopedAggregation(AggregationFunction.CountDistinct, measure.AsOperand, scope));

    /// <summary>Sum of a measure's positive values over a scope.</summary>
    public static Measure Long(Measure measure, Scope scope) => Sum(Fn.Where(measure > 0, measure), scope);

    /// <summary>Sum of a measure's negative values over a scope.</summary>
    public static Measure Short(Measure measure, Scope scope) => Sum(Fn.Where(measure < 0, measure), scope);

    /// <summary>Sum over a scope of the product of measures.</summary>
    public static Measure SumProduct(Scope scope, params Measure[] factors)
    {
        if (factors.Length == 0) throw new ArgumentException("SumProduct needs at least one factor.", nameof(factors));
        return Sum(factors.Skip(1).Aggregate(factors[0], (product, factor) => product * factor), scope);
    }

    /// <summary>The value a measure has on every cell of a scope; empty when they differ.</summary>
    public static Measure SingleValue(Measure measure, Scope scope)
    {
        var (min, max) = (Min(measure, scope), Max(measure, scope));
        return Fn.Where(min == max, min);
    }

    /// <summary>Number of non-empty values of a measure over a scope.</summary>
    public static Measure Count(Measure measure, Scope scope) => new(new ScopedAggregation(AggregationFunction.Count, measure.AsOperand, scope));

    /// <summary>Product of a measure's values over a scope.</summary>
    public static Measure Prod(Measure measure, Scope scope) => new(new ScopedAggregation(AggregationFunction.Prod, measure.AsOperand, scope));

    /// <summary>Sum of the squares of a measure's values over a scope.</summary>
    public static Measure SquareSum(Measure measure, Scope scope) => new(new ScopedAggregation(AggregationFunction.SquareSum, measure.AsOperand, scope));

    /// <summary>Variance of a measure's values over a scope (sample by default).</summary>
    public static Measure Var(Measure measure, Scope scope, VarianceMode mode = VarianceMode.Sample) =>
        new(new ScopedAggregation(mode == VarianceMode.Sample ? AggregationFunction.SampleVariance : AggregationFunction.PopulationVariance, measure.AsOperand, scope));

    /// <summary>Standard deviation of a measure's values over a scope (sample by default).</summary>
    public static Measure Std(Measure measure, Scope scope, VarianceMode mode = VarianceMode.Sample) =>
        new(new ScopedAggregation(mode == VarianceMode.Sample ? AggregationFunction.SampleStd : AggregationFunction.PopulationStd, measure.AsOperand, scope));

    /// <summary>Median of a measure's values over a scope.</summary>
    public static Measure Median(Measure measure, Scope scope) => Quantile(measure, scope, 0.5);

    /// <summary>The <paramref name="q"/> quantile of a measure's values over a scope.</summary>
    public static Measure Quantile(Measure measure, Scope scope, double q, QuantileMode mode = QuantileMode.Inc, QuantileInterpolation interpolation = QuantileInterpolation.Linear)
        => new(new ScopedAggregation(AggregationFunction.Quantile, measure.AsOperand, scope, new QuantileOptions(q, mode, interpolation)));

    /// <summary>Product of the non-null values per cell.</summary>
    public static Measure Prod(ColumnExpression input) => new(new AggregatedMeasure(AggregationFunction.Prod, input));

    /// <summary>Sum of the squares of the non-null values per cell.</summary>
    public static Measure SquareSum(ColumnExpression input) => new(new AggregatedMeasure(AggregationFunction.SquareSum, input));

    /// <summary>Variance of the non-null values per cell (sample by default, as Atoti).</summary>
    public static Measure Var(ColumnExpression input, VarianceMode mode = VarianceMode.Sample) =>
        new(new AggregatedMeasure(mode == VarianceMode.Sample ? AggregationFunction.SampleVariance : AggregationFunction.PopulationVariance, input));

    /// <summary>Standard deviation of the non-null values per cell (sample by default, as Atoti).</summary>
    public static Measure Std(ColumnExpression input, VarianceMode mode = VarianceMode.Sample) =>
        new(new AggregatedMeasure(mode == VarianceMode.Sample ? AggregationFunction.SampleStd : AggregationFunction.PopulationStd, input));

    /// <summary>Sum of the positive values per cell (a long position); empty where there is none.</summary>
    public static Measure Long(ColumnExpression input) => Sum(Fn.Where(input > 0, input));

    /// <summary>Sum of the negative values per cell (a short position); empty where there is none.</summary>
    public static Measure Short(ColumnExpression input) => Sum(Fn.Where(input < 0, input));

    /// <summary>Sum over the rows of the product of <paramref name="factors"/> (null where any factor is).</summary>
    public static Measure SumProduct(params ColumnExpression[] factors)
    {
        if (factors.Length == 0) throw new ArgumentException("SumProduct needs at least one factor.", nameof(factors));
        return Sum(factors.Skip(1).Aggregate(factors[0], (product, factor) => product * factor));
    }

    /// <summary>The value shared by all the non-null values of the cell; empty when they differ (or there is none).</summary>
    public static Measure SingleValue(ColumnExpression input)
    {
        var (min, max) = (Min(input), Max(input));
        return Fn.Where(min == max, min);
    }

    /// <summary>Median of the non-null values per cell (the 0.5 quantile, Inc mode, linear).</summary>
    public static Measure Median(ColumnExpression input) => Quantile(input, 0.5);

    /// <summary>The <paramref name="q"/> quantile (0 to 1) of the non-null values per cell, as Atoti's <c>quantile</c>.</summary>
    public static Measure Quantile(ColumnExpression input, double q, QuantileMode mode = QuantileMode.Inc, QuantileInterpolation interpolation = QuantileInterpolation.Linear)
        => new(new AggregatedMeasure(AggregationFunction.Quantile, input, new QuantileOptions(q, mode, interpolation)));

    /// <summary>
    /// The member of <paramref name="level"/> under the cell where <paramref name="measure"/> is
    /// largest (the first in level order on a tie), as Atoti's <c>max_member</c>; at or below the
    /// level, the cell's own member there. The value is the member (a string for a string level).
    /// </summary>
    public static Measure MaxMember(Measure measure, Level level) => new(new MemberAggregation(measure.AsOperand, level, largest: true));

    /// <summary>The member of <paramref name="level"/> under the cell where <paramref name="measure"/> is smallest (see <see cref="MaxMember"/>).</summary>
    public static Measure MinMember(Measure measure, Level level) => new(new MemberAggregation(measure.AsOperand, level, largest: false));

    /// <summary>Number of distinct non-null values per cell.</summary>
    public static Measure CountDistinct(ColumnExpression input) => new(new AggregatedMeasure(AggregationFunction.CountDistinct, input));

    /// <summary>
    /// <paramref name="function"/> (a plug-in's <see cref="IAggregationFunction"/>, or one of <see cref="Session.Functions"/>) of the
    /// non-null values of <paramref name="input"/> per cell: <c>Agg.Custom(session.Functions.AggregationFunction("GeoMean"), t["price"])</c>.
    /// </summary>
    public static Measure Custom(IAggregationFunction function, ColumnExpression input)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(input);
        return new(new CustomAggregatedMeasure(function, input));
    }
}
