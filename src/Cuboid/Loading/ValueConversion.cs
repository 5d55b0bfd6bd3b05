using System.Globalization;

namespace Cuboid.Loading;

/// <summary>Converts user-given objects (records, Append rows, default values, filter values) to a column's CLR type.</summary>
internal static class ValueConversion
{
    public static DataType ElementType(DataType arrayType) => arrayType switch
    {
        DataType.IntArray => DataType.Int,
        DataType.LongArray => DataType.Long,
        DataType.FloatArray => DataType.Float,
        DataType.DoubleArray => DataType.Double,
        _ => throw new ArgumentOutOfRangeException(nameof(arrayType)),
    };

    public static object? ToColumnType(object? value, DataType type) =>
        TryConvert(value, type, out var result)
            ? result
            : throw new ArgumentException($"The value {Describe(value)} is not a {type}.");

    public static bool TryConvert(object? value, DataType type, out object? result)
    {
        result = null;
        if (value is null) return true;
        var inv = CultureInfo.InvariantCulture;
        try
        {
            switch (type)
            {
                case DataType.Boolean when value is bool: result = value; return true;
                case DataType.Int when value is int or short or byte or sbyte or ushort:
                    result = Convert.ToInt32(value, inv); return true;
                case DataType.Int when value is long l && l is >= int.MinValue and <= int.MaxValue: result = (int)l; return true;
                case DataType.Long when value is long or int or short or byte or uint or sbyte or ushort:
                    result = Convert.ToInt64(value, inv); return true;
                case DataType.Double when value is double or float or int or long or decimal or short or byte:
                    result = Convert.ToDouble(value, inv); return true;
                case DataType.Float when value is float or double or int or long or decimal or short or byte:
                    result = Convert.ToSingle(value, inv); return true;
                case DataType.String: result = value is string s ? s : Convert.ToString(value, inv); return true;
                case DataType.LocalDate when value is DateOnly: result = value; return true;
                case DataType.LocalDate when value is DateTime dt && dt.TimeOfDay == TimeSpan.Zero: result = DateOnly.FromDateTime(dt); return true;
                case DataType.LocalDateTime when value is DateTime: result = value; return true;
                case DataType.LocalDateTime when value is DateOnly d: result = d.ToDateTime(TimeOnly.MinValue); return true;
                case DataType.LocalTime when value is TimeOnly: result = value; return true;
                case DataType.LocalTime when value is TimeSpan ts: result = TimeOnly.FromTimeSpan(ts); return true;
                case DataType.ZonedDateTime when value is DateTimeOffset: result = value; return true;
                case DataType.ZonedDateTime when value is DateTime dt2: result = new DateTimeOffset(dt2); return true;
                case DataType.IntArray when value is int[]: result = value; return true;
                case DataType.LongArray when value is long[]: result = value; return true;
                case DataType.FloatArray when value is float[]: result = value; return true;
                case DataType.DoubleArray when value is double[]: result = value; return true;
                default: return false;
            }
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    public static string Describe(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        _ => $"{Convert.ToString(value, CultureInfo.InvariantCulture)} ({value.GetType().Name})",
    };
}
