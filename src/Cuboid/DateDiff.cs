namespace Cuboid;

/// <summary>The unit <see cref="Fn.DateDiff(Level, DateTime, DateUnit)"/> counts in: whole units, truncated toward zero, as java.time's ChronoUnit.between.</summary>
public enum DateUnit
{
    /// <summary>Seconds.</summary>
    Seconds,
    /// <summary>Minutes.</summary>
    Minutes,
    /// <summary>Hours.</summary>
    Hours,
    /// <summary>Days, the default.</summary>
    Days,
    /// <summary>Weeks of 7 days.</summary>
    Weeks,
    /// <summary>Calendar months (Jan 31 to Feb 29 is 0 months).</summary>
    Months,
    /// <summary>Calendar years.</summary>
    Years,
}

/// <summary>See <see cref="Fn.DateDiff(Level, DateTime, DateUnit)"/>: each side is a <see cref="Level"/> (the cell's member) or a <see cref="DateTime"/>.</summary>
internal sealed class DateDiffMeasure : MeasureDefinition
{
    internal DateDiffMeasure(object from, object to, DateUnit unit)
    {
        From = from;
        To = to;
        Unit = unit;
    }

    /// <summary>The start: a level or a date.</summary>
    public object From { get; }

    /// <summary>The end: a level or a date.</summary>
    public object To { get; }

    /// <summary>The unit counted.</summary>
    public DateUnit Unit { get; }

    internal override IEnumerable<MeasureDefinition> Operands => [];

    /// <inheritdoc/>
    public override string ToString() => $"DateDiff({Describe(From)}, {Describe(To)}, {Unit})";

    private static string Describe(object side) => side is Level l ? l.UniqueName : $"{side:yyyy-MM-dd HH:mm:ss}";

    /// <summary>Whole <paramref name="unit"/>s from <paramref name="from"/> to <paramref name="to"/>, negative when <paramref name="to"/> is earlier.</summary>
    public static long Between(DateTime from, DateTime to, DateUnit unit)
    {
        if (unit is DateUnit.Months or DateUnit.Years)
        {
            var months = (to.Year - from.Year) * 12L + to.Month - from.Month;
            // A month is complete only once the day and time of day have come round again.
            var rest = (to.Day, to.TimeOfDay).CompareTo((from.Day, from.TimeOfDay));
            if (months > 0 && rest < 0) months--;
            if (months < 0 && rest > 0) months++;
            return unit == DateUnit.Years ? months / 12 : months;
        }
        var span = to - from;
        return unit switch
        {
            DateUnit.Seconds => (long)span.TotalSeconds,
            DateUnit.Minutes => (long)span.TotalMinutes,
            DateUnit.Hours => (long)span.TotalHours,
            DateUnit.Weeks => (long)span.TotalDays / 7,
            _ => (long)span.TotalDays,
        };
    }
}
