namespace Cuboid.Storage;

/// <summary>
/// Key values as 64-bit integers, so that key indexes, joins and member dictionaries hash one
/// <c>long</c> per column instead of boxed objects. Strings use their column's dictionary code,
/// which is why a value must be translated when it crosses to another column (see <see cref="Translate"/>).
/// </summary>
internal static class KeyEncoding
{
    public const long Null = long.MinValue;

    public static long Encode(ColumnData data, int row) => data switch
    {
        PackedData p => p.Key(row),
        _ when data.IsNull(row) => Null,
        CodedData c => c.Codes[row],
        PrimitiveData<int> p => p.Values[row],
        PrimitiveData<long> p => p.Values[row],
        PrimitiveData<double> p => BitConverter.DoubleToInt64Bits(p.Values[row]),
        PrimitiveData<float> p => BitConverter.DoubleToInt64Bits(p.Values[row]),
        PrimitiveData<bool> p => p.Values[row] ? 1 : 0,
        PrimitiveData<DateOnly> p => p.Values[row].DayNumber,
        PrimitiveData<DateTime> p => p.Values[row].Ticks,
        PrimitiveData<TimeOnly> p => p.Values[row].Ticks,
        PrimitiveData<DateTimeOffset> p => p.Values[row].UtcTicks,
        _ => throw new InvalidOperationException($"{data.GetType().Name} values cannot be keys."),
    };

    /// <summary>The key encodings of rows [<paramref name="offset"/>, + <paramref name="target"/>.Length): in one pass for the usual key columns (integers, packed or not).</summary>
    public static void EncodeRange(ColumnData data, int offset, Span<long> target)
    {
        switch (data)
        {
            case PackedData p:
                p.ReadKeys(offset, target.Length, target);
                return;
            case PrimitiveData<long> { HasNulls: false } p:
                p.Values.AsSpan(offset, target.Length).CopyTo(target);
                return;
            case PrimitiveData<int> { HasNulls: false } p:
                var ints = p.Values.AsSpan(offset, target.Length);
                for (var i = 0; i < ints.Length; i++) target[i] = ints[i];
                return;
            default:
                for (var i = 0; i < target.Length; i++) target[i] = Encode(data, offset + i);
                return;
        }
    }

    /// <summary>The value a key encoding stands for in <paramref name="column"/> (null for the null key).</summary>
    public static object? Decode(ColumnSchema column, long key) => key == Null ? null : column.Type switch
    {
        DataType.String => column.Dictionary![(int)key],
        DataType.Int => (int)key,
        DataType.Long => key,
        DataType.Double => BitConverter.Int64BitsToDouble(key),
        DataType.Float => (float)BitConverter.Int64BitsToDouble(key),
        DataType.Boolean => key != 0,
        DataType.LocalDate => DateOnly.FromDayNumber((int)key),
        DataType.LocalDateTime => new DateTime(key),
        DataType.LocalTime => new TimeOnly(key),
        DataType.ZonedDateTime => new DateTimeOffset(key, TimeSpan.Zero),
        _ => throw new NotSupportedException($"{column.Type} values have no key encoding."),
    };

    /// <summary>Encodes a user-given value as it would be stored in <paramref name="column"/>; false if it cannot be.</summary>
    public static bool TryEncodeValue(ColumnSchema column, object? value, bool addToDictionary, out long key)
    {
        key = Null;
        if (value is null) return true;
        switch (column.Type)
        {
            case DataType.String:
                var text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!;
                if (addToDictionary) { key = column.Dictionary!.GetOrAdd(text); return true; }
                if (column.Dictionary!.TryGetCode(text, out var code)) { key = code; return true; }
                return false;
            case DataType.Int or DataType.Long:
                if (value is double or float) { var d = Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture); key = (long)d; return d == key; }
                key = Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
                return true;
            case DataType.Double or DataType.Float:
                key = BitConverter.DoubleToInt64Bits(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture));
                return true;
            case DataType.Boolean: key = (bool)value ? 1 : 0; return true;
            case DataType.LocalDate: key = ((DateOnly)value).DayNumber; return true;
            case DataType.LocalDateTime: key = ((DateTime)value).Ticks; return true;
            case DataType.LocalTime: key = ((TimeOnly)value).Ticks; return true;
            case DataType.ZonedDateTime: key = ((DateTimeOffset)value).UtcTicks; return true;
            default: return false;
        }
    }

    /// <summary>
    /// Re-encodes a key of a <paramref name="from"/> column as a key of a <paramref name="to"/> column:
    /// identity for the same numeric family, dictionary lookup for strings, numeric conversion otherwise.
    /// Returns <see cref="Null"/> when the value has no encoding there (so it cannot match).
    /// </summary>
    public static Func<long, long> Translate(ColumnSchema from, ColumnSchema to)
    {
        if (from.Type == DataType.String && to.Type == DataType.String)
        {
            var (source, target) = (from.Dictionary!, to.Dictionary!);
            return key => key == Null ? Null : target.TryGetCode(source[(int)key], out var code) ? code : Null;
        }
        if (from.Type.IsIntegral() && to.Type.IsIntegral()) return key => key;
        if (from.Type == to.Type) return key => key;
        var fromFloat = from.Type is DataType.Double or DataType.Float;
        var toFloat = to.Type is DataType.Double or DataType.Float;
        if (from.Type.IsIntegral() && toFloat) return key => key == Null ? Null : BitConverter.DoubleToInt64Bits(key);
        if (fromFloat && to.Type.IsIntegral())
        {
            return key =>
            {
                if (key == Null) return Null;
                var d = BitConverter.Int64BitsToDouble(key);
                return d == Math.Floor(d) ? (long)d : Null;
            };
        }
        throw new ArgumentException($"Cannot join column '{from.Name}' ({from.Type}) to column '{to.Name}' ({to.Type}): the types do not match.");
    }
}
