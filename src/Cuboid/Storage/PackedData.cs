using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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

    private static readonly double[] s_divisors = [1, 10, 100, 1_000, 10_000];

    private readonly long _base;
    private readonly long _max;
    private readonly double _divisor;
    private readonly int _count;
    private readonly byte[]? _bytes;
    private readonly ushort[]? _shorts;
    private readonly uint[]? _ints;
    private readonly bool _hasNulls;
    private readonly double[]? _table;

    private PackedData(ValueKind kind, long @base, long max, double divisor, int count, int width, StringDictionary? dictionary, bool hasNulls, double[]? table)
    {
        (Kind, _base, _max, _divisor, _count, Width, Dictionary, _hasNulls, _table) = (kind, @base, max, divisor, count, width, dictionary, hasNulls, table);
    }

    private PackedData(PackedData shape, byte[]? bytes, ushort[]? shorts, uint[]? ints) : this(shape.Kind, shape._base, shape._max, shape._divisor, shape._count, shape.Width, shape.Dictionary, shape._hasNulls, shape._table)
    {
        (_bytes, _shorts, _ints) = (bytes, shorts, ints);
    }

    public ValueKind Kind { get; }

    /// <summary>The smallest and largest packed integer (before any divisor): a key column's range.</summary>
    public (long Min, long Max) Range => (_base, _max);

    /// <summary>Bytes a value: 0 (all equal), 1, 2 or 4.</summary>
    public int Width { get; }

    /// <summary>A string column's dictionary (codes only).</summary>
    public StringDictionary? Dictionary { get; }

    /// <summary>
    /// A chunk's column packed; when packing would not save anything (or the column holds nulls),
    /// the column itself in arrays of its rows only, without its null bitmap if no value is null.
    /// </summary>
    public static ColumnData Pack(ColumnData data, int count, ColumnSchema column) => data switch
    {
        PrimitiveData<int> { HasNulls: false } p => TryPack<int>(p.Values.AsSpan(0, count), column),
        PrimitiveData<long> { HasNulls: false } p => TryPack<long>(p.Values.AsSpan(0, count), column),
        PrimitiveData<DateOnly> { HasNulls: false } p => TryPack<DateOnly>(p.Values.AsSpan(0, count), column),
        PrimitiveData<double> { HasNulls: false } p => TryPack<double>(p.Values.AsSpan(0, count), column),
        // -1 (null) is a code like the others.
        CodedData c => Packed<int>(c.Codes.AsSpan(0, count), ValueKind.Code, 4, 1, c.Dictionary, c.HasNulls),
        _ => null,
    } ?? data.Trimmed(count);

    /// <summary>
    /// Values without nulls packed (a loader's worker packs a batch this way, straight from its
    /// builder); null when the type does not pack or packing would not save anything.
    /// </summary>
    public static PackedData? TryPack<T>(ReadOnlySpan<T> values, ColumnSchema column) where T : unmanaged
    {
        if (typeof(T) == typeof(int)) return Packed(MemoryMarshal.Cast<T, int>(values), ValueKind.Int, 4);
        if (typeof(T) == typeof(long)) return Packed(MemoryMarshal.Cast<T, long>(values), ValueKind.Long, 8);
        // A DateOnly is its day number (one int field): its values are read as those ints.
        if (typeof(T) == typeof(DateOnly)) return Packed(MemoryMarshal.Cast<T, int>(values), ValueKind.Date, 4);
        if (typeof(T) != typeof(double)) return null;
        // A scratch buffer for the scaled integers: a load packs thousands of chunks, and a fresh array each is garbage the GC must chase.
        var integers = System.Buffers.ArrayPool<long>.Shared.Rent(values.Length);
        try
        {
            var span = integers.AsSpan(0, values.Length);
            return Decimals(MemoryMarshal.Cast<T, double>(values), span) is { } divisor ? Packed<long>(span, ValueKind.Double, 8, divisor, column: column) : null;
        }
        finally
        {
            System.Buffers.ArrayPool<long>.Shared.Return(integers);
        }
    }

    /// <summary>Decimals of at most this many distinct hundredths (say) are looked up in a shared table rather than divided.</summary>
    private const int MaxTable = 1 << 14;

    private static PackedData? Packed<T>(ReadOnlySpan<T> values, ValueKind kind, int originalWidth, double divisor = 1,
        StringDictionary? dictionary = null, bool hasNulls = false, ColumnSchema? column = null) where T : unmanaged, IBinaryInteger<T>
    {
        if (values.IsEmpty) return null;
        var (min, max) = MinMax(values);
        var @base = long.CreateTruncating(min);
        var range = (ulong)(long.CreateTruncating(max) - @base);
        var width = range == 0 ? 0 : range <= byte.MaxValue ? 1 : range <= ushort.MaxValue ? 2 : range <= uint.MaxValue ? 4 : 8;
        if (width >= originalWidth) return null;
        var table = divisor != 1 && range < MaxTable ? column!.DecodeTable(@base, divisor, (int)range + 1) : null;
        var shape = new PackedData(kind, @base, long.CreateTruncating(max), divisor, values.Length, width, dictionary, hasNulls, table);
        // Differences wrap in T's arithmetic: their low bits are the offsets, which fit the width.
        return width switch
        {
            1 => new PackedData(shape, Narrow<T, byte>(values, min), null, null),
            2 => new PackedData(shape, null, Narrow<T, ushort>(values, min), null),
            4 => new PackedData(shape, null, null, Narrow<T, uint>(values, min)),
            _ => shape,
        };
    }

    private static TNarrow[] Narrow<T, TNarrow>(ReadOnlySpan<T> values, T min) where T : unmanaged, IBinaryInteger<T> where TNarrow : unmanaged, IBinaryInteger<TNarrow>
    {
        var narrow = GC.AllocateUninitializedArray<TNarrow>(values.Length);
        for (var i = 0; i < values.Length; i++) narrow[i] = TNarrow.CreateTruncating(values[i] - min);
        return narrow;
    }

    /// <summary>The smallest and largest value, a vector at a time.</summary>
    private static (T Min, T Max) MinMax<T>(ReadOnlySpan<T> values) where T : unmanaged, IBinaryInteger<T>
    {
        var (min, max) = (values[0], values[0]);
        var i = 0;
        if (Vector.IsHardwareAccelerated && values.Length >= 2 * Vector<T>.Count)
        {
            var (low, high) = (new Vector<T>(values), new Vector<T>(values));
            for (i = Vector<T>.Count; i <= values.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var v = new Vector<T>(values[i..]);
                (low, high) = (Vector.Min(low, v), Vector.Max(high, v));
            }
            for (var lane = 0; lane < Vector<T>.Count; lane++) (min, max) = (T.Min(min, low[lane]), T.Max(max, high[lane]));
        }
        for (; i < values.Length; i++) (min, max) = (T.Min(min, values[i]), T.Max(max, values[i]));
        return (min, max);
    }

    /// <summary>The divisor (1, 10 … 10,000) that makes every value an integer whose quotient is the very double, with those integers; null when none does.</summary>
    private static double? Decimals(ReadOnlySpan<double> source, Span<long> integers)
    {
        foreach (var divisor in s_divisors)
        {
            if (Scale(source, divisor, integers)) return divisor;
        }
        return null;
    }

    /// <summary>
    /// Adding 1.5 × 2^52 to a double below 2^51 in magnitude rounds it to an integer held in the
    /// low bits of the sum: a conversion to long without a conversion instruction (AVX2 has none),
    /// which also turns -0.0 into 0.
    /// </summary>
    private const double Magic = 6755399441055744.0;

    /// <summary>Whether every value times <paramref name="divisor"/> is an integer whose quotient by it is the very double (bits compared: -0.0 and NaN fail); the integers go to <paramref name="integers"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Scale(ReadOnlySpan<double> source, double divisor, Span<long> integers)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var (d, magic, limit) = (Vector256.Create(divisor), Vector256.Create(Magic), Vector256.Create((double)(1L << 51)));
            for (; i <= source.Length - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var v = Vector256.Create(source[i..]);
                var shifted = v * d + magic;
                var whole = shifted - magic;
                var exact = Vector256.LessThan(Vector256.Abs(v * d), limit).AsInt64() & Vector256.Equals((whole / d).AsInt64(), v.AsInt64());
                if (exact != Vector256<long>.AllBitsSet) return false;
                (shifted.AsInt64() - magic.AsInt64()).CopyTo(integers[i..]);
            }
        }
        for (; i < source.Length; i++)
        {
            var scaled = source[i] * divisor;
            if (!(Math.Abs(scaled) < 1L << 51)) return false;
            var whole = scaled + Magic - Magic;
            if (BitConverter.DoubleToInt64Bits(whole / divisor) != BitConverter.DoubleToInt64Bits(source[i])) return false;
            integers[i] = (long)whole;
        }
        return true;
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

    /// <summary>The number a packed integer stands for, exactly as a scan decodes it.</summary>
    public double Decode(long raw) => Kind == ValueKind.Double ? _table is { } table ? table[raw - _base] : raw / _divisor : raw;

    /// <summary>Whether rows <paramref name="offset"/>… (or the selected rows) satisfy a comparison turned into a range of stored offsets.</summary>
    public void Test(in PackedRange range, int offset, int count, ReadOnlySpan<int> selection, Span<bool> result)
    {
        if (selection.IsEmpty)
        {
            range.Eval(Width == 1 ? _bytes.AsSpan(offset, count) : default, Width == 2 ? _shorts.AsSpan(offset, count) : default, Width == 4 ? _ints.AsSpan(offset, count) : default, Width, result[..count]);
            return;
        }
        switch (Width)
        {
            case 0: result[..selection.Length].Fill(range.Holds(0)); break;
            case 1: { var s = _bytes!; for (var i = 0; i < selection.Length; i++) result[i] = range.Holds(s[selection[i]]); break; }
            case 2: { var s = _shorts!; for (var i = 0; i < selection.Length; i++) result[i] = range.Holds(s[selection[i]]); break; }
            default: { var s = _ints!; for (var i = 0; i < selection.Length; i++) result[i] = range.Holds(s[selection[i]]); break; }
        }
    }

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
