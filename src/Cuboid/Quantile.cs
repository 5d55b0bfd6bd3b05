namespace Cuboid;

/// <summary>
/// How a quantile's rank r (1-based, among the n sorted values) is placed, as Atoti's <c>mode</c>:
/// Simple r = q·n, Centered r = q·n + ½, Inc r = q·(n − 1) + 1 (Excel's PERCENTILE.INC), Exc r = q·(n + 1).
/// </summary>
public enum QuantileMode
{
    /// <summary>r = q·n.</summary>
    Simple,
    /// <summary>r = q·n + ½.</summary>
    Centered,
    /// <summary>r = q·(n − 1) + 1, the default.</summary>
    Inc,
    /// <summary>r = q·(n + 1).</summary>
    Exc,
}

/// <summary>Which value a fractional rank gives, as Atoti's <c>interpolation</c>.</summary>
public enum QuantileInterpolation
{
    /// <summary>Between the two neighbours, in proportion; the default.</summary>
    Linear,
    /// <summary>The higher neighbour.</summary>
    Higher,
    /// <summary>The lower neighbour.</summary>
    Lower,
    /// <summary>The nearer neighbour (the lower one at exactly half).</summary>
    Nearest,
    /// <summary>Halfway between the neighbours.</summary>
    Midpoint,
}

/// <summary>A quantile: <paramref name="Q"/> in [0, 1], with its mode and interpolation.</summary>
public sealed record QuantileOptions(double Q, QuantileMode Mode = QuantileMode.Inc, QuantileInterpolation Interpolation = QuantileInterpolation.Linear)
{
    /// <summary>The quantile, checked to be between 0 and 1.</summary>
    public double Q { get; } = Q is >= 0 and <= 1 ? Q : throw new ArgumentOutOfRangeException(nameof(Q), Q, "A quantile is between 0 and 1.");

    /// <summary>The quantile of <paramref name="sorted"/> (ascending, not empty); ranks outside [1, n] are clamped.</summary>
    public double Of(ReadOnlySpan<double> sorted)
    {
        var rank = Rank(sorted.Length);
        var lower = (int)Math.Floor(rank);
        var upper = (int)Math.Ceiling(rank);
        double low = sorted[lower - 1], high = sorted[upper - 1], fraction = rank - lower;
        return Interpolation switch
        {
            QuantileInterpolation.Higher => high,
            QuantileInterpolation.Lower => low,
            QuantileInterpolation.Nearest => fraction > 0.5 ? high : low,
            QuantileInterpolation.Midpoint => (low + high) / 2,
            _ => low + (high - low) * fraction,
        };
    }

    /// <summary>The quantile's 1-based rank among <paramref name="n"/> sorted values, clamped to [1, n].</summary>
    internal double Rank(int n) => Math.Clamp(Mode switch
    {
        QuantileMode.Simple => Q * n,
        QuantileMode.Centered => Q * n + 0.5,
        QuantileMode.Exc => Q * (n + 1),
        _ => Q * (n - 1) + 1,
    }, 1, n);

    /// <summary>The 0-based position among sorted values that Lower, Higher or Nearest picks (for quantile indexes).</summary>
    internal int Position(int n)
    {
        var rank = Rank(n);
        var lower = (int)Math.Floor(rank);
        var pick = Interpolation switch
        {
            QuantileInterpolation.Higher => (int)Math.Ceiling(rank),
            QuantileInterpolation.Nearest => rank - lower > 0.5 ? lower + 1 : lower,
            _ => lower,
        };
        return pick - 1;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Q}, {Mode}, {Interpolation}";
}
