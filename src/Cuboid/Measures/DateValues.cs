namespace Cuboid.Measures;

/// <summary>Member values of date levels (LocalDate, LocalDateTime, ZonedDateTime) as the measures that compute with dates read them.</summary>
internal static class DateValues
{
    /// <summary>The value as a date and time; null for anything else (a null member).</summary>
    public static DateTime? ToDateTime(object? value) => value switch
    {
        DateOnly d => d.ToDateTime(TimeOnly.MinValue),
        DateTime t => t,
        DateTimeOffset o => o.DateTime,
        _ => null,
    };

    /// <summary>The value's day number; <paramref name="usage"/> names the function in the error when it is not a date.</summary>
    public static int DayNumber(object? value, string usage) => ToDateTime(value) is { } t
        ? DateOnly.FromDateTime(t).DayNumber
        : throw new InvalidOperationException($"{usage} needs dates; found {value ?? "null"}.");
}
