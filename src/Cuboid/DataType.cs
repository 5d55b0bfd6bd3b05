namespace Cuboid;

/// <summary>The column types of a Cuboid table: Atoti's types, with their .NET value types.</summary>
public enum DataType
{
    /// <summary><see cref="bool"/>.</summary>
    Boolean,
    /// <summary><see cref="int"/>.</summary>
    Int,
    /// <summary><see cref="long"/>.</summary>
    Long,
    /// <summary><see cref="float"/>.</summary>
    Float,
    /// <summary><see cref="double"/>.</summary>
    Double,
    /// <summary><see cref="string"/>, dictionary-encoded in storage.</summary>
    String,
    /// <summary><see cref="DateOnly"/>.</summary>
    LocalDate,
    /// <summary><see cref="DateTime"/> without a time zone.</summary>
    LocalDateTime,
    /// <summary><see cref="TimeOnly"/>.</summary>
    LocalTime,
    /// <summary><see cref="DateTimeOffset"/>.</summary>
    ZonedDateTime,
    /// <summary><c>int[]</c>.</summary>
    IntArray,
    /// <summary><c>long[]</c>.</summary>
    LongArray,
    /// <summary><c>float[]</c>.</summary>
    FloatArray,
    /// <summary><c>double[]</c>.</summary>
    DoubleArray,
}

/// <summary>Facts about each <see cref="DataType"/> that loaders, storage and queries share.</summary>
public static class DataTypes
{
    /// <summary>The .NET type that holds one value of <paramref name="type"/>.</summary>
    public static Type ClrType(this DataType type) => type switch
    {
        DataType.Boolean => typeof(bool),
        DataType.Int => typeof(int),
        DataType.Long => typeof(long),
        DataType.Float => typeof(float),
        DataType.Double => typeof(double),
        DataType.String => typeof(string),
        DataType.LocalDate => typeof(DateOnly),
        DataType.LocalDateTime => typeof(DateTime),
        DataType.LocalTime => typeof(TimeOnly),
        DataType.ZonedDateTime => typeof(DateTimeOffset),
        DataType.IntArray => typeof(int[]),
        DataType.LongArray => typeof(long[]),
        DataType.FloatArray => typeof(float[]),
        DataType.DoubleArray => typeof(double[]),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>True for Int, Long, Float and Double: the types Auto cubes make SUM and MEAN measures of.</summary>
    public static bool IsNumeric(this DataType type) => type is DataType.Int or DataType.Long or DataType.Float or DataType.Double;

    /// <summary>True for Int and Long.</summary>
    public static bool IsIntegral(this DataType type) => type is DataType.Int or DataType.Long;

    /// <summary>True for the array (vector) types.</summary>
    public static bool IsArray(this DataType type) => type is DataType.IntArray or DataType.LongArray or DataType.FloatArray or DataType.DoubleArray;

    /// <summary>
    /// Atoti's default value for a column of this type when none is given: "N/A" for strings,
    /// 1970-01-01 for dates, false for booleans, null for numbers and arrays.
    /// </summary>
    public static object? DefaultValue(this DataType type) => type switch
    {
        DataType.String => "N/A",
        DataType.Boolean => false,
        DataType.LocalDate => new DateOnly(1970, 1, 1),
        DataType.LocalDateTime => new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Unspecified),
        DataType.LocalTime => TimeOnly.MinValue,
        DataType.ZonedDateTime => new DateTimeOffset(1970, 1, 1, 0, 0, 0, TimeSpan.Zero),
        _ => null,
    };

    /// <summary>
    /// The data type whose values are <paramref name="clr"/> (an object's property, a source's column: Parquet.Net's,
    /// an ADO.NET reader's), or null when Cuboid has none.
    /// </summary>
    public static DataType? FromClrType(Type clr)
    {
        clr = Nullable.GetUnderlyingType(clr) ?? clr;
        if (clr == typeof(bool)) return DataType.Boolean;
        if (clr == typeof(int) || clr == typeof(short) || clr == typeof(byte) || clr == typeof(sbyte) || clr == typeof(ushort)) return DataType.Int;
        if (clr == typeof(long) || clr == typeof(uint) || clr == typeof(ulong)) return DataType.Long;
        if (clr == typeof(float)) return DataType.Float;
        if (clr == typeof(double) || clr == typeof(decimal)) return DataType.Double;
        // ReadOnlyMemory<char>: Parquet.Net's untyped strings.
        if (clr == typeof(string) || clr == typeof(char) || clr.IsEnum || clr == typeof(Guid) || clr == typeof(ReadOnlyMemory<char>)) return DataType.String;
        if (clr == typeof(DateOnly)) return DataType.LocalDate;
        if (clr == typeof(DateTime)) return DataType.LocalDateTime;
        if (clr == typeof(TimeOnly) || clr == typeof(TimeSpan)) return DataType.LocalTime;
        if (clr == typeof(DateTimeOffset)) return DataType.ZonedDateTime;
        if (clr == typeof(int[]) || clr == typeof(short[])) return DataType.IntArray;
        if (clr == typeof(long[])) return DataType.LongArray;
        if (clr == typeof(float[])) return DataType.FloatArray;
        if (clr == typeof(double[]) || clr == typeof(decimal[])) return DataType.DoubleArray;
        return null;
    }
}
