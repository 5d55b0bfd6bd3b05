using System.Globalization;
using System.Text.Json;

namespace Cuboid.ModelFiles;

/// <summary>JSON values (default values, custom member orders) as the CLR values the engine takes.</summary>
internal static class JsonValues
{
    /// <summary>
    /// A scalar: strings, booleans, null, integral numbers as <c>long</c> (the engine narrows them
    /// to Int columns), other numbers as <c>double</c>. A string for a declared date or time column is parsed (ISO).
    /// </summary>
    public static object? ToObject(ModelContext context, JsonElement value, DataType? declared, string path)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null: return null;
            case JsonValueKind.True: return true;
            case JsonValueKind.False: return false;
            case JsonValueKind.Number: return value.TryGetInt64(out var l) ? l : value.GetDouble();
            case JsonValueKind.String:
                var text = value.GetString()!;
                var inv = CultureInfo.InvariantCulture;
                try
                {
                    return declared switch
                    {
                        DataType.LocalDate => DateOnly.Parse(text, inv),
                        DataType.LocalDateTime => DateTime.Parse(text, inv),
                        DataType.LocalTime => TimeOnly.Parse(text, inv),
                        DataType.ZonedDateTime => DateTimeOffset.Parse(text, inv),
                        _ => text,
                    };
                }
                catch (FormatException)
                {
                    throw context.Error(path, $"'{text}' is not a valid {declared}.");
                }
            default:
                throw context.Error(path, $"a string, number, boolean or null is expected, not a JSON {value.ValueKind.ToString().ToLowerInvariant()}.");
        }
    }
}
