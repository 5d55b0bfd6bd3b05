using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Cuboid.Storage;

/// <summary>
/// Packed values to doubles, (base + value) / divisor, four at a time with AVX: widen the bytes
/// to 32-bit integers, convert, add, divide (exact: the integers are below 2^53 and the division
/// is IEEE's correctly rounded one, so each double is the one that was packed). A scalar loop
/// elsewhere and for the tail.
/// </summary>
internal static class PackedDecode
{
    private const double TwoTo31 = 2147483648.0;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ToDoubles(ReadOnlySpan<byte> source, double @base, double divisor, Span<double> target)
    {
        var i = 0;
        if (Avx.IsSupported)
        {
            var (b, d) = (Vector256.Create(@base), Vector256.Create(divisor));
            ref var s = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(source);
            ref var t = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(target);
            for (; i + 16 <= source.Length; i += 16)
            {
                var (lo, hi) = Vector128.Widen(Vector128.LoadUnsafe(ref s, (nuint)i));
                var (a0, a1) = Vector128.Widen(lo);
                var (a2, a3) = Vector128.Widen(hi);
                Store(a0.AsInt32(), b, d, ref t, i);
                Store(a1.AsInt32(), b, d, ref t, i + 4);
                Store(a2.AsInt32(), b, d, ref t, i + 8);
                Store(a3.AsInt32(), b, d, ref t, i + 12);
            }
        }
        for (; i < source.Length; i++) target[i] = (@base + source[i]) / divisor;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ToDoubles(ReadOnlySpan<ushort> source, double @base, double divisor, Span<double> target)
    {
        var i = 0;
        if (Avx.IsSupported)
        {
            var (b, d) = (Vector256.Create(@base), Vector256.Create(divisor));
            ref var s = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(source);
            ref var t = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(target);
            for (; i + 8 <= source.Length; i += 8)
            {
                var (lo, hi) = Vector128.Widen(Vector128.LoadUnsafe(ref s, (nuint)i));
                Store(lo.AsInt32(), b, d, ref t, i);
                Store(hi.AsInt32(), b, d, ref t, i + 4);
            }
        }
        for (; i < source.Length; i++) target[i] = (@base + source[i]) / divisor;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ToDoubles(ReadOnlySpan<uint> source, double @base, double divisor, Span<double> target)
    {
        var i = 0;
        if (Avx.IsSupported)
        {
            // Unsigned 32-bit values: flip the top bit to get a signed one 2^31 lower, convert, add 2^31 back.
            var (b, d) = (Vector256.Create(@base + TwoTo31), Vector256.Create(divisor));
            ref var s = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(source);
            ref var t = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(target);
            var flip = Vector128.Create(int.MinValue);
            for (; i + 4 <= source.Length; i += 4) Store(Vector128.LoadUnsafe(ref s, (nuint)i).AsInt32() ^ flip, b, d, ref t, i);
        }
        for (; i < source.Length; i++) target[i] = (@base + source[i]) / divisor;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector128<int> values, Vector256<double> @base, Vector256<double> divisor, ref double target, int at) =>
        Avx.Divide(Avx.Add(Avx.ConvertToVector256Double(values), @base), divisor).StoreUnsafe(ref target, (nuint)at);
}
