using System.Runtime.CompilerServices;

namespace Cuboid.Storage;

/// <summary>
/// A chunk's column stored in fewer bytes: each value minus the chunk's smallest (frame of
/// reference) in 0, 1, 2 or 4 bytes, the fewest that hold the chunk's range. Integers, dates (day
/// numbers) and string codes are packed as they are; doubles when every value of the chunk is a
/// decimal of at most four places (prices, rates), as the integer of its hundredths (say) — exact:
/// the division gives back the very double (a table of the column's decoded values, shared by its
/// chunks, spares the division when the range is small). A commit packs the chunks it wrote, which
/// are never written again (an append to the last one copies it, unpacked); scans decode a vector at a time into their buffers with one switch per vector. Byte
/// widths rather than bit widths: decoding is then a widening load, cheaper on two cores than the
/// shifts and masks of bit-packing, for a few more bits per value.
/// </summary>
internal sealed class PackedData : ColumnData
{
    public enum ValueKind : byte { Int, Long, Date, Double, Code }

    private const int MaxDecimals = 4;
    private static readonly double[] s_divisors = [1, 10, 100, 1_000, 10_000];

    private readonly long _base;
    private readonly double _divisor;
    private readonly int _count;
    private readonly byte[]? _bytes;
    private readonly ushort[]? _shorts;
    private readonly uint[]? _ints;
    private readonly bool _hasNulls;
    private readonly double[]? _table;

    private PackedData(ValueKind kind, long @base, double divisor, int count, int width, ReadOnlySpan<long> values, StringDictionary? dictionary, bool hasNulls, double[]? table)
    {
        _table = table;
        (Kind, _base, _divisor, _count, Dictionary, _hasNulls) = (kind, @base, divisor, count, dictionary, hasNulls);
        Width = width;
        switch (width)
        {
            case 1: _bytes = new byte[count]; for (var i = 0; i < count; i++) _bytes[i] = (byte)(values[i] - @base); break;
            case 2: _shorts = new ushort[count]; for (var i = 0; i < count; i++) _shorts[i] = (ushort)(values[i] - @base); break;
            case 4: _ints = new uint[count]; for (var i = 0; i < count; i++) _ints[i] = (uint)(values[i] - @base); break;
        }
    }

    public ValueKind Kind { get; }

    /// <summary>Bytes a value: 0 (all equal), 1, 2 or 4.</summary>
    public int Width { get; }

    /// <summary>A string column's dictionary (codes only).</summary>
    public StringDictionary? Dictionary { get; }

    /// <summary>
    /// A chunk's column packed; when packing would not save anything (or the column holds nulls),
    /// the column itself in arrays of its rows only, without its null bitmap if no value is null.
    /// </summary>
    public static ColumnData Pack(ColumnData data, int count, ColumnSchema column)
    {
        var packed = TryPack(data, count, column);
        return ReferenceEquals(packed, data) ? data.Trimmed(count) : packed;
    }

    private static ColumnData TryPack(ColumnData data, int count, ColumnSchema column)
    {
        // A scratch buffer a chunk: a load packs thousands of chunks, and a fresh 512 KB array each is garbage the GC must chase.
        var values = System.Buffers.ArrayPool<long>.Shared.Rent(count);
        try
        {
            return TryPack(data, count, column, values.AsSpan(0, count));
        }
        finally
        {
            System.Buffers.ArrayPool<long>.Shared.Return(values);
        }
    }

    private static ColumnData TryPack(ColumnData data, int count, ColumnSchema column, Span<long> values)
    {
        switch (data)
        {
            case PrimitiveData<int> { HasNulls: false } p:
                for (var i = 0; i < count; i++) values[i] = p.Values[i];
                return Packed(data, ValueKind.Int, values, 1, 4);
            case PrimitiveData<long> { HasNulls: false } p:
                p.Values.AsSpan(0, count).CopyTo(values);
                return Packed(data, ValueKind.Long, values, 1, 8);
            case PrimitiveData<DateOnly> { HasNulls: false } p:
                for (var i = 0; i < count; i++) values[i] = p.Values[i].DayNumber;
                return Packed(data, ValueKind.Date, values, 1, 4);
            case PrimitiveData<double> { HasNulls: false } p:
                return Decimals(p.Values.AsSpan(0, count), values) is { } divisor ? Packed(data, ValueKind.Double, values, divisor, 8, column: column) : data;
            case CodedData c:
                for (var i = 0; i < count; i++) values[i] = c.Codes[i];   // -1 (null) is a value like the others
                return Packed(data, ValueKind.Code, values, 1, 4, c.Dictionary, c.HasNulls);
            default:
                return data;
        }
    }

    /// <summary>Decimals of at most this many distinct hundredths (say) are looked up in a shared table rather than divided.</summary>
    private const int MaxTable = 1 << 14;

    private static ColumnData Packed(ColumnData original, ValueKind kind, ReadOnlySpan<long> values, double divisor, int originalWidth,
        StringDictionary? dictionary = null, bool hasNulls = false, ColumnSchema? column = null)
    {
        var (min, max) = (long.MaxValue, long.MinValue);
        foreach (var v in values)
        {
            if (v < min) min = v;
            if (v > max) max = v;
        }
        var range = (ulong)(max - min);
        var width = range == 0 ? 0 : range <= byte.MaxValue ? 1 : range <= ushort.MaxValue ? 2 : range <= uint.MaxValue ? 4 : 8;
        if (width >= originalWidth) return original;
        var table = divisor != 1 && range < MaxTable ? column!.DecodeTable(min, divisor, (int)range + 1) : null;
        return new PackedData(kind, min, divisor, values.Length, width, values, dictionary, hasNulls, table);
    }

    /// <summary>The divisor (1, 10 … 10,000) that makes every value an integer whose quotient is the very double, with those integers; null when none does.</summary>
    private static double? Decimals(ReadOnlySpan<double> source, Span<long> integers)
    {
        for (var places = 0; places <= MaxDecimals; places++)
        {
            var divisor = s_divisors[places];
            var exact = true;
            for (var i = 0; i < source.Length && exact; i++)
            {
                var scaled = Math.Round(source[i] * divisor);
                // The integer's quotient must be the very double (bits compared: -0.0 and NaN stay unpacked).
                exact = Math.Abs(scaled) < 1L << 52;
                integers[i] = exact ? (long)scaled : 0;
                exact &= BitConverter.DoubleToInt64Bits(integers[i] / divisor) == BitConverter.DoubleToInt64Bits(source[i]);
            }
            if (exact) return divisor;
        }
        return null;
    }

    private long Raw(int row) => _base + Width switch
    {
        0 => 0,
        1 => _bytes![row],
        2 => _shorts![row],
        _ => _ints![row],
    };

    public override int Capacity => _count;

    public override bool HasNulls => _hasNulls;

    public override bool IsNull(int row) => _hasNulls && Raw(row) == CodedData.NullCode;

    public override object? GetValue(int row)
    {
        var raw = Raw(row);
        return Kind switch
        {
            ValueKind.Int => (int)raw,
            ValueKind.Long => raw,
            ValueKind.Date => DateOnly.FromDayNumber((int)raw),
            ValueKind.Double => raw / _divisor,
            _ => raw == CodedData.NullCode ? null : Dictionary![(int)raw],
        };
    }

    /// <summary>The key encoding of a row's value (<see cref="KeyEncoding"/>).</summary>
    public long Key(int row)
    {
        var raw = Raw(row);
        return Kind switch
        {
            ValueKind.Double => BitConverter.DoubleToInt64Bits(raw / _divisor),
            ValueKind.Code when raw == CodedData.NullCode => KeyEncoding.Null,
            _ => raw,
        };
    }

    /// <summary>A row's value as a scan aggregates it (<see cref="Expressions.ColumnGather.ToDouble"/>: strings as 0).</summary>
    public double Double(int row) => Kind switch
    {
        ValueKind.Code => 0,
        ValueKind.Double => _table is { } table ? table[Raw(row) - _base] : Raw(row) / _divisor,
        _ => Raw(row),
    };

    /// <summary>Values of rows <paramref name="offset"/>… as doubles (strings as 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ReadDoubles(int offset, int count, Span<double> target)
    {
        target = target[..count];
        if (Kind == ValueKind.Code)
        {
            target.Clear();
            return;
        }
        if (_table is { } table && Width > 0)
        {
            if (Width == 1) Lookup(_bytes.AsSpan(offset, count), table, target);
            else Lookup(_shorts.AsSpan(offset, count), table, target);
            return;
        }
        var (b, d) = ((double)_base, _divisor);
        switch (Width)
        {
            case 0: target.Fill(b / d); break;
            case 1: PackedDecode.ToDoubles(_bytes.AsSpan(offset, count), b, d, target); break;
            case 2: PackedDecode.ToDoubles(_shorts.AsSpan(offset, count), b, d, target); break;
            default: PackedDecode.ToDoubles(_ints.AsSpan(offset, count), b, d, target); break;
        }
    }

    /// <summary>Values of the selected rows as doubles (strings as 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void GatherDoubles(ReadOnlySpan<int> rows, Span<double> target)
    {
        if (Kind == ValueKind.Code)
        {
            target[..rows.Length].Clear();
            return;
        }
        if (_table is { } table && Width > 0)
        {
            if (Width == 1) { var s = _bytes!; for (var i = 0; i < rows.Length; i++) target[i] = table[s[rows[i]]]; }
            else { var s = _shorts!; for (var i = 0; i < rows.Length; i++) target[i] = table[s[rows[i]]]; }
            return;
        }
        var (b, d) = (_base, _divisor);
        switch (Width)
        {
            case 0: target[..rows.Length].Fill(b / d); return;
            case 1: { var s = _bytes!; for (var i = 0; i < rows.Length; i++) target[i] = b + s[rows[i]]; break; }
            case 2: { var s = _shorts!; for (var i = 0; i < rows.Length; i++) target[i] = b + s[rows[i]]; break; }
            default: { var s = _ints!; for (var i = 0; i < rows.Length; i++) target[i] = b + s[rows[i]]; break; }
        }
        if (d != 1)
        {
            for (var i = 0; i < rows.Length; i++) target[i] /= d;
        }
    }

    /// <summary>Key encodings of rows <paramref name="offset"/>….</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ReadKeys(int offset, int count, Span<long> target)
    {
        if (Kind == ValueKind.Double || (Kind == ValueKind.Code && _hasNulls))
        {
            for (var i = 0; i < count; i++) target[i] = Key(offset + i);
            return;
        }
        var b = _base;
        switch (Width)
        {
            case 0: target[..count].Fill(b); break;
            case 1: { var s = _bytes.AsSpan(offset, count); for (var i = 0; i < s.Length; i++) target[i] = b + s[i]; break; }
            case 2: { var s = _shorts.AsSpan(offset, count); for (var i = 0; i < s.Length; i++) target[i] = b + s[i]; break; }
            default: { var s = _ints.AsSpan(offset, count); for (var i = 0; i < s.Length; i++) target[i] = b + s[i]; break; }
        }
    }

    private static void Lookup(ReadOnlySpan<byte> source, double[] table, Span<double> target)
    {
        for (var i = 0; i < source.Length; i++) target[i] = table[source[i]];
    }

    private static void Lookup(ReadOnlySpan<ushort> source, double[] table, Span<double> target)
    {
        for (var i = 0; i < source.Length; i++) target[i] = table[source[i]];
    }

    /// <summary>The column as plain arrays again (a chunk to be appended to, which packed chunks never are in practice).</summary>
    public ColumnData Unpacked(int capacity)
    {
        switch (Kind)
        {
            case ValueKind.Code:
                var codes = new int[capacity];
                for (var i = 0; i < _count; i++) codes[i] = (int)Raw(i);
                return new CodedData(codes, Dictionary!, _hasNulls);
            case ValueKind.Int: return Plain(capacity, i => (int)Raw(i));
            case ValueKind.Long: return Plain(capacity, Raw);
            case ValueKind.Date: return Plain(capacity, i => DateOnly.FromDayNumber((int)Raw(i)));
            default: return Plain(capacity, i => Raw(i) / _divisor);
        }
    }

    private PrimitiveData<T> Plain<T>(int capacity, Func<int, T> value) where T : unmanaged
    {
        var values = new T[capacity];
        for (var i = 0; i < _count; i++) values[i] = value(i);
        return new PrimitiveData<T>(values, Bits.Create(capacity), false);
    }

    public override ColumnData Grow(int capacity, int count) => Unpacked(capacity);

    public override void CopyRange(ColumnData source, int from, int to, int count) =>
        throw new InvalidOperationException("A packed column is never written: unpack it first.");

    public override ColumnData WithNulls(bool hasNulls) => hasNulls && !_hasNulls ? Unpacked(_count).WithNulls(true) : this;

    public override long Bytes => (long)_count * Width;
}
