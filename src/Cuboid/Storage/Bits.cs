using System.Numerics;
using System.Runtime.CompilerServices;

namespace Cuboid.Storage;

/// <summary>Bitmaps as <c>ulong[]</c>: null masks, deletion masks and selection masks share these.</summary>
internal static class Bits
{
    public static ulong[] Create(int bits) => new ulong[(bits + 63) >> 6];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Get(ulong[] bits, int i) => (bits[i >> 6] & (1UL << i)) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Set(ulong[] bits, int i) => bits[i >> 6] |= 1UL << i;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Clear(ulong[] bits, int i) => bits[i >> 6] &= ~(1UL << i);

    public static int Count(ulong[] bits)
    {
        var n = 0;
        foreach (var word in bits) n += BitOperations.PopCount(word);
        return n;
    }

    /// <summary>A copy of <paramref name="bits"/> resized to hold at least <paramref name="bitCount"/> bits.</summary>
    public static ulong[] CopyResized(ulong[]? bits, int bitCount)
    {
        var copy = Create(bitCount);
        if (bits is not null) Array.Copy(bits, copy, Math.Min(bits.Length, copy.Length));
        return copy;
    }
}
