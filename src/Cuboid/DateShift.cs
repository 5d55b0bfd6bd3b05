using System.Globalization;
using System.Text.RegularExpressions;

namespace Cuboid;

/// <summary>Where <see cref="Fn.DateShift"/> reads when no member has the shifted date, as Atoti's <c>fallback</c>.</summary>
public enum DateShiftFallback
{
    /// <summary>Empty: only the exact date counts.</summary>
    None,
    /// <summary>The latest date before.</summary>
    Past,
    /// <summary>The earliest date after.</summary>
    Future,
    /// <summary>Linear, by days, between the dates before and after (empty when either is missing).</summary>
    Interpolated,
}

/// <summary>An ISO-8601 date period (<c>P1M</c>, <c>-P1Y2M</c>, <c>P2W</c>, <c>P-3D</c>) applied to dates.</summary>
public sealed partial record DatePeriod(int Years, int Months, int Days)
{
    /// <summary>Parses <paramref name="text"/>; the error names the text and the form expected.</summary>
    public static DatePeriod Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = Pattern().Match(text.Trim());
        if (!match.Success || match.Groups.Cast<Group>().Skip(2).All(g => !g.Success))
        {
            throw new FormatException($"'{text}' is not an ISO-8601 date period such as P1D, -P1M, P1Y2M or P2W.");
        }
        var sign = match.Groups[1].Value == "-" ? -1 : 1;
        int Part(int group) => match.Groups[group].Success ? sign * int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
        return new DatePeriod(Part(2), Part(3), Part(4) * 7 + Part(5));
    }

    /// <summary>The date moved by the period (years and months first, then days, as java.time).</summary>
    public DateOnly AddTo(DateOnly date) => date.AddYears(Years).AddMonths(Months).AddDays(Days);

    /// <inheritdoc/>
    public override string ToString() => $"P{Years}Y{Months}M{Days}D";

    [GeneratedRegex(@"^([+-])?P(?:([+-]?\d+)Y)?(?:([+-]?\d+)M)?(?:([+-]?\d+)W)?(?:([+-]?\d+)D)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}

/// <summary>See <see cref="Fn.DateShift"/>.</summary>
internal sealed class DateShiftMeasure : MeasureDefinition
{
    internal DateShiftMeasure(MeasureDefinition measure, Level level, DatePeriod offset, DateShiftFallback fallback)
    {
        Measure = measure;
        Level = level;
        Offset = offset;
        Fallback = fallback;
    }

    /// <summary>The measure read at the shifted date.</summary>
    public MeasureDefinition Measure { get; }

    /// <summary>The date level.</summary>
    public Level Level { get; }

    /// <summary>The shift.</summary>
    public DatePeriod Offset { get; }

    /// <summary>What to read when no member has the shifted date.</summary>
    public DateShiftFallback Fallback { get; }

    internal override IEnumerable<MeasureDefinition> Operands => [Measure];

    /// <inheritdoc/>
    public override string ToString() => $"DateShift({Measure}, {Level.UniqueName}, {Offset}, {Fallback})";
}
