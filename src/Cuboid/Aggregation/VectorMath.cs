using System.Numerics.Tensors;

namespace Cuboid.Aggregation;

/// <summary>Element-wise sums of array values, SIMD through TensorPrimitives where the elements are doubles.</summary>
internal static class VectorMath
{
    /// <summary>Adds <paramref name="array"/> (an int, long, float or double array of the same length) into <paramref name="sum"/>.</summary>
    public static void AddInto(double[] sum, Array array)
    {
        switch (array)
        {
            case double[] d: TensorPrimitives.Add(sum, d, sum); break;
            case float[] f: for (var i = 0; i < f.Length; i++) sum[i] += f[i]; break;
            case long[] l: for (var i = 0; i < l.Length; i++) sum[i] += l[i]; break;
            case int[] n: for (var i = 0; i < n.Length; i++) sum[i] += n[i]; break;
            default: throw new ArgumentException($"{array.GetType().Name} is not a numeric array.", nameof(array));
        }
    }

    /// <summary>The sum of two partial sums; the first may be null (no array yet) and is added into in place.</summary>
    public static double[] Merge(double[]? into, double[] from, string column)
    {
        if (into is null) return from;
        if (into.Length != from.Length)
        {
            throw new InvalidOperationException($"Column '{column}' holds arrays of {into.Length} and of {from.Length} elements in one cell: only arrays of one length add up element-wise.");
        }
        TensorPrimitives.Add(into, from, into);
        return into;
    }

    /// <summary>Takes <paramref name="from"/> out of <paramref name="into"/>, in place (an incremental update's replaced chunks).</summary>
    public static void Subtract(double[] into, double[] from, string column)
    {
        if (into.Length != from.Length)
        {
            throw new InvalidOperationException($"Column '{column}' holds arrays of {into.Length} and of {from.Length} elements in one cell: only arrays of one length add up element-wise.");
        }
        TensorPrimitives.Subtract(into, from, into);
    }
}
