namespace Cuboid.Sample.Plugin;

/// <summary><c>Clamp(value, low, high)</c>: the value brought within [low, high]; empty when the value is, unbounded on an empty bound.</summary>
public sealed class Clamp : IMeasureFunction
{
    /// <inheritdoc/>
    public string Name => "Clamp";

    /// <inheritdoc/>
    public int MinArguments => 3;

    /// <inheritdoc/>
    public int MaxArguments => 3;

    /// <inheritdoc/>
    public double? Evaluate(ReadOnlySpan<double?> arguments) =>
        arguments[0] is { } value ? Math.Min(Math.Max(value, arguments[1] ?? double.NegativeInfinity), arguments[2] ?? double.PositiveInfinity) : null;
}
