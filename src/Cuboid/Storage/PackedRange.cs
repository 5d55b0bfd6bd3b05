using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Cuboid.Storage;

/// <summary>
/// A comparison of a packed chunk's numbers with a constant, turned into a range of stored offsets
/// (<c>lo ≤ stored ≤ hi</c>, or outside it for ≠): the condition is then tested on the packed bytes
/// themselves, 32 a vector, without decoding a value. The range is found by searching the stored
/// offsets for where the comparison of the decoded value (exactly as a scan decodes it) changes,
/// so it agrees with comparing the doubles row by row, for decimals too.
/// </summary>
internal readonly record struct PackedRange(uint Low, uint High, bool Empty, bool Negated)
{
    /// <summary>The range of <paramref name="column"/>'s stored offsets whose value satisfies <c>value op constant</c>.</summary>
    public static PackedRange Of(PackedData column, ComparisonOperator op, double constant)
    {
        var (min, max) = column.Range;
        var span = (long)(max - min);
        bool Holds(long offset, ComparisonOperator o) => o.Holds(column.Decode(min + offset).CompareTo(constant)) && !double.IsNaN(constant);
        return op switch
        {
            ComparisonOperator.Greater or ComparisonOperator.GreaterOrEqual => From(FirstTrue(span, s => Holds(s, op)), span, span),
            ComparisonOperator.Less or ComparisonOperator.LessOrEqual => From(0, FirstTrue(span, s => !Holds(s, op)) - 1, span),
            _ => From(FirstTrue(span, s => Holds(s, ComparisonOperator.GreaterOrEqual)), FirstTrue(span, s => Holds(s, ComparisonOperator.Greater)) - 1, span) with
            {
                Negated = op == ComparisonOperator.NotEqual,
            },
        };
    }

    /// <summary>The offsets both ranges accept; null when that is not one range (a ≠ with anything but an empty range).</summary>
    public PackedRange? Intersect(PackedRange other)
    {
        if (Empty && !Negated || other.Empty && !other.Negated) return new(0, 0, true, false);
        if (Empty) return other;              // ≠ a value no row holds: everything
        if (other.Empty) return this;
        if (Negated || other.Negated) return null;
        var (low, high) = (Math.Max(Low, other.Low), Math.Min(High, other.High));
        return low > high ? new(0, 0, true, false) : new(low, high, false, false);
    }

    private static PackedRange From(long low, long high, long span) =>
        low > high || low > span || high < 0 ? new(0, 0, true, false) : new((uint)low, (uint)high, false, false);

    /// <summary>The first offset in [0, span] where a predicate that turns true once (and stays) holds; span + 1 when it never does.</summary>
    private static long FirstTrue(long span, Func<long, bool> predicate)
    {
        var (low, high) = (0L, span + 1);
        while (low < high)
        {
            var middle = low + (high - low) / 2;
            if (predicate(middle)) high = middle;
            else low = middle + 1;
        }
        return low;
    }

    /// <summary>The test on stored offsets [offset, offset + result.Length).</summary>
    public void Eval(ReadOnlySpan<byte> bytes, ReadOnlySpan<ushort> shorts, ReadOnlySpan<uint> ints, int width, Span<bool> result)
    {
        if (Empty || width == 0)
        {
            result.Fill(Holds(0));   // a constant chunk (width 0) holds offset 0 everywhere
            return;
        }
        var flip = (byte)(Negated ? 1 : 0);
        var r = MemoryMarshal.Cast<bool, byte>(result);
        switch (width)
        {
            case 1: Bytes(bytes, (byte)Low, (byte)(High - Low), flip, r); break;
            case 2: Shorts(shorts, (ushort)Low, (ushort)(High - Low), flip, r); break;
            default:
                for (var i = 0; i < r.Length; i++) r[i] = (byte)((ints[i] - Low <= High - Low ? 1 : 0) ^ flip);
                break;
        }
    }

    /// <summary>The test on the stored offsets of selected rows.</summary>
    public bool Holds(uint stored) => (stored - Low <= High - Low && !Empty) != Negated;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Bytes(ReadOnlySpan<byte> source, byte low, byte width, byte flip, Span<byte> result)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var (l, w, one, f) = (Vector256.Create(low), Vector256.Create(width), Vector256.Create((byte)1), Vector256.Create(flip));
            for (; i <= source.Length - Vector256<byte>.Count; i += Vector256<byte>.Count)
            {
                var inside = Vector256.LessThanOrEqual(Vector256.Create(source[i..]) - l, w);
                ((inside & one) ^ f).CopyTo(result[i..]);
            }
        }
        for (; i < source.Length; i++) result[i] = (byte)(((byte)(source[i] - low) <= width ? 1 : 0) ^ flip);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Shorts(ReadOnlySpan<ushort> source, ushort low, ushort width, byte flip, Span<byte> result)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var (l, w, one, f) = (Vector256.Create(low), Vector256.Create(width), Vector256.Create((ushort)1), Vector256.Create(flip));
            for (; i <= source.Length - 2 * Vector256<ushort>.Count; i += 2 * Vector256<ushort>.Count)
            {
                var a = Vector256.LessThanOrEqual(Vector256.Create(source[i..]) - l, w) & one;
                var b = Vector256.LessThanOrEqual(Vector256.Create(source[(i + Vector256<ushort>.Count)..]) - l, w) & one;
                (Vector256.Narrow(a, b) ^ f).CopyTo(result[i..]);
            }
        }
        for (; i < source.Length; i++) result[i] = (byte)(((ushort)(source[i] - low) <= width ? 1 : 0) ^ flip);
    }
}
