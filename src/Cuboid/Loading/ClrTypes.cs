namespace Cuboid.Loading;

/// <summary>The Cuboid type of the CLR values a source gives (Parquet.Net's columns, an ADO.NET reader's fields).</summary>
internal static class ClrTypes
{
    public static DataType? Of(Type clr) => Type.GetTypeCode(clr) switch
    {
        TypeCode.Boolean => DataType.Boolean,
        TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 => DataType.Int,
        TypeCode.UInt32 or TypeCode.Int64 or TypeCode.UInt64 => DataType.Long,
        TypeCode.Single => DataType.Float,
        TypeCode.Double or TypeCode.Decimal => DataType.Double,
        TypeCode.String or TypeCode.Char => DataType.String,
        TypeCode.DateTime => DataType.LocalDateTime,
        _ when clr == typeof(DateOnly) => DataType.LocalDate,
        _ when clr == typeof(TimeOnly) || clr == typeof(TimeSpan) => DataType.LocalTime,
        _ when clr == typeof(DateTimeOffset) => DataType.ZonedDateTime,
        _ when clr == typeof(Guid) || clr == typeof(ReadOnlyMemory<char>) => DataType.String,   // ReadOnlyMemory<char>: Parquet.Net's untyped strings
        _ when clr == typeof(int[]) || clr == typeof(short[]) => DataType.IntArray,
        _ when clr == typeof(long[]) => DataType.LongArray,
        _ when clr == typeof(float[]) => DataType.FloatArray,
        _ when clr == typeof(double[]) || clr == typeof(decimal[]) => DataType.DoubleArray,
        _ => null,
    };
}
