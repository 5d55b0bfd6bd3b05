using System.Globalization;
using System.Numerics;
using Cuboid.Loading;

namespace Cuboid.DirectQuery.Sql;

/// <summary>What drivers return, as Cuboid's types: HUGEINT sums (BigInteger), decimals, unsigned integers, UTC timestamps.</summary>
internal static class SqlValues
{
    public static object? ToColumn(object? raw, DataType type)
    {
        var value = raw switch
        {
            null => null,
            BigInteger b => type is DataType.Int or DataType.Long && b >= long.MinValue && b <= long.MaxValue ? (long)b : (double)b,
            decimal d when type is not DataType.String => (double)d,
            ulong u => u <= long.MaxValue ? (long)u : (double)u,
            uint u => (long)u,
            DateTime t when type == DataType.ZonedDateTime => new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)),
            DateTime t when type == DataType.LocalDate => DateOnly.FromDateTime(t),
            _ => raw,
        };
        return ValueConversion.TryConvert(value, type, out var converted) ? converted : value;
    }

    public static double ToDouble(object? raw) => raw switch
    {
        null => 0,
        double d => d,
        BigInteger b => (double)b,
        DateOnly d => d.DayNumber,
        DateTime t => t.Ticks,
        _ => Convert.ToDouble(raw, CultureInfo.InvariantCulture),
    };

    public static long ToLong(object? raw) => raw switch
    {
        null => 0,
        long l => l,
        BigInteger b => (long)b,
        _ => Convert.ToInt64(raw, CultureInfo.InvariantCulture),
    };
}
