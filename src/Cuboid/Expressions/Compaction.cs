using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Cuboid.Expressions;

/// <summary>
/// The positions of a mask's set rows, 32 rows a step: the mask's bits come out of one vector
/// compare, and each byte of them picks, from a table of the 256 patterns, the positions of its
/// set bits already packed to the front — eight positions stored at once, however many are set.
/// A filter's kept rows become a selection without a branch or a step a row.
/// </summary>
internal static class Compaction
{
    private static readonly Vector256<int>[] s_packed = Table();

    /// <summary>Writes <paramref name="first"/> + i for each set <c>mask[i]</c> into <paramref name="positions"/> (at least as long as the mask); returns how many.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Positions(ReadOnlySpan<bool> mask, int first, Span<int> positions)
    {
        var bytes = MemoryMarshal.Cast<bool, byte>(mask);
        if (positions.Length < bytes.Length) throw new ArgumentException("The positions must have room for every row.", nameof(positions));
        var (kept, i) = (0, 0);
        if (Vector256.IsHardwareAccelerated)
        {
            var table = s_packed;
            for (; i <= bytes.Length - Vector256<byte>.Count; i += Vector256<byte>.Count)
            {
                var bits = Vector256.GreaterThan(Vector256.Create(bytes[i..]), Vector256<byte>.Zero).ExtractMostSignificantBits();
                if (bits == 0) continue;
                for (var group = 0; group < 4; group++, bits >>= 8)
                {
                    // Eight stores even when fewer are set: the ones past the kept count are overwritten next.
                    var pattern = bits & 0xFF;
                    (Vector256.Create(first + i + 8 * group) + table[pattern]).CopyTo(positions[kept..]);
                    kept += BitOperations.PopCount(pattern);
                }
            }
        }
        for (; i < bytes.Length; i++)
        {
            positions[kept] = first + i;
            kept += bytes[i];
        }
        return kept;
    }

    private static Vector256<int>[] Table()
    {
        var table = new Vector256<int>[256];
        Span<int> lanes = stackalloc int[8];
        for (var pattern = 0; pattern < 256; pattern++)
        {
            lanes.Clear();
            var n = 0;
            for (var bit = 0; bit < 8; bit++)
            {
                if ((pattern & (1 << bit)) != 0) lanes[n++] = bit;
            }
            table[pattern] = Vector256.Create<int>(lanes);
        }
        return table;
    }
}
