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

    /// <summary>Number of distinct non-null values per cell.</summary>
    public static Measure CountDistinct(ColumnExpression input) => new(new AggregatedMeasure(AggregationFunction.CountDistinct, input));
}

/// <summary>Functions for row-level expressions and measures.</summary>
public static class Fn
{
    /// <summary>On rows: <paramref name="then"/> where <paramref name="condition"/> holds, else <paramref name="otherwise"/> (null when absent). A CASE expression.</summary>
    public static ColumnExpression Where(Condition condition, ColumnExpression then, ColumnExpression? otherwise = null) =>
        new WhereExpression(condition, then, otherwise);

    /// <summary>On rows, with constants: <c>Fn.Where(sales["promo"] == 0, 0, sales["amount"])</c>.</summary>
    public static ColumnExpression Where(Condition condition, double then, ColumnExpression otherwise) =>
        new WhereExpression(condition, new ConstantExpression(then), otherwise);

    /// <summary>On rows, with constants.</summary>
    public static ColumnExpression Where(Condition condition, ColumnExpression then, double otherwise) =>
        new WhereExpression(condition, then, new ConstantExpression(otherwise));

    /// <summary>A constant row-level value.</summary>
    public static ColumnExpression Constant(double value) => new ConstantExpression(value);
}
