namespace Cuboid.Sample.Plugin;

/// <summary>
/// The geometric mean of the values under a cell: the n-th root of their product, kept as the sum of their logarithms so
/// that partial states add up (and never overflow as a product would). Defined for positive values; a cell with a zero or a
/// negative value has none (empty).
/// </summary>
public sealed class GeoMean : IAggregationFunction
{
    /// <inheritdoc/>
    public string Name => "GeoMean";

    /// <inheritdoc/>
    public double Identity => 0;

    /// <inheritdoc/>
    public double Add(double state, double value) => state + (value > 0 ? Math.Log(value) : double.NaN);

    /// <inheritdoc/>
    public double Merge(double left, double right) => left + right;

    /// <inheritdoc/>
    public double? Result(double state, long count) => double.IsNaN(state) ? null : Math.Exp(state / count);
}
